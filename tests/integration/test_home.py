"""The signed-in start page "Mitt arbete" against a real `fyren serve` on the demo data: each panel
is shown only to a user whose roles give the permission of the page it links to, its count is
what that page (or its API) lists, it holds counts and links only, and a user without the
permission is never counted (no denial in the audit log from the start page). The public start
page invites staff to sign in.

Expectations are computed through the API as the same user, not hard-coded: the demo data may
grow. Each user signs in once (a TOTP code cannot be used twice)."""
import html
import json
import re
import sqlite3
import unittest

import fyren_process as fp
from demo_server import DemoServerTestCase
from test_sign_in import Browser

COORDINATOR = "demo.coordinator"  # CEN-SAM: the demo cases' coordinator
INTAKE = "demo.intake"            # CEN-MOT: intake of the Centrum committee
ADMIN = "demo.admin"              # system administrator: no personal data, no intake
CENTRE = "demo.competence"        # CEN-KC: answers consultations


def counted(n, none, one, many):
    return none if n == 0 else one if n == 1 else many.format(n)


class HomeTest(DemoServerTestCase):
    SETTINGS = ("tasks.interval_seconds=0",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_overdue_task()
        cls.users = {}
        for name in (COORDINATOR, INTAKE, ADMIN, CENTRE):
            cls.users[name] = cls.browser_for(name)

    @classmethod
    def make_overdue_task(cls):
        """A follow-up due yesterday on one of the coordinator's open cases, turned into a task by
        `fyren tasks run-once`, so the tasks panel has something overdue to say."""
        cls.follow_up_due_yesterday(COORDINATOR)
        done = fp.run(["tasks", "run-once"], cls.url)
        assert done.returncode == 0, done.stderr

    def api(self, user, path):
        status, _, body = self.users[user].get(path)
        self.assertEqual(status, 200, body[:500])
        return json.loads(body)

    def home(self, user, lang="sv"):
        # Explicit: ?lang= is remembered in a cookie, and the tests run in any order.
        status, headers, body = self.users[user].get("/?lang=" + lang)
        self.assertEqual(status, 200, body[:500])
        self.assertIn("no-store", headers.get("cache-control", ""))
        self.assertIn('id="my-work"', body)
        return body

    def panel(self, body, name):
        """The panel's links as (href, text), or None when the panel is not on the page."""
        found = re.search(r'<div class="my-work__item" id="my-work-' + name + r'">(.*?)</div>',
                          body, re.S)
        if not found:
            return None
        return [(html.unescape(h), html.unescape(t).strip())
                for h, t in re.findall(r'<a href="([^"]+)">([^<]*)</a>', found.group(1))]

    def audit_denials(self, user):
        with sqlite3.connect(self.db_path, timeout=10) as db:
            return db.execute(
                "SELECT COUNT(*) FROM audit_entries a JOIN users u ON u.user_id = a.actor_user_id "
                "WHERE u.username = ? AND a.outcome = 'denied'", (user,)).fetchone()[0]

    def test_coordinator_sees_tasks_cases_and_referrals_with_the_listed_numbers(self):
        tasks = self.api(COORDINATOR, "/api/v1/tasks")["tasks"]
        overdue = sum(1 for t in tasks if t["overdue"])
        self.assertGreaterEqual(overdue, 1)
        cases = self.api(COORDINATOR, "/api/v1/cases?status=open")
        self.assertFalse(cases["has_more"])
        referrals = self.api(COORDINATOR, "/api/v1/referrals")["received"]
        waiting = sum(1 for r in referrals if r["status"] in ("sent", "received"))

        body = self.home(COORDINATOR)
        text = counted(len(tasks), "Inga öppna uppgifter", "1 öppen uppgift",
                       "{} öppna uppgifter")
        text += counted(overdue, "", ", varav 1 försenad", ", varav {} försenade")
        self.assertEqual(self.panel(body, "tasks"), [("/inbox", text)])
        self.assertEqual(self.panel(body, "cases"), [(
            "/cases?status=open",
            counted(len(cases["items"]), "Inga öppna ärenden där du är med i teamet",
                    "1 öppet ärende där du är med i teamet",
                    "{} öppna ärenden där du är med i teamet"))])
        self.assertEqual(self.panel(body, "referrals"), [(
            "/referrals", counted(waiting, "Inga remisser väntar på svar",
                                  "1 remiss väntar på svar", "{} remisser väntar på svar"))])
        # Not intake staff, not the competence centre: no panel, nothing counted.
        self.assertIsNone(self.panel(body, "intake"))
        self.assertIsNone(self.panel(body, "consultations"))
        self.assertNotIn("Här visas dina uppgifter", body)  # the old placeholder is gone
        # The number on the home page is what the linked list shows.
        status, _, listed = self.users[COORDINATOR].get("/cases?status=open")
        self.assertEqual(status, 200)
        for item in cases["items"]:
            self.assertIn(item["case_number"], listed)

    def test_intake_sees_new_and_overdue_reports_of_the_queue(self):
        queue = self.api(INTAKE, "/api/v1/concerns?status=new")
        body = self.home(INTAKE)
        self.assertEqual(self.panel(body, "intake"), [
            ("/intake?status=new", counted(queue["total"], "Inga nya orosanmälningar",
                                           "1 ny orosanmälan", "{} nya orosanmälningar")),
            ("/intake?overdue=yes",
             counted(queue["overdue_count"], "Inga orosanmälningar med passerad tidsfrist",
                     "1 orosanmälan med passerad tidsfrist",
                     "{} orosanmälningar med passerad tidsfrist")),
        ])
        self.assertIsNotNone(self.panel(body, "cases"))  # intake workers read personal data too
        status, _, _ = self.users[INTAKE].get("/intake?status=new")
        self.assertEqual(status, 200)

    def test_without_case_permission_there_is_no_cases_or_intake_panel(self):
        before = self.audit_denials(ADMIN)
        body = self.home(ADMIN)
        self.assertIsNone(self.panel(body, "cases"))
        self.assertIsNone(self.panel(body, "intake"))
        self.assertIsNone(self.panel(body, "consultations"))
        self.assertEqual(self.panel(body, "tasks"), [("/inbox", "Inga öppna uppgifter")])
        self.assertNotIn("/cases", body)
        self.assertNotIn("/intake", body)
        # Not shown, and not asked for either: no service refused (and audited) a count.
        self.assertEqual(self.audit_denials(ADMIN), before)
        # The pages the missing panels would link to are closed to this user.
        self.assertEqual(self.users[ADMIN].get("/cases")[0], 403)
        self.assertEqual(self.users[ADMIN].get("/intake")[0], 403)

    def test_competence_centre_sees_questions_waiting_for_an_answer(self):
        inbox = self.api(CENTRE, "/api/v1/consultations?inbox=true")["items"]
        waiting = sum(1 for q in inbox if not q.get("answered_at"))
        body = self.home(CENTRE)
        text = counted(waiting, "Inga frågor väntar på svar", "1 fråga väntar på svar",
                       "{} frågor väntar på svar")
        self.assertEqual(self.panel(body, "consultations"), [("/consultations/inbox", text)])
        self.assertIsNone(self.panel(body, "intake"))
        # Anyone outside the centre has no consultations panel (checked for the coordinator too).
        self.assertIsNone(self.panel(self.home(COORDINATOR), "consultations"))

    def test_english(self):
        body = self.home(COORDINATOR, "en")
        self.assertIn("My work", body)
        tasks = self.panel(body, "tasks")
        self.assertRegex(tasks[0][1], r"^\d+ open tasks?(, \d+ of them overdue)?$")
        self.assertRegex(self.panel(body, "cases")[0][1],
                         r"^(No open cases|1 open case|\d+ open cases) where you are on the team$")
        intake = self.panel(self.home(INTAKE, "en"), "intake")
        self.assertRegex(intake[0][1],
                         r"^(No new reports|1 new report|\d+ new reports) of concern$")

    def test_anonymous_visitor_gets_the_public_page_with_a_sign_in_invitation(self):
        status, _, body = Browser(self.server).get("/")
        self.assertEqual(status, 200)
        self.assertNotIn("my-work__item", body)
        self.assertIn('<a href="/sign-in">Logga in för att se ditt arbete</a>', body)
        self.assertNotIn("senare version", body)
        status, _, en = Browser(self.server).get("/?lang=en")
        self.assertEqual(status, 200)
        self.assertIn('<a href="/sign-in">Sign in to see your work</a>', en)
        self.assertNotIn("later version", en)


if __name__ == "__main__":
    unittest.main()
