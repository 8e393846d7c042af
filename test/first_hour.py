#!/usr/bin/env python3
"""test/first_hour.py: the README's "first hour" walked exactly as written.

The README's tour has a part between <!-- first-hour:start database=NAME -->
and <!-- first-hour:end -->.  Every fenced block in it is run in order, each
in a new session, against the server the environment (PGHOST, PGPORT, ...)
points at:

  ```sh    run with bash; it must exit 0
  ```sql   fed to psql on standard input, in database NAME (without the
           CONTEXT lines of errors, which name lines of grid's functions)

A fence without a language right after a block is that block's output as
the README shows it; the run must print exactly that (trailing blanks
ignored), errors included.  A block without one must not print an ERROR.

Prints TAP, one test per block: run it with `prove --exec python3`.
"""
import os
import re
import subprocess
import sys

README = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "README.md")


def blocks(text):
    """The (line, language, code, expected output or None) of the first hour."""
    start = re.search(r"<!-- first-hour:start database=(\w+) -->", text)
    end = text.find("<!-- first-hour:end -->")
    if not start or end < start.end():
        sys.exit("README.md has no <!-- first-hour:start database=... --> ... <!-- first-hour:end --> part")
    first_line = text.count("\n", 0, start.end()) + 1
    lines = text[start.end():end].split("\n")
    found, i = [], 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        lang, at, body = m.group(1), first_line + i, []
        i += 1
        while i < len(lines) and lines[i].rstrip() != "```":
            body.append(lines[i])
            i += 1
        i += 1
        if lang in ("sh", "sql"):
            found.append([at, lang, "\n".join(body) + "\n", None])
        elif lang in ("", "text") and found and found[-1][3] is None:
            found[-1][3] = "\n".join(body)
    return start.group(1), found


def normalise(out):
    return "\n".join(line.rstrip() for line in out.strip("\n").split("\n"))


def main():
    database, todo = blocks(open(README, encoding="utf-8").read())
    # NOTICEs come on another stream, in no fixed order with the results:
    # the README leaves them out.
    os.environ["PGOPTIONS"] = (os.environ.get("PGOPTIONS", "") + " -c client_min_messages=warning").strip()
    print("1..%d" % len(todo))
    failed = 0
    for n, (line, lang, code, expected) in enumerate(todo, 1):
        if lang == "sh":
            run = subprocess.run(["bash", "-e", "-c", code], capture_output=True, text=True,
                                 cwd=os.path.dirname(README))
        else:
            run = subprocess.run(["psql", "-X", "-q", "-P", "footer=off", "-v", "SHOW_CONTEXT=never", "-d", database],
                                 input=code, capture_output=True, text=True)
        got = normalise(run.stdout + run.stderr)
        ok = run.returncode == 0
        if expected is not None:
            ok = ok and got == normalise(expected)
        elif "ERROR:" in got:
            ok = False
        print("%s %d - README.md line %d (%s)" % ("ok" if ok else "not ok", n, line, lang))
        if not ok:
            failed += 1
            print("# exit status %d; printed:" % run.returncode)
            for l in got.split("\n"):
                print("#   " + l)
            if expected is not None:
                print("# the README shows:")
                for l in normalise(expected).split("\n"):
                    print("#   " + l)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
