"""Tasks and the inbox against a real `fyren serve` (issue 4 §5): `fyren tasks run-once` turns due
dates (a SIP follow-up, a consent that expires) into tasks for the case's coordinator exactly once
(a second pass creates nothing), the inbox lists them overdue first and marked in words, another
user's task id is the same 404 as a missing one (page and API), and marking a task done removes
it from the inbox.

The background thread is switched off (tasks.interval_seconds=0) so only the passes this test
starts run; the due items are written straight into the database, as the SIP editor would."""
import json
import secrets
import sqlite3
import time
import unittest

import fyren_process as fp
from demo_server import DemoServerTestCase, public_id

COORDINATOR = "demo.coordinator"  # CEN-SAM, Centrum: the demo cases' coordinator
OTHER = "demo.social"             # HIS-SAM, Hisingen: another committee
MISSING_ID = "a" * 26


class TasksTest(DemoServerTestCase):
    SETTINGS = ("tasks.interval_seconds=0",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.b = cls.browser_for(COORDINATOR)
        cls.other = cls.browser_for(OTHER)
        cls.case_public_id, cls.case_number = cls.prepare_due_items()

    @classmethod
    def prepare_due_items(cls):
        """One of the coordinator's open cases gets a follow-up due yesterday (overdue) and a
        consent that expires in ten days."""
        tenant, case_id, case_public_id, case_number, user_id = (
            cls.follow_up_due_yesterday(COORDINATOR))
        now_us = int(time.time() * 1_000_000)
        with sqlite3.connect(cls.db_path, timeout=10) as db:
            db.execute("INSERT INTO consents (tenant_id, consent_id, public_id, case_id, purpose, "
                       "how_given, recorded_by, given_at, expires_at, created_at) "
                       "VALUES (?, ?, ?, ?, 'sip_planning', 'written', ?, ?, ?, ?)",
                       (tenant, secrets.randbelow(2**62), public_id(), case_id, user_id, now_us,
                        now_us + 10 * 86_400_000_000, now_us))
        return case_public_id, case_number

    def api(self, browser, method, path):
        status, _, text = browser.call_api(method, path, {} if method != "GET" else None)
        return status, (json.loads(text) if text else None)

    def run_once(self):
        result = fp.run(["tasks", "run-once"], self.url)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout

    def my_tasks(self, browser=None):
        status, body = self.api(browser or self.b, "GET", "/api/v1/tasks")
        self.assertEqual(status, 200, body)
        return body["tasks"]

    def ensure_tasks(self):
        self.run_once()
        return [t for t in self.my_tasks() if t.get("case", {}).get("id") == self.case_public_id]

    def test_1_run_once_creates_due_tasks_once(self):
        first = self.run_once()
        self.assertIn("Created", first)
        count = self.query("SELECT COUNT(*) FROM tasks")[0][0]
        self.assertGreaterEqual(count, 2)
        second = self.run_once()
        self.assertIn("Created 0 follow-up, 0 intervention-end and 0 consent-expiry task(s).",
                      second)
        self.assertEqual(self.query("SELECT COUNT(*) FROM tasks")[0][0], count)
        duplicates = self.query("SELECT kind, source_key FROM tasks GROUP BY tenant_id, kind, "
                                "source_key HAVING COUNT(*) > 1")
        self.assertEqual(duplicates, [])
        # The coordinator got both; the payload holds codes and ids only.
        mine = [t for t in self.my_tasks() if t.get("case", {}).get("id") == self.case_public_id]
        kinds = {t["kind"] for t in mine}
        self.assertIn("follow_up_due", kinds)
        self.assertIn("consent_expires", kinds)
        for task in mine:
            self.assertEqual(task["case"]["number"], self.case_number)
            for value in task["payload"].values():
                self.assertIsInstance(value, (int, str))

    def test_2_inbox_lists_overdue_first_and_marks_it_in_words(self):
        self.ensure_tasks()
        tasks = self.my_tasks()
        self.assertTrue(tasks[0]["overdue"], tasks[0])
        dues = [t["due_on"] for t in tasks]
        self.assertEqual(dues, sorted(dues))
        status, _, sv = self.b.get("/inbox")
        self.assertEqual(status, 200)
        self.assertIn("Försenad", sv)
        self.assertIn(self.case_number, sv)
        self.assertIn(f'href="/cases/{self.case_public_id}"', sv)
        self.assertIn('aria-current="page">Inkorg', sv)
        overdue_at = sv.index("Försenad")
        later = [t for t in tasks if not t["overdue"]]
        if later:
            self.assertLess(overdue_at, sv.index(later[0]["due_on"]))
        status, _, en = self.b.get("/inbox?lang=en")
        self.assertEqual(status, 200)
        self.assertIn("Overdue", en)
        self.assertIn("My inbox", en)
        # No names in the inbox: only case numbers, dates and kinds.
        self.assertNotIn("Ärendesson", sv)

    def test_3_another_users_task_is_404_like_a_missing_one(self):
        task = self.ensure_tasks()[0]
        status, body = self.api(self.other, "POST", f"/api/v1/tasks/{task['id']}/done")
        missing_status, missing_body = self.api(self.other, "POST",
                                                f"/api/v1/tasks/{MISSING_ID}/done")
        self.assertEqual(status, 404)
        self.assertEqual(missing_status, 404)
        for key in ("title", "detail", "status", "type"):
            self.assertEqual(body.get(key), missing_body.get(key), key)
        status, _, page = self.other.request("POST", f"/inbox/{task['id']}/done", form={},
                                             follow=False)
        self.assertEqual(status, 404)
        status, _, missing_page = self.other.request("POST", f"/inbox/{MISSING_ID}/done",
                                                     form={}, follow=False)
        self.assertEqual(status, 404)
        # The other user's inbox does not show it, and it is still open for its assignee.
        self.assertNotIn(task["id"], [t["id"] for t in self.my_tasks(self.other)])
        self.assertIn(task["id"], [t["id"] for t in self.my_tasks()])
        status, _, _ = self.b.request("GET", "/inbox")
        self.assertEqual(status, 200)

    def test_4_done_removes_the_task(self):
        tasks = self.ensure_tasks()
        first, second = tasks[0], tasks[1]
        status, headers, _ = self.b.request("POST", f"/inbox/{first['id']}/done", form={},
                                            follow=False)
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/inbox?done=1")
        ids = [t["id"] for t in self.my_tasks()]
        self.assertNotIn(first["id"], ids)
        status, _ = self.api(self.b, "POST", f"/api/v1/tasks/{second['id']}/done")
        self.assertEqual(status, 204)
        self.assertNotIn(second["id"], [t["id"] for t in self.my_tasks()])
        # Done twice is the same 404 as a missing task.
        status, _ = self.api(self.b, "POST", f"/api/v1/tasks/{second['id']}/done")
        self.assertEqual(status, 404)
        # A later pass does not bring a done task back.
        self.run_once()
        self.assertNotIn(first["id"], [t["id"] for t in self.my_tasks()])
        done = self.query("SELECT state, done_at IS NOT NULL FROM tasks WHERE public_id = ?",
                          (first["id"],))
        self.assertEqual(done, [("done", 1)])

    def test_5_anonymous_is_sent_to_sign_in(self):
        status, _, _ = self.server.request("GET", "/inbox")
        self.assertEqual(status, 303)
        status, _, _ = self.server.request("GET", "/api/v1/tasks")
        self.assertEqual(status, 401)


if __name__ == "__main__":
    unittest.main()
