"""Log review (logguppföljning) against a real `fyren serve`: the demo log reviewer sees what
other demo users did in the same committee, a person's access history, the data-subject extract
(refused without a fresh step-up, served after it, as CSV and as a printable page), and other
roles are refused.

The reviewer (demo.logs) works in the Centrum committee (CEN). Person rows are added straight
into the SQLite file as bare register rows (an alias, nothing sealed), so the test does not
depend on which demo persons exist."""
import csv
import io
import os
import re
import shutil
import sqlite3
import tempfile
import time
import unittest
import urllib.parse

import fyren_process as fp
from demo_server import DemoServerTestCase
from test_sign_in import Browser, SECRETS, totp

REVIEWER = "demo.logs"
SAME_AUTHORITY = "demo.coordinator"   # CEN-SAM, Centrum
OTHER_AUTHORITY = "demo.social"       # HIS-SAM, Hisingen


class LogReviewTest(DemoServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_person = cls.add_person("CEN")
        cls.other_person = cls.add_person("HIS")
        # Other users' work: a sign-in in the reviewer's committee and one in another.
        Browser(cls.server).sign_in(SAME_AUTHORITY)
        Browser(cls.server).sign_in(OTHER_AUTHORITY)
        cls.reviewer = cls.browser_for(REVIEWER)

    @classmethod
    def add_person(cls, authority_code):
        (tenant, authority), = cls.query(
            "SELECT tenant_id, organisation_id FROM organisations WHERE code = ?",
            (authority_code,))
        (creator,), = cls.query("SELECT user_id FROM users WHERE username = ?", (REVIEWER,))
        public_id = "".join(
            "abcdefghijklmnopqrstuvwxyz234567"[b % 32] for b in os.urandom(26))
        person_id = int.from_bytes(os.urandom(6), "big") + 1
        with sqlite3.connect(cls.db_path, timeout=10) as db:
            db.execute(
                "INSERT INTO persons (tenant_id, person_id, public_id, owning_authority_id, "
                "identity_kind, created_by, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, 'alias', ?, 0, 0)",
                (tenant, person_id, public_id, authority, creator))
        return public_id

    def user_public_id(self, username):
        (public_id,), = self.query("SELECT public_id FROM users WHERE username = ?", (username,))
        return public_id

    def audit_rows(self, username, action):
        return self.query(
            "SELECT a.purpose, a.person_id, a.outcome FROM audit_entries a JOIN users u "
            "ON u.tenant_id = a.tenant_id AND u.user_id = a.actor_user_id "
            "WHERE u.username = ? AND a.action = ? ORDER BY a.seq", (username, action))

    def age_second_factor(self, browser):
        """Makes the browser's session look signed in ten minutes ago (no fresh step-up)."""
        with sqlite3.connect(self.db_path, timeout=10) as db:
            db.execute("UPDATE sessions SET mfa_at = mfa_at - 600000000 WHERE user_id = "
                       "(SELECT user_id FROM users WHERE username = ?) AND mfa_at IS NOT NULL",
                       (REVIEWER,))

    def test_start_page_lists_filter_and_is_audited(self):
        status, _, page = self.reviewer.get("/audit?lang=sv")
        self.assertEqual(status, 200, page[:2000])
        self.assertIn("Logguppföljning", page)
        self.assertIn('name="flag"', page)
        self.assertIn("Många personer på kort tid", page)
        status, _, page = self.reviewer.get("/audit?flag=night_time&from=2026-01-01&to=2026-12-31&lang=en")
        self.assertEqual(status, 200)
        self.assertIn("Flagged access", page)
        searches = self.audit_rows(REVIEWER, "search")
        self.assertTrue(searches)
        self.assertEqual(searches[-1][0], "log_review")

    def test_bad_filter_values_redisplay_the_form_with_errors(self):
        status, _, page = self.reviewer.get("/audit?from=2026-02-30&to=yesterday&flag=%3Cscript%3E&lang=sv")
        self.assertEqual(status, 400)
        self.assertIn('class="error-summary"', page)
        self.assertIn('href="#from"', page)
        self.assertIn('href="#flag"', page)
        self.assertIn('value="2026-02-30"', page)
        self.assertNotIn("<script>", page)
        status, _, page = self.reviewer.get("/audit?from=2026-03-10&to=2026-03-01")
        self.assertEqual(status, 400)
        self.assertIn('href="#to"', page)
        status, headers, _ = self.reviewer.request("GET", "/audit/persons?id=%27%20OR%201%3D1", follow=False)
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/audit?person_error=1")

    def test_user_activity_shows_sign_ins_of_the_own_committee_only(self):
        status, _, page = self.reviewer.get("/audit/users/" + self.user_public_id(SAME_AUTHORITY) + "?lang=sv")
        self.assertEqual(status, 200, page[:2000])
        self.assertIn("Cecilia Testberg", page)
        self.assertIn("Loggade in", page)
        for code in (">login<", "authentication", "case_work"):  # words, never codes
            self.assertNotIn(code, page)
        other, _, other_page = self.reviewer.get("/audit/users/" + self.user_public_id(OTHER_AUTHORITY))
        missing, _, missing_page = self.reviewer.get("/audit/users/" + "a" * 26)
        self.assertEqual(other, 404)
        self.assertEqual(missing, 404)
        strip = lambda p: re.sub(r"<code>[^<]*</code>|value=\"[^\"]*\"", "", p)
        self.assertEqual(strip(other_page), strip(missing_page))

    def test_person_history_own_committee_and_not_others(self):
        status, _, page = self.reviewer.get("/audit/persons/" + self.own_person)
        self.assertEqual(status, 200, page[:2000])
        self.assertIn(self.own_person, page)
        self.assertIn("/extract.csv", page)
        (person_id,), = self.query("SELECT person_id FROM persons WHERE public_id = ?",
                                   (self.own_person,))
        reads = [r for r in self.audit_rows(REVIEWER, "read") if r[1] == person_id]
        self.assertTrue(reads)
        self.assertEqual(reads[-1][0], "log_review")
        other, _, _ = self.reviewer.get("/audit/persons/" + self.other_person)
        missing, _, _ = self.reviewer.get("/audit/persons/" + "b" * 26)
        self.assertEqual(other, 404)
        self.assertEqual(missing, 404)
        self.assertTrue([r for r in self.audit_rows(REVIEWER, "denied") if r[2] == "denied"])

    def test_extract_needs_step_up_then_is_served_and_audited(self):
        b = self.reviewer  # a second sign-in would need a second TOTP code of the same user
        # Make the history non-empty: a review of the person is itself an access on record.
        status, _, _ = b.get("/audit/persons/" + self.own_person + "?lang=sv")
        self.assertEqual(status, 200)
        self.age_second_factor(b)
        path = f"/audit/persons/{self.own_person}/extract.csv"
        status, headers, _ = b.request("GET", path, follow=False)
        self.assertEqual(status, 303)
        location = headers["location"]
        self.assertTrue(location.startswith("/account/confirm?next="), location)
        self.assertEqual(urllib.parse.unquote(location.split("next=", 1)[1]), path)
        exports_before = len(self.audit_rows(REVIEWER, "export"))
        # Step up with the code of the next time step (the sign-in used this one).
        status, _, _ = b.get(location)
        self.assertEqual(status, 200)
        status, headers, _ = b.request(
            "POST", "/account/confirm",
            form={"code": totp(SECRETS[REVIEWER], at=time.time() + 30), "next": path},
            follow=False)
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], path)
        status, headers, body = b.request("GET", path, follow=False)
        self.assertEqual(status, 200, body[:2000])
        self.assertTrue(headers["content-type"].startswith("text/csv"))
        self.assertIn("attachment", headers["content-disposition"])
        self.assertEqual(headers.get("cache-control"), "no-store")
        rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
        self.assertEqual(rows[0], ["Tid", "Användare", "Enhet", "Händelse", "Syfte", "Flaggor"])
        self.assertGreaterEqual(len(rows), 2)
        self.assertIn("Karin Provlund", [r[1] for r in rows[1:]])
        self.assertIn("Logguppföljning", [r[4] for r in rows[1:]])
        self.assertRegex(rows[1][0], r"^\d{4}-\d\d-\d\d \d\d:\d\d$")
        self.assertEqual(len(self.audit_rows(REVIEWER, "export")), exports_before + 1)
        # The printable page in the same fresh window.
        status, _, page = b.get(f"/audit/persons/{self.own_person}/extract?lang=en")
        self.assertEqual(status, 200)
        self.assertIn("Access log extract", page)
        self.assertIn("Karin Provlund", page)
        # Another committee's person stays invisible even with a fresh step-up.
        status, _, _ = b.request("GET", f"/audit/persons/{self.other_person}/extract.csv",
                                 follow=False)
        self.assertEqual(status, 404)

    def test_other_roles_and_anonymous_are_refused(self):
        coordinator = Browser(self.server)
        coordinator.sign_in("demo.intake")
        for path in ("/audit", "/audit/persons/" + self.own_person,
                     f"/audit/persons/{self.own_person}/extract.csv",
                     "/audit/users/" + self.user_public_id(SAME_AUTHORITY)):
            status, _, _ = coordinator.request("GET", path, follow=False)
            self.assertEqual(status, 403, path)
            status, headers, _ = self.server.request("GET", path)
            self.assertEqual(status, 303, path)
            self.assertTrue(headers["location"].startswith("/sign-in"), headers)


class SyslogMirrorConfigTest(unittest.TestCase):
    """audit.syslog_mirror: a bool, off by default; the server runs with it on."""

    def test_config_check_accepts_and_rejects(self):
        db = "sqlite:" + os.path.join(tempfile.gettempdir(), "fyren-mirror-check.db")
        done = fp.run(["config", "check"], db)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("syslog_mirror = false", done.stdout)
        done = fp.run(["--set", "audit.syslog_mirror=true", "config", "check"], db)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("syslog_mirror = true", done.stdout)
        done = fp.run(["--set", "audit.syslog_mirror=sometimes", "config", "check"], db)
        self.assertEqual(done.returncode, 2)
        self.assertIn("audit.syslog_mirror", done.stderr)

    def test_server_runs_with_the_mirror_on(self):
        directory = tempfile.mkdtemp(prefix="fyren-mirror-")
        try:
            server = fp.Server("sqlite:" + os.path.join(directory, "fyren.db"),
                               settings=["audit.syslog_mirror=true"]).start()
            b = Browser(server)
            b.sign_in(OTHER_AUTHORITY)
            self.assertEqual(server.status("/readyz"), 200)
            self.assertEqual(server.stop(), 0)
            server.close()
        finally:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
