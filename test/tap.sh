# test/tap.sh: TAP output for the shell tests (test/restore.sh,
# test/upgrade.sh).  Sourced, not run.  Needs $work, a scratch directory.
tests=0
failures=0
ok() {        # ok <description>
    tests=$((tests + 1)); echo "ok $tests - $1"
}
not_ok() {    # not_ok <description> <file with the details>
    tests=$((tests + 1)); failures=$((failures + 1))
    echo "not ok $tests - $1"
    [ -s "${2:-}" ] && head -40 "$2" | sed 's/^/#   /'
    return 0
}
# check <description> <command...>: passes when the command exits 0.
check() {
    local d=$1; shift
    if "$@" > "$work/out" 2>&1; then ok "$d"; else not_ok "$d" "$work/out"; fi
}
# clean <description> <exit code> <file of its messages>: a command exited
# 0 and said nothing.
clean() {
    if [ "$2" -eq 0 ] && [ ! -s "$3" ]; then ok "$1"
    else echo "exit code $2" >> "$3"; not_ok "$1" "$3"; fi
}

# done_testing: the plan line and the exit status.
done_testing() {
    echo "1..$tests"
    [ "$failures" -eq 0 ]
}
