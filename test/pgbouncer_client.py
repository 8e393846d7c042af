#!/usr/bin/python3
"""An application that acts for its users through one pooled login.

This is how a city app's backend (or the SMS gateway, the voice robot, the
grid workers' mini-program) uses grid behind PgBouncer in transaction mode:

  * It connects as ONE login, here app_pool, created LOGIN NOINHERIT and
    granted the role of every person (or post) it may act for.  On its own
    the login can read nothing.
  * Each request of a signed-in person is ONE transaction, and its first
    statement is SET LOCAL ROLE <the person's role>.  Row-level security,
    the staging tables and the audit then follow that role.
  * The transaction ends with COMMIT or ROLLBACK, and with it the role and
    every SET LOCAL setting.  PgBouncer in transaction mode then hands the
    same server connection to another client, and runs no DISCARD ALL in
    between: whatever a transaction leaves on the session (a session-level
    SET ROLE or SET, a temporary table without ON COMMIT DROP) is there for
    the next client.  So an application never uses SET ROLE, SET or
    RESET ROLE, only their LOCAL forms, and creates temporary tables
    ON COMMIT DROP.

Run by test/pgbouncer.sh, which starts PgBouncer with one server connection
for the pool, so that the two workers' clients below share one server
session.  It prints TAP: "ok N - ..." per check, and "1..N" at the end.

    python3 test/pgbouncer_client.py "host=127.0.0.1 port=6432 dbname=grid user=app_pool password=..."
"""
import sys
from contextlib import contextmanager

import psycopg2
from psycopg2 import errors, sql

# The signed-in person -> the role the application acts as for them.  The
# application decides who the person is (its own sign-in); SET ROLE is not
# authentication.  Never let a user's own SQL through: it could SET ROLE to
# any other role granted to the pool.
WORKERS = {
    "李网格": "pool_wjh",   # a grid worker of 王家河社区 420503004001
    "张网格": "pool_zsj",   # a grid worker of 中书街社区 420502002021
}


@contextmanager
def request(conn, person):
    """One request of a signed-in person: one transaction, as their role.

    psycopg2 opens the transaction at the first statement; "with conn"
    commits it at the end, or rolls it back when the request raises.
    Either way SET LOCAL ROLE ends with it."""
    with conn:
        with conn.cursor() as cur:
            cur.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(WORKERS[person])))
            yield cur


@contextmanager
def anonymous(conn):
    """A transaction that acts for nobody (a health check, a request before
    sign-in): it runs as the pooled login itself."""
    with conn:
        with conn.cursor() as cur:
            yield cur


def one(cur, query, args=None):
    """The first column of the one row a query returns."""
    cur.execute(query, args)
    return cur.fetchone()[0]


def column(cur, query, args=None):
    """The first column of every row, as a sorted list."""
    cur.execute(query, args)
    return sorted(row[0] for row in cur.fetchall())


def settings(cur):
    """The settings a request may change for itself, as one string."""
    return one(cur, "SELECT concat_ws(' | ', current_setting('statement_timeout'), current_setting('search_path'),"
                    " coalesce(current_setting('app.person', true), ''))")


def sqlstate_of(cur, query, args=None):
    """Run a query that should fail inside a savepoint; return its SQLSTATE
    (None if it did not fail).  The transaction goes on."""
    cur.execute("SAVEPOINT probe")
    try:
        cur.execute(query, args)
        cur.fetchall()
        state = None
    except psycopg2.Error as e:
        state = e.pgcode
    cur.execute("ROLLBACK TO SAVEPOINT probe")
    return state


# ------------------------------------------------------------------ TAP
tests = 0
failures = 0


def check(description, got, expected):
    global tests, failures
    tests += 1
    if got == expected:
        print(f"ok {tests} - {description}")
    else:
        failures += 1
        print(f"not ok {tests} - {description}")
        print(f"#   got:      {got!r}")
        print(f"#   expected: {expected!r}")
    sys.stdout.flush()


def note(text):
    print(f"# {text}")


# ------------------------------------------------------------------ the story
WJH = ["420503197707070026", "420503198512010028", "420503199003071230"]
ZSJ = ["420502197003030038", "420502198808080037"]


def main(dsn):
    # Two clients of the application (two workers, threads or processes),
    # each with its own connection to PgBouncer.  PgBouncer gives both the
    # one server connection of the pool, a transaction at a time.
    wjh = psycopg2.connect(dsn, application_name="grid worker app")
    zsj = psycopg2.connect(dsn, application_name="grid worker app")
    backends = set()

    def backend(cur):
        backends.add(one(cur, "SELECT pg_backend_pid()"))

    # The pooled login alone: no privileges, no scope.
    with anonymous(wjh) as cur:
        backend(cur)
        check("the pooled login on its own acts as itself",
              one(cur, "SELECT current_user || ' ' || grid.acting_role()::text"), "app_pool app_pool")
        check("and may not read the residents (42501: NOINHERIT, none of its roles' privileges)",
              sqlstate_of(cur, "SELECT count(*) FROM grid.resident"), "42501")
        defaults = settings(cur)

    # Autocommit (the default of some frameworks) makes every statement a
    # transaction of its own: SET LOCAL ROLE then ends at once (with a
    # WARNING), and the next statement runs as the pooled login again.
    # It fails safe, but requests must run in a transaction.
    wjh.autocommit = True
    with wjh.cursor() as cur:
        cur.execute("SET LOCAL ROLE pool_wjh")
        try:
            cur.execute("SELECT count(*) FROM grid.resident")
            state = None
        except psycopg2.Error as e:
            state = e.pgcode
        check("in autocommit, SET LOCAL ROLE lasts one statement: the next is refused (42501)", state, "42501")
    wjh.autocommit = False

    # -------------------------------------------- 李网格 of 王家河社区, request 1
    with request(wjh, "李网格") as cur:
        backend(cur)
        check("李网格's request acts as pool_wjh (current_user, grid.acting_role()), logged in as app_pool",
              one(cur, "SELECT current_user || ' ' || grid.acting_role()::text || ' ' || session_user"),
              "pool_wjh pool_wjh app_pool")
        check("李网格 sees the three residents of 王家河社区 and no one else",
              column(cur, "SELECT id::text FROM grid.resident"), WJH)
        check("and only their reports",
              column(cur, "SELECT resident_id::text FROM grid.health_report"), WJH)
        # Settings for this request only: SET LOCAL.
        cur.execute("SET LOCAL statement_timeout = '5s'")
        cur.execute("SET LOCAL search_path = grid, public")
        cur.execute("SELECT set_config('app.person', %s, true)", ("李网格",))
        check("李网格's settings hold for the request",
              settings(cur), "5s | grid, public | 李网格")
        # A work table for this request only: ON COMMIT DROP.
        cur.execute("CREATE TEMP TABLE upload (id_text text, temperature text) ON COMMIT DROP")
        # The map: 王家河社区 may read grid.cell, so grid.locate answers
        # (and fills this server session's cache of every cell).
        check("李网格 locates a point in 王家河一网格 (grid.locate, SELECT on grid.cell)",
              one(cur, "SELECT grid.locate(111.305, 30.705)::text"), "420503004001001")
        # Stage two app reports; they are 李网格's (staged_by = pool_wjh).
        cur.executemany(
            "INSERT INTO grid.stage_app (id_text, reported_at, temperature, lon, lat) VALUES (%s, %s, %s, %s, %s)",
            [(WJH[2], "2020-02-11 08:00", "36.6", "111.305", "30.705"),
             (WJH[1], "2020-02-11 08:05", "37.9", None, None)])

    # -------------------------------------------- 张网格 of 中书街社区, request 1
    with anonymous(zsj) as cur:
        backend(cur)
        check("the next client's transaction on the same server starts as the pooled login, not pool_wjh",
              one(cur, "SELECT current_user || ' ' || grid.acting_role()::text"), "app_pool app_pool")
    with request(zsj, "张网格") as cur:
        backend(cur)
        check("张网格's request acts as pool_zsj",
              one(cur, "SELECT current_user || ' ' || grid.acting_role()::text"), "pool_zsj pool_zsj")
        check("张网格 sees the two residents of 中书街社区 and no one else",
              column(cur, "SELECT id::text FROM grid.resident"), ZSJ)
        check("and only their reports",
              column(cur, "SELECT resident_id::text FROM grid.health_report"), ZSJ)
        check("李网格's SET LOCAL settings are gone (statement_timeout, search_path, app.person)",
              settings(cur), defaults)
        check("李网格's temporary table is gone (ON COMMIT DROP)",
              one(cur, "SELECT to_regclass('pg_temp.upload') IS NULL"), True)
        # The server session's cell cache was filled by 李网格's role; it
        # must not answer a role that may not read grid.cell.
        check("grid.locate refuses 张网格 (42501: no SELECT on grid.cell), whatever the session's cache holds",
              sqlstate_of(cur, "SELECT grid.locate(111.305, 30.705)"), "42501")
        check("张网格 sees none of the rows 李网格 staged",
              one(cur, "SELECT count(*) FROM grid.stage_app"), 0)
        cur.execute("INSERT INTO grid.stage_app (id_text, reported_at, temperature) VALUES (%s, %s, %s)",
                    (ZSJ[0], "2020-02-11 09:00", "36.4"))
        cur.execute("SELECT received, accepted, rejected FROM grid.ingest_app('张网格, morning')")
        check("张网格's batch takes only the row 张网格 staged (received, accepted, rejected)",
              cur.fetchone(), (1, 1, 0))
        check("and 张网格 now sees that report, still none of 王家河社区's",
              column(cur, "SELECT resident_id::text FROM grid.health_report WHERE reported_at >= '2020-02-11'"),
              [ZSJ[0]])

    # -------------------------------------------- 李网格, request 2
    with request(wjh, "李网格") as cur:
        backend(cur)
        check("李网格's staged rows waited for 李网格's own batch",
              one(cur, "SELECT count(*) FROM grid.stage_app"), 2)
        check("the ingest work tables of 张网格's batch are gone",
              one(cur, "SELECT to_regclass('pg_temp.ops_in') IS NULL AND to_regclass('pg_temp.ops_rec') IS NULL"),
              True)
        cur.execute("SELECT received, accepted, fevers FROM grid.ingest_app('李网格, morning')")
        check("李网格's batch takes 李网格's two rows (received, accepted, fevers)",
              cur.fetchone(), (2, 2, 1))
        cur.execute("SELECT resident_id::text, coalesce(cell::text, '-'), fever FROM grid.health_report"
                    " WHERE reported_at >= '2020-02-11' ORDER BY 1")
        check("李网格 sees its two new reports, the one with coordinates located in its cell, none of 中书街社区's",
              cur.fetchall(), [(WJH[1], "-", True), (WJH[2], "420503004001001", False)])

    # -------------------------------------------- a request that fails
    try:
        with request(zsj, "张网格") as cur:
            backend(cur)
            cur.execute("SET LOCAL statement_timeout = '1s'")
            cur.execute("SELECT 1 / 0")
    except errors.DivisionByZero:
        pass
    with anonymous(wjh) as cur:
        backend(cur)
        check("after a request that failed and was rolled back, the next transaction is the pooled login's again",
              (one(cur, "SELECT current_user::text"), settings(cur)), ("app_pool", defaults))

    # -------------------------------------------- what NOT to do
    # A session-level SET ROLE (or SET) outlives the transaction: PgBouncer
    # hands the session to the next client as it is.
    with anonymous(wjh) as cur:
        backend(cur)
        cur.execute("SET ROLE pool_wjh")            # WRONG: not LOCAL
        cur.execute("SET statement_timeout = '7s'")  # WRONG: not LOCAL
    with anonymous(zsj) as cur:
        backend(cur)
        leaked_role = one(cur, "SELECT current_user || ' ' || grid.acting_role()::text")
        leaked_rows = column(cur, "SELECT id::text FROM grid.resident")
        leaked_setting = one(cur, "SELECT current_setting('statement_timeout')")
    note("what NOT to do: a session-level SET ROLE and SET in one client's transaction")
    check("NOT TO DO: session-level SET ROLE leaks: the other client's next transaction runs as pool_wjh",
          leaked_role, "pool_wjh pool_wjh")
    check("NOT TO DO: and reads 王家河社区's residents, which its own requests never see",
          leaked_rows, WJH)
    check("NOT TO DO: session-level SET leaks the same way (statement_timeout = 7s)",
          leaked_setting, "7s")
    with anonymous(zsj) as cur:
        cur.execute("RESET ROLE")
        cur.execute("RESET statement_timeout")
        check("RESET ROLE and RESET undo it for whoever runs next",
              (one(cur, "SELECT current_user::text"), settings(cur)), ("app_pool", defaults))

    check("every transaction of both clients ran on one server connection (pg_backend_pid)",
          len(backends), 1)
    wjh.close()
    zsj.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: pgbouncer_client.py DSN")
    try:
        main(sys.argv[1])
    except Exception as e:          # a failure outside a check: say what and where
        tests += 1
        failures += 1
        print(f"not ok {tests} - the client stopped: {type(e).__name__}: {e}".replace("\n", " "))
    print(f"1..{tests}")
    sys.exit(1 if failures else 0)
