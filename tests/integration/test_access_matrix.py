"""The access matrix, generated from the route table (issue 3, item 7).

`fyren routes --json` lists every route with the permission it requires. For every route and for
the anonymous visitor and every demo role (content/demo/users.toml, signed in with password and
TOTP), this test asserts the outcome the ORACLE below expects: allowed, or denied with the right
status (303 to the sign-in page or 401 for the anonymous, 403 for a role without the permission).
The oracle is written here from the issue and DESIGN.md, not asked from the server.

A route whose permission the oracle does not know, or with a path parameter that has no fixture
here, fails the test: a new route cannot go in without someone deciding who may use it.

Record routes (a {id} under /persons or /api/v1/persons) are checked per role against persons
read from the database: own/other authority x on/off the case team x protected identity or not.
A denial must look exactly like a person that does not exist (same status, same body apart from
the request id), so an id in a URL never tells whether the record exists."""
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
import urllib.parse

import fyren_process as fp
from test_sign_in import DEMO, Browser

# --- The oracle -------------------------------------------------------------------------------

# Permissions anyone may use; the handler itself deals with the sign-in steps.
OPEN = {"public", "sign_in"}

# Which permissions each role has (issue 3, "Users and roles" and "Access decisions"; DESIGN.md,
# Access). Written out here on purpose, independently of src/trust/access/role_permissions.cc.
ROLE_GRANTS = {
    "system_administrator": {"signed_in", "manage_users", "manage_organisation"},
    "authority_administrator": {"signed_in", "manage_users", "manage_organisation"},
    "coordinator": {"signed_in", "read_personal_data", "write_personal_data",
                    "export_personal_data", "emergency_access"},
    "social_worker": {"signed_in", "read_personal_data", "write_personal_data",
                      "export_personal_data", "emergency_access", "work_intake_queue"},
    "intake_worker": {"signed_in", "read_personal_data", "write_personal_data",
                      "emergency_access", "work_intake_queue"},
    "school_health_staff": {"signed_in", "read_personal_data", "write_personal_data"},
    "barnahus_staff": {"signed_in", "read_personal_data", "write_personal_data",
                       "export_personal_data"},
    "competence_centre_staff": {"signed_in", "read_personal_data", "write_personal_data",
                                "edit_support_directory", "answer_consultations"},
    "outreach_worker": {"signed_in", "read_personal_data", "write_personal_data"},
    "analyst": {"signed_in", "view_statistics"},
    "log_reviewer": {"signed_in", "review_audit_log"},
    "external_partner": {"signed_in", "read_shared"},
}

# Every permission the oracle has an expectation for. A route naming another one fails.
KNOWN_PERMISSIONS = OPEN | set().union(*ROLE_GRANTS.values()) | {"read_shared"}

# Path parameters of ordinary routes, by pattern. A route with a parameter that is neither here
# nor a record route fails the test. Users and persons are taken from the unit the demo authority
# administrator and the demo log reviewer share, so both may see them; the user is a throwaway
# account (MATRIX_USER) because the administration POSTs may deactivate it or end its sessions.
MATRIX_USER = "matrix.target"
MATRIX_UNIT = "CEN-FV"


def ordinary_fixtures(db):
    org = db.execute("SELECT public_id FROM organisations ORDER BY organisation_id LIMIT 1").fetchone()
    user = db.execute("SELECT public_id FROM users WHERE username = ?", (MATRIX_USER,)).fetchone()
    unit = db.execute("SELECT organisation_id, parent_id FROM organisations WHERE code = ?",
                      (MATRIX_UNIT,)).fetchone()
    person = None
    if db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'persons'").fetchone()[0]:
        person = db.execute("SELECT public_id FROM persons WHERE owning_authority_id IN (?, ?) "
                            "ORDER BY person_id LIMIT 1", (unit[0], unit[1])).fetchone()
    person_id = person[0] if person else unknown_public_id()
    # The support directory: a real visible entry (the demo data seeds it). The POSTs the matrix
    # sends carry no version or fields, so they change nothing (422 or a conflict redirect).
    entry = None
    if db.execute("SELECT COUNT(*) FROM sqlite_master "
                  "WHERE name = 'support_directory_entries'").fetchone()[0]:
        entry = db.execute("SELECT public_id FROM support_directory_entries WHERE visible = 1 "
                           "ORDER BY entry_id LIMIT 1").fetchone()
    entry_id = entry[0] if entry else unknown_public_id()
    # Exit cases: the demo case shared with NGO-A, the demo partner's organisation (the partner
    # reads it; a case without an active consent is tested in tests/integration/test_exit_cases.py).
    shared_case = None
    if db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'consents'").fetchone()[0]:
        shared_case = db.execute(
            "SELECT c.public_id FROM exit_cases c JOIN consents k ON k.tenant_id = c.tenant_id "
            "AND k.case_id = c.case_id JOIN organisations o ON o.tenant_id = k.tenant_id "
            "AND o.organisation_id = k.organisation_id WHERE o.code = 'NGO-A' "
            "AND k.withdrawn_at IS NULL ORDER BY c.case_id LIMIT 1").fetchone()
    return {
        "/shared/cases/{id}": {"id": shared_case[0] if shared_case else unknown_public_id()},
        "/where-to-turn/{id}": {"id": entry_id},
        "/where-to-turn/manage/{id}/edit": {"id": entry_id},
        "/where-to-turn/manage/{id}/visibility": {"id": entry_id},
        "/static/{file}": {"file": "fyren.css"},
        "/api/v1/organisations/{id}": {"id": org[0]},
        "/admin/users/{id}": {"id": user[0]},
        "/admin/users/{id}/roles": {"id": user[0]},
        "/admin/users/{id}/deactivate": {"id": user[0]},
        "/admin/users/{id}/end-sessions": {"id": user[0]},
        "/admin/users/{id}/unlock": {"id": user[0]},
        "/admin/users/{id}/invite": {"id": user[0]},
        "/admin/units/{id}": {"id": db.execute("SELECT public_id FROM organisations WHERE code = ?",
                                                (MATRIX_UNIT,)).fetchone()[0]},
        "/api/v1/users/{id}": {"id": user[0]},
        "/api/v1/users/{id}/end-sessions": {"id": user[0]},
        "/invite/{token}": {"token": "a" * 43},
        "/audit/persons/{id}": {"id": person_id},
        "/audit/persons/{id}/extract": {"id": person_id},
        "/audit/persons/{id}/extract.csv": {"id": person_id},
        "/audit/users/{id}": {"id": user[0]},
        # Screenings: the instrument is content; a screening id that no record has (whether a
        # real one is readable is decided by its scope: tests/integration/test_screenings.py).
        "/screenings/new/{instrument}": {"instrument": "youth"},
        "/screenings/{id}": {"id": unknown_public_id()},
        "/api/v1/instruments/{id}": {"id": "youth"},
        "/api/v1/screenings/{id}": {"id": unknown_public_id()},
        # Reports of concern: an id no report has (a real one is decided by the receiving
        # committee and the reporter: tests/integration/test_concerns.py).
        "/concerns/receipts/{ref}": {"ref": unknown_public_id()},
        "/intake/{id}": {"id": unknown_public_id()},
        "/intake/{id}/assessment": {"id": unknown_public_id()},
        "/intake/{id}/decision": {"id": unknown_public_id()},
        "/intake/{id}/close": {"id": unknown_public_id()},
        "/api/v1/concerns/{id}": {"id": unknown_public_id()},
        "/api/v1/concerns/{id}/receipt": {"id": unknown_public_id()},
        "/api/v1/concerns/{id}/assessment": {"id": unknown_public_id()},
        "/api/v1/concerns/{id}/decision": {"id": unknown_public_id()},
        # SIP revisions: a case id no case has (the other /cases/{id}/sip routes are CASE_ROUTEs;
        # a real revision is decided by the case's scope: tests/integration/test_sip.py).
        "/cases/{id}/sip/revisions/{rev}": {"id": unknown_public_id(), "rev": "1"},
        "/api/v1/cases/{id}/sip/revisions/{rev}": {"id": unknown_public_id(), "rev": "1"},
        # Tasks: a task id no task has (a task is only its assignee's; another user's is the same
        # 404: tests/integration/test_tasks.py).
        "/inbox/{task}/done": {"task": unknown_public_id()},
        "/api/v1/tasks/{id}/done": {"id": unknown_public_id()},
        # Referrals and consultations: an id no record has (a real one is decided by the sending
        # and receiving units: tests/integration/test_referrals.py).
        "/referrals/{id}": {"id": unknown_public_id()},
        "/referrals/{id}/status": {"id": unknown_public_id()},
        "/api/v1/referrals/{id}": {"id": unknown_public_id()},
        "/api/v1/referrals/{id}/status": {"id": unknown_public_id()},
        "/consultations/{id}": {"id": unknown_public_id()},
        "/consultations/{id}/answer": {"id": unknown_public_id()},
        "/api/v1/consultations/{id}": {"id": unknown_public_id()},
        "/api/v1/consultations/{id}/answer": {"id": unknown_public_id()},
    }


# Record routes: a person's public id in {id}, the person's scope decided per user.
RECORD_ROUTE = re.compile(r"^(/api/v1)?/persons/\{id\}(/[a-z0-9-]+)*$")
# Exit case routes without a fixture above: a case's public id in {id}, decided as its person is
# (the person's authority, team and protected identity). A {consent} is one no record has: in
# scope that is a 404 of its own ("no such consent"), out of scope the same 404 as a missing case.
CASE_ROUTE = re.compile(r"^(/api/v1)?/cases/\{id\}(/[a-z0-9-]+|/\{consent\})*$")

# Routes that end the session they are called with: run last for each identity.
SESSION_ENDING = {("POST", "/sign-out"), ("POST", "/account/sign-out-everywhere")}


def record_in_scope(permission, user, person):
    """Need-to-know (issue 3, item 3): role permission AND owning authority AND the case team
    (or an active share or emergency access, none of which the demo data holds). Emergency
    access opens a record of one's own authority that one is not on the team of."""
    if person["authority"] != user["authority"]:
        return False
    if permission == "emergency_access":
        return True
    return person["on_team"].get(user["user_id"], False)


# --- Fixtures from the database ---------------------------------------------------------------

def load_world(db_path):
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        orgs = {oid: (parent, kind) for oid, parent, kind in
                db.execute("SELECT organisation_id, parent_id, kind FROM organisations")}

        def authority_of(oid):
            for _ in range(32):
                if oid is None or oid not in orgs:
                    return None
                parent, kind = orgs[oid]
                if kind == "authority":
                    return oid
                oid = parent
            return None

        users = {}
        for user_id, username, unit in db.execute("SELECT user_id, username, unit_id FROM users"):
            users[username] = {"user_id": user_id, "authority": authority_of(unit)}
        persons = []
        has_persons = db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                                 "name = 'persons'").fetchone()[0] == 1
        if has_persons:
            for pid, public_id, authority, protected in db.execute(
                    "SELECT person_id, public_id, owning_authority_id, protected_identity "
                    "FROM persons"):
                team = {u: bool(on) for u, on in db.execute(
                    "SELECT user_id, on_team FROM person_staff WHERE person_id = ?", (pid,))}
                persons.append({"person_id": pid, "public_id": public_id, "authority": authority,
                                "protected": bool(protected), "on_team": team})
        cases = []
        has_cases = db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                               "name = 'exit_cases'").fetchone()[0] == 1
        if has_cases:
            by_id = {p["person_id"]: p for p in persons}
            for public_id, person_id in db.execute("SELECT public_id, person_id FROM exit_cases"):
                person = by_id.get(person_id)
                if person:
                    cases.append(dict(person, public_id=public_id))
        return users, persons, cases, ordinary_fixtures(db)
    finally:
        db.close()


def fill(pattern, params):
    return re.sub(r"\{([a-z_]+)\}", lambda m: urllib.parse.quote(params[m.group(1)], safe=""),
                  pattern)


def parameters(pattern):
    return re.findall(r"\{([a-z_]+)\}", pattern)


def unknown_public_id():
    """The shape of a real public id (26 lower-case base32 characters) that no record has."""
    return "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(26))


def normalised(body, response_headers, record_id):
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    request_id = response_headers.get("x-request-id")
    if request_id:
        text = text.replace(request_id, "REQUEST-ID")
    return text.replace(record_id, "RECORD-ID")


class Identity:
    """The anonymous visitor or one signed-in demo user, with a browser that carries the
    session cookie and the CSRF token."""

    def __init__(self, server, username=None, role=None):
        self.username = username
        self.role = role
        self.browser = Browser(server)
        self.browser.get("/sign-in")  # the pre-session CSRF cookie

    @property
    def label(self):
        return self.role or "anonymous"

    def grants(self, permission):
        return permission in OPEN or (self.role is not None and
                                      permission in ROLE_GRANTS.get(self.role, set()))

    def call(self, method, path):
        b = self.browser
        if method == "GET":
            return b.request("GET", path, follow=False)
        if path.startswith("/api/"):
            headers = {"Content-Type": "application/json"}
            if b.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in b.cookies.items())
            status, out, data = b.server.request(method, path, body=b"{}", headers=headers)
            return status, out, data.decode("utf-8", "replace")
        return b.request(method, path, form={}, follow=False)


class AccessMatrixTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="fyren-matrix-")
        cls.db_path = os.path.join(cls.dir, "fyren.db")
        cls.url = "sqlite:" + cls.db_path
        cls.server = fp.Server(cls.url).start()
        added = fp.run(["user", "add", "--username", MATRIX_USER, "--name", "Matris Mål",
                        "--unit", MATRIX_UNIT, "--role", "social_worker",
                        "--password", "a throwaway passphrase for the matrix"], cls.url)
        assert added.returncode == 0, added.stderr
        done = subprocess.run([fp.FYREN, "routes", "--json"], capture_output=True, text=True,
                              timeout=30)
        assert done.returncode == 0, done.stderr
        cls.routes = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        cls.users, cls.persons, cls.cases, cls.fixtures = load_world(cls.db_path)
        # Every demo user signs in once, before anything else counts failures against the
        # loopback address (sign-in throttling is per address too).
        cls.identities = [Identity(cls.server)]
        for user in DEMO["user"]:
            identity = Identity(cls.server, user["username"], user["role"])
            identity.browser.sign_in(user["username"])
            identity.browser.get("/account")  # the session's CSRF token
            cls.identities.append(identity)

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls.server.close()
        shutil.rmtree(cls.dir, ignore_errors=True)
        assert code == 0, f"fyren serve exited with {code}"

    def test_every_route_has_a_policy_the_test_knows(self):
        self.assertTrue(self.routes)
        problems = []
        for route in self.routes:
            where = f"{route['method']} {route['pattern']}"
            if route["permission"] not in KNOWN_PERMISSIONS:
                problems.append(f"{where}: permission '{route['permission']}' has no expectation "
                                "in test_access_matrix.py (add it to ROLE_GRANTS/OPEN)")
            params = parameters(route["pattern"])
            if self.is_case_route(route):
                if params not in (["id"], ["id", "consent"]):
                    problems.append(f"{where}: case route with parameters {params}: add fixtures")
                continue
            if params and not RECORD_ROUTE.match(route["pattern"]) and \
                    route["pattern"] not in self.fixtures:
                problems.append(f"{where}: no fixture for path parameter(s) {params}")
            if RECORD_ROUTE.match(route["pattern"]) and params != ["id"]:
                problems.append(f"{where}: record route with parameters {params}: add fixtures")
        self.assertEqual(problems, [], "\n".join(problems))

    def test_every_demo_role_is_covered_by_the_oracle(self):
        for user in DEMO["user"]:
            self.assertIn(user["role"], ROLE_GRANTS, user["username"])

    def ordered_routes(self):
        runnable = [r for r in self.routes if r["permission"] in KNOWN_PERMISSIONS]
        # GETs first, then other writes, then the routes that end the session.
        return sorted(runnable, key=lambda r: ((r["method"], r["pattern"]) in SESSION_ENDING,
                                               r["method"] != "GET"))

    def check_gate(self, identity, route, path, status, headers, body, problems):
        """The route-level expectation; returns True when the request was let through."""
        where = f"{identity.label:24} {route['method']:6} {path}"
        is_api = path.startswith("/api/")
        if status >= 500:
            problems.append(f"{where}: {status} (500 means a bug)")
            return False
        if identity.grants(route["permission"]):
            if status == 403 or (status == 303 and
                                 headers.get("location", "").startswith("/sign-in?next=")):
                problems.append(f"{where}: expected allowed, got {status} "
                                f"{headers.get('location', '')}")
            return True
        if identity.role is None:
            if is_api:
                if status != 401 or headers.get("content-type") != "application/problem+json":
                    problems.append(f"{where}: expected 401 problem+json, got {status}")
            elif status != 303 or not headers.get("location", "").startswith("/sign-in"):
                problems.append(f"{where}: expected 303 to /sign-in, got {status} "
                                f"{headers.get('location', '')}")
            return False
        if status != 403:
            problems.append(f"{where}: expected 403 for role {identity.role}, got {status}")
        elif is_api and headers.get("content-type") != "application/problem+json":
            problems.append(f"{where}: a 403 from the API must be problem+json")
        return False

    def test_matrix(self):
        problems = []
        cells = 0
        for identity in self.identities:
            for route in self.ordered_routes():
                if RECORD_ROUTE.match(route["pattern"]):
                    cells += self.check_record_route(identity, route, problems)
                    continue
                if self.is_case_route(route):
                    cells += self.check_record_route(identity, route, problems, self.cases)
                    continue
                params = parameters(route["pattern"])
                if params and route["pattern"] not in self.fixtures:
                    continue  # reported by test_every_route_has_a_policy_the_test_knows
                path = fill(route["pattern"], self.fixtures.get(route["pattern"], {}))
                status, headers, body = identity.call(route["method"], path)
                cells += 1
                allowed = self.check_gate(identity, route, path, status, headers, body, problems)
                if (route["method"], route["pattern"]) in SESSION_ENDING:
                    identity.browser.token = None  # signed out: the pre-session token from now
                    identity.browser.get("/sign-in")
                # Allowed: the page, or a step-up (a redirect that is not to the sign-in page).
                # The audit pages may answer 404 for a person the demo data does not have.
                if allowed and route["method"] == "GET" and route["permission"] not in OPEN \
                        and status != 200 and status != 303 and \
                        not (status == 404 and route["pattern"].startswith(
                            ("/audit/persons/", "/screenings/{id}", "/api/v1/screenings/{id}",
                             "/concerns/receipts/{ref}", "/intake/{id}",
                             "/api/v1/concerns/{id}", "/cases/{id}/sip/revisions/",
                             "/api/v1/cases/{id}/sip/revisions/", "/referrals/{id}",
                             "/api/v1/referrals/{id}", "/consultations/{id}",
                             "/api/v1/consultations/{id}"))):
                    problems.append(f"{identity.label} GET {path}: allowed but {status}")
                if identity.role and route["method"] != "GET" and \
                        (route["method"], route["pattern"]) not in SESSION_ENDING:
                    alive = identity.browser.get("/account")[0]
                    if alive != 200:
                        problems.append(f"{identity.label} {route['method']} {path} ended the "
                                        "session: add it to SESSION_ENDING")
                        identity.browser.sign_in(identity.username)
        self.assertGreater(cells, len(self.routes))
        self.assertEqual(problems, [], f"{len(problems)} of {cells} cells wrong:\n" +
                         "\n".join(problems))

    def is_case_route(self, route):
        return CASE_ROUTE.match(route["pattern"]) and route["pattern"] not in self.fixtures

    def person_fixtures(self, identity, records=None):
        """One person (or case of a person) per (own authority, on team, protected) combination
        the data holds."""
        user = self.users.get(identity.username) if identity.username else None
        chosen = {}
        for person in (self.persons if records is None else records):
            own = user is not None and person["authority"] == user["authority"]
            team = user is not None and person["on_team"].get(user["user_id"], False)
            chosen.setdefault((own, team, person["protected"]), person)
        return user, chosen

    def check_record_route(self, identity, route, problems, records=None):
        user, chosen = self.person_fixtures(identity, records)
        missing = unknown_public_id()
        consent = unknown_public_id()
        cells = 0
        for (own, team, protected), person in sorted(chosen.items()):
            path = fill(route["pattern"], {"id": person["public_id"], "consent": consent})
            status, headers, body = identity.call(route["method"], path)
            cells += 1
            where = (f"{identity.label:24} {route['method']:6} {route['pattern']} "
                     f"[{'own' if own else 'other'} authority, {'on' if team else 'off'} team, "
                     f"{'protected' if protected else 'not protected'}]")
            if not self.check_gate(identity, route, path, status, headers, body, problems):
                continue
            if identity.role is None:
                continue
            if record_in_scope(route["permission"], user, person):
                if status == 404 and "{consent}" not in route["pattern"]:
                    problems.append(f"{where}: in scope but 404")
                continue
            # Denied: must be the same answer as for an id that does not exist.
            ghost = fill(route["pattern"], {"id": missing, "consent": consent})
            g_status, g_headers, g_body = identity.call(route["method"], ghost)
            if status != 404:
                problems.append(f"{where}: out of scope, expected 404, got {status}")
            if (status, normalised(body, headers, person["public_id"])) != \
                    (g_status, normalised(g_body, g_headers, missing)):
                problems.append(f"{where}: the denial differs from a missing record "
                                f"({status} vs {g_status}): it reveals that the record exists")
        return cells

    def test_record_fixtures_cover_the_combinations(self):
        record_routes = [r for r in self.routes if RECORD_ROUTE.match(r["pattern"])]
        if not record_routes:
            self.skipTest("no record routes in the route table yet (person registry)")
        self.assertTrue(self.persons, "record routes exist but the demo data has no persons")
        combos = set()
        for identity in self.identities[1:]:
            combos |= set(self.person_fixtures(identity)[1])
        wanted = {(own, team, protected) for own in (True, False) for team in (True, False)
                  for protected in (True, False) if own or not team}
        self.assertEqual(wanted - combos, set(),
                         "the demo persons do not give every own/other x on/off team x "
                         "protected combination for some user")


if __name__ == "__main__":
    unittest.main()
