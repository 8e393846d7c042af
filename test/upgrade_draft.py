#!/usr/bin/env python3
"""test/upgrade_draft.py: a first draft of the next upgrade script.

    GRID_UPGRADE_DUMPS=DIR bash test/upgrade.sh   # leaves DIR/<previous>.dump and DIR/new.dump
    python3 test/upgrade_draft.py DIR/0.1.0.dump DIR/new.dump > draft.sql

Both dumps are `pg_dump --binary-upgrade --schema-only`: of a database of
the previous release updated with the upgrade script as it stands, and of a
fresh install of the current build; so the draft is what the script still
lacks.  It has, in the current dump's order (which is dependency order), every object
that is new or changed: functions and views as CREATE OR REPLACE, triggers,
policies and indexes dropped and created again, comments and privileges as
they are now.  A table whose definition changed, and every object that is
gone, is left as a comment saying what to write by hand (ALTER TABLE ...
ADD COLUMN at the end, so that an updated table equals a fresh one; DROP
...).  The draft is where the upgrade script starts, not the script: read
it, order it, add what fills new tables, and let test/upgrade.sh judge.
"""
import re
import sys

NOISE = re.compile(r"binary_upgrade_|relfrozenxid|^-- For binary upgrade|^\\(un)?restrict |"
                   r"^-- Dumped |^ALTER EXTENSION \w+ ADD |OWNER TO postgres;$|^SET |^SELECT pg_catalog.set_config|"
                   r"WHERE oid = .[0-9]+.;$")


def blocks(path):
    """The dump's objects in order: [(key, text)], key the '-- Name:' line
    (with a count when a name comes again, as a table's does for its data)."""
    out, key, body, seen = [], None, [], {}
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.startswith("-- Name: "):
            if key:
                out.append((key, "\n".join(body).strip()))
            key, body = re.sub(r"; Owner: .*$", "", line[len("-- Name: "):]), []
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key += " (%d)" % seen[key]
        elif key and line != "--" and not NOISE.search(line):
            body.append(line)
    if key:
        out.append((key, "\n".join(body).strip()))
    return out


def kind(key):
    return re.search(r"; Type: ([A-Z ]+);", key).group(1)


def main(old_path, new_path):
    old = dict(blocks(old_path))
    new = blocks(new_path)
    print("-- draft: new or changed objects, in dependency order")
    for key, text in new:
        if old.get(key) == text:
            continue
        k, changed = kind(key), key in old
        print("\n-- %s %s" % ("changed:" if changed else "new:", key))
        if k in ("FUNCTION", "PROCEDURE", "AGGREGATE") and changed:
            print(re.sub(r"^CREATE (FUNCTION|PROCEDURE)", r"CREATE OR REPLACE \1", text, flags=re.M))
        elif k == "VIEW" and changed:
            print(re.sub(r"^CREATE VIEW", "CREATE OR REPLACE VIEW", text, flags=re.M))
        elif k in ("TRIGGER", "POLICY", "INDEX", "CONSTRAINT", "FK CONSTRAINT") and changed:
            name = key.split(";")[0]
            print("-- drop the old %s %s first" % (k.lower(), name))
            print(text)
        elif k in ("TABLE", "TYPE", "SEQUENCE") and changed:
            print("-- write by hand (ALTER %s); it is now:" % k)
            print("\n".join("-- " + l for l in text.split("\n")))
        else:
            print(text)
    newkeys = {k for k, _ in new}
    for key in old:
        if key not in newkeys:
            print("\n-- gone: %s (write its DROP by hand)" % key)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
