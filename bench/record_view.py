"""Helper for bench/http.sh's signed-in record view (issue 3, Speed): sign in as the demo
coordinator, find a person the coordinator may see, and count audit entries.

  python3 bench/record_view.py cookie BASE_URL     # prints a Cookie header value
  python3 bench/record_view.py person DATABASE_URL # prints the public id of a visible person
  python3 bench/record_view.py audit DATABASE_URL  # prints COUNT(*) of audit_entries
  python3 bench/record_view.py case DATABASE_URL   # public id of an open case of USER with a SIP

Sign-in (password + TOTP from content/demo/users.toml) reuses the integration tests' Browser and
TOTP code (tests/integration/test_sign_in.py), so the bench signs in exactly as the tests do.
SQLite is read with Python's sqlite3 module, PostgreSQL with psql. Standard library only."""
import os
import sqlite3
import subprocess
import sys
import time
import urllib.parse

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

import fyren_process  # noqa: E402  (only for its HTTP client; it starts nothing here)
from test_sign_in import Browser  # noqa: E402

# BENCH_USER signs in as another demo user (bench/intake_queue.sh: the demo intake worker).
USER = os.environ.get("BENCH_USER", "demo.coordinator")

# Demo person 1 of content/demo/persons.toml: Centrum, the coordinator on its case team, not a
# protected identity, so the coordinator's view is an ordinary audited read.
PERSON_SQL = (
    "SELECT p.public_id FROM persons p JOIN organisations o ON o.tenant_id = p.tenant_id "
    "AND o.organisation_id = p.owning_authority_id WHERE o.code = 'CEN' "
    "AND p.protected_identity = 0 AND EXISTS (SELECT 1 FROM person_staff s JOIN users u "
    "ON u.tenant_id = s.tenant_id AND u.user_id = s.user_id WHERE s.tenant_id = p.tenant_id "
    "AND s.person_id = p.person_id AND s.on_team = 1 AND u.username = '" + USER + "') "
    "ORDER BY p.created_at LIMIT 1")
AUDIT_SQL = "SELECT COUNT(*) FROM audit_entries"
# bench/exit_cases.sh: the newest open case USER coordinates that has a plan (the generator's
# cases, bench/exit_cases_load.cc, all have one; the person is not protected).
CASE_SQL = (
    "SELECT c.public_id FROM exit_cases c JOIN users u ON u.tenant_id = c.tenant_id "
    "AND u.user_id = c.responsible_user_id JOIN persons p ON p.tenant_id = c.tenant_id "
    "AND p.person_id = c.person_id WHERE u.username = '" + USER + "' AND c.status = 'open' "
    "AND p.protected_identity = 0 AND EXISTS (SELECT 1 FROM sips s WHERE s.tenant_id = "
    "c.tenant_id AND s.case_id = c.case_id) ORDER BY c.created_at DESC LIMIT 1")


class _Server(fyren_process.Server):
    """fyren_process.Server's request() against a server someone else started."""

    def __init__(self, base_url):  # pylint: disable=super-init-not-called
        parts = urllib.parse.urlsplit(base_url)
        if parts.hostname != "127.0.0.1":
            raise SystemExit("record_view.py: only 127.0.0.1")
        self.port = parts.port
        self.process = None
        self.log_path = None


def cookie(base_url):
    """Signs in and returns the cookies once a page that needs the full session answers 200.
    A TOTP code is accepted once per user: if this 30 s step's code was already used (a second
    run within the same step), wait for the next step and try again."""
    server = _Server(base_url)
    for attempt in range(2):
        browser = Browser(server)
        try:
            browser.sign_in(USER)
        except AssertionError:
            pass
        status, _, _ = browser.request("GET", "/persons", follow=False)
        if status == 200:
            return "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
        if attempt == 0:
            time.sleep(31 - time.time() % 30)
    raise SystemExit(f"record_view.py: sign-in as {USER} did not give a session (GET /persons "
                     f"answered {status})")


def query_one(database_url, sql):
    if database_url.startswith("sqlite:"):
        db = sqlite3.connect(database_url[len("sqlite:"):], timeout=30)
        try:
            rows = db.execute(sql).fetchall()
        finally:
            db.close()
        if len(rows) != 1:
            raise SystemExit(f"record_view.py: expected one row from: {sql}")
        return str(rows[0][0])
    out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", database_url,
                          "-c", sql], check=True, capture_output=True, text=True, timeout=60)
    value = out.stdout.strip()
    if not value or "\n" in value:
        raise SystemExit(f"record_view.py: expected one row from: {sql}")
    return value


def main(argv):
    if len(argv) != 3 or argv[1] not in ("cookie", "person", "audit", "case"):
        raise SystemExit(__doc__)
    if argv[1] == "cookie":
        print(cookie(argv[2]))
    elif argv[1] == "person":
        print(query_one(argv[2], PERSON_SQL))
    elif argv[1] == "case":
        print(query_one(argv[2], CASE_SQL))
    else:
        print(query_one(argv[2], AUDIT_SQL))


if __name__ == "__main__":
    main(sys.argv)
