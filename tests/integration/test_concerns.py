"""Reports of concern through the pages and the API against a real `fyren serve` (issue 5 §3):
a report without a way to reach the reporter is refused per field, an unknown child is accepted,
the receipt shows only what the reporter may know, the receiving committee's intake sees the
report flagged for a same-day protection assessment, an old report is counted overdue and
escalated, another committee's intake gets exactly what a missing report gets."""
import json
import re
import sqlite3
import unittest

from demo_server import DemoServerTestCase

SCHOOL = "demo.school"  # student health (primary school committee): the reporter
INTAKE = "demo.intake"  # intake for children and young people, Centrum
OTHER_INTAKE = "demo.social"  # social worker of Hisingen: another committee
RECEIPT = re.compile(r"^/concerns/receipts/([a-z2-7]{26})\?done=sent$")
REPORT = {"district": "centrum", "committee": "", "child_name": "",
          "child_description": "Flicka, cirka 13 år, syns ofta vid köpcentret efter skolan",
          "concern_text": "Hon berättar om en vuxen man som ger henne pengar och skjuts.",
          "reporter_phone": "031-000 00 00", "reporter_email": ""}


class ConcernsTest(DemoServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.school = cls.browser_for(SCHOOL)
        cls.intake = cls.browser_for(INTAKE)
        cls.other = cls.browser_for(OTHER_INTAKE)

    def api(self, browser, method, path, body=None):
        return browser.call_api(method, path, body)

    def send(self, report=None):
        status, headers, _ = self.school.request("POST", "/concerns/new",
                                                 form=report or REPORT, follow=False)
        self.assertEqual(status, 303)
        found = RECEIPT.match(headers["location"])
        self.assertIsNotNone(found, headers["location"])
        return found.group(1)

    def test_a_report_without_reporter_contact_is_refused_per_field(self):
        before = self.query("SELECT COUNT(*) FROM concern_reports")[0][0]
        report = dict(REPORT, reporter_phone="", concern_text="")
        status, _, page = self.school.post("/concerns/new", report)
        self.assertEqual(status, 422)
        self.assertIn('class="error-summary"', page)
        self.assertIn('href="#reporter_phone"', page)
        self.assertIn('href="#concern_text"', page)
        self.assertIn("Flicka, cirka 13 år", page)  # nothing typed is lost
        self.assertEqual(self.query("SELECT COUNT(*) FROM concern_reports")[0][0], before)
        status, _, text = self.api(self.school, "POST", "/api/v1/concerns",
                                   dict(REPORT, reporter_phone=""))
        self.assertEqual(status, 422, text)
        self.assertEqual({e["field"] for e in json.loads(text)["errors"]}, {"/reporter_phone"})

    def test_unknown_child_gets_a_receipt_and_the_queue_flags_the_assessment(self):
        public_id = self.send()
        status, _, page = self.school.get(f"/concerns/receipts/{public_id}")
        self.assertEqual(status, 200)
        reference = re.search(r"OA-CEN-\d{4}-\d{4}", page)
        self.assertIsNotNone(reference, page[:2000])
        self.assertIn("Inte ännu", page)
        self.assertNotIn("pengar", page)  # the receipt never shows the report itself

        status, _, page = self.intake.get("/intake")
        self.assertEqual(status, 200)
        self.assertIn(reference.group(0), page)
        self.assertIn("Skyddsbedömning samma dag", page)
        status, _, text = self.api(self.intake, "GET", "/api/v1/concerns")
        self.assertEqual(status, 200, text)
        row = next(r for r in json.loads(text)["items"] if r["id"] == public_id)
        self.assertEqual(row["status"], "new")
        self.assertFalse(row["child_known"])
        self.assertEqual(row["deadlines"][0]["code"], "protection_assessment")
        self.assertIn(row["deadlines"][0]["state"], ("open", "overdue"))

        status, _, page = self.intake.get(f"/intake/{public_id}")
        self.assertEqual(status, 200)
        self.assertIn("pengar och skjuts", page)
        self.assertIn("031-000 00 00", page)
        _, _, page = self.school.get(f"/concerns/receipts/{public_id}")
        self.assertIn("Öppnad av mottagningen", page)
        self.assertNotIn("Inte ännu", page)

    def test_other_committees_and_the_reporter_cannot_open_the_report(self):
        public_id = self.send()
        missing = "a" * 26
        for path in (f"/intake/{public_id}", f"/api/v1/concerns/{public_id}"):
            status, _, body = self.other.get(path)
            m_status, _, m_body = self.other.get(path.replace(public_id, missing))
            self.assertEqual(status, 404, path)
            self.assertEqual(m_status, 404, path)
        status, _, _ = self.school.get(f"/intake/{public_id}")
        self.assertEqual(status, 403)
        status, _, _ = self.school.get("/intake")
        self.assertEqual(status, 403)
        status, _, _ = self.intake.get(f"/concerns/receipts/{public_id}")
        self.assertEqual(status, 404)
        denied = self.query("SELECT COUNT(*) FROM audit_entries WHERE action = 'denied' "
                            "AND record_type = 'report_of_concern'")[0][0]
        self.assertGreater(denied, 0)

    def test_an_old_report_is_overdue_and_escalated_until_assessed(self):
        public_id = self.send()
        # As if the report had come in two days ago: its deadlines were computed then.
        two_days = 2 * 24 * 3600 * 1_000_000
        report_id = self.query("SELECT report_id FROM concern_reports WHERE public_id = ?",
                               (public_id,))[0][0]
        with sqlite3.connect(self.db_path, timeout=10) as db:
            db.execute("UPDATE concern_reports SET received_at = received_at - ? "
                       "WHERE report_id = ?", (two_days, report_id))
            db.execute("UPDATE concern_deadlines SET due_at = due_at - ?, "
                       "escalate_at = escalate_at - ? WHERE report_id = ?",
                       (two_days, two_days, report_id))
        status, _, text = self.api(self.intake, "GET", "/api/v1/concerns?overdue=true")
        self.assertEqual(status, 200, text)
        queue = json.loads(text)
        self.assertGreaterEqual(queue["overdue_count"], 1)
        self.assertGreaterEqual(queue["escalated_count"], 1)
        row = next(r for r in queue["items"] if r["id"] == public_id)
        self.assertTrue(row["overdue"])
        self.assertTrue(row["escalated"])
        status, _, page = self.intake.get("/intake?overdue=yes")
        self.assertEqual(status, 200)
        self.assertIn("Passerad", page)
        self.assertIn("Eskalerad", page)

        _, _, page = self.intake.get(f"/intake/{public_id}")
        version = re.search(r'name="version" value="(\d+)"', page).group(1)
        status, _, page = self.intake.post(f"/intake/{public_id}/assessment",
                                           {"outcome": "", "note": "", "version": version})
        self.assertEqual(status, 422)
        self.assertIn('href="#outcome"', page)
        status, headers, _ = self.intake.request(
            "POST", f"/intake/{public_id}/assessment",
            form={"outcome": "no_immediate_protection", "note": "Pratat med skolkuratorn.",
                  "version": version}, follow=False)
        self.assertEqual(status, 303)
        self.assertTrue(headers["location"].endswith("?done=assessed"))
        status, _, text = self.api(self.intake, "GET", f"/api/v1/concerns/{public_id}")
        record = json.loads(text)
        self.assertEqual(record["status"], "assessed")
        self.assertEqual(record["deadlines"][0]["state"], "met")
        self.assertFalse(record["escalated"])
        status, _, text = self.api(self.intake, "POST", f"/api/v1/concerns/{public_id}/decision",
                                   {"decision": "open_investigation", "decision_date": "1999-01-01",
                                    "version": record["version"]})
        self.assertEqual(status, 422, text)
        self.assertEqual({e["field"] for e in json.loads(text)["errors"]}, {"/decision_date"})


if __name__ == "__main__":
    unittest.main()
