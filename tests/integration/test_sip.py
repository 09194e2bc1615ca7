"""The coordinated individual plan (SIP) through the pages and the API against a real
`fyren serve` (issue 4 §3, §4, §6, §9 and "Bad input"): a plan with three interventions from
three actors, problems per field with nothing saved, two coordinators saving the same version
(the second gets both versions, nothing is lost), the continuity guard, the print view in Swedish
and English, and a partner who sees only the consented parts until the consent is withdrawn.

The case is opened through /api/v1/cases for a demo person on the coordinator's team."""
import json
import sqlite3
import unittest

from demo_server import DemoServerTestCase
from test_sign_in import Browser

COORDINATOR = "demo.coordinator"  # CEN-SAM, Centrum social committee
PARTNER = "demo.partner"          # NGO-A, external partner
GOAL = "Ha en egen lägenhet till hösten"


class SipTest(DemoServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.b = cls.browser_for(COORDINATOR)
        (cls.coordinator_id,), = cls.query("SELECT user_id FROM users WHERE username = ?",
                                           (COORDINATOR,))
        cls.unit = cls.org("CEN-SAM")
        cls.ngo = cls.org("NGO-A")
        # A case for a person on the coordinator's team without an open case.
        persons = cls.query(
            "SELECT p.public_id FROM persons p JOIN person_staff s ON s.tenant_id = p.tenant_id "
            "AND s.person_id = p.person_id AND s.user_id = ? AND s.on_team = 1 "
            "WHERE p.protected_identity = 0 AND NOT EXISTS (SELECT 1 FROM exit_cases c WHERE "
            "c.person_id = p.person_id AND c.status <> 'closed') ORDER BY p.created_at",
            (cls.coordinator_id,))
        assert persons, "no demo person on the coordinator's team"
        status, _, body = cls.api("POST", "/api/v1/cases", {"person": persons[0][0]})
        assert status == 201, (status, body)
        cls.case = body["id"]
        cls.href = "/cases/" + cls.case

    @classmethod
    def org(cls, code):
        return cls.query("SELECT public_id FROM organisations WHERE code = ?", (code,))[0][0]

    @classmethod
    def api(cls, method, path, body=None, headers=None, browser=None):
        status, out_headers, text = (browser or cls.b).call_api(method, path, body, headers)
        return status, out_headers, (json.loads(text) if text else None)

    def plan(self):
        return {
            "goals": [{"text": GOAL, "added_on": "2026-01-10"}],
            "needs": ["Ekonomi", "Boende"],
            "actors": [
                {"key": "social", "kind": "unit", "organisation_id": self.unit,
                 "contact_role": "samordnare"},
                {"key": "ngo", "kind": "organisation", "organisation_id": self.ngo,
                 "contact_role": "stödperson"},
                {"key": "clinic", "kind": "other", "name": "Vårdcentralen Exempel"},
            ],
            "interventions": [
                {"key": "econ", "catalogue_code": "economic_assistance", "actor_key": "social",
                 "starts_on": "2026-01-10", "planned_end_on": "2026-07-01", "status": "active"},
                {"key": "ngo-support", "catalogue_code": "ngo_support", "actor_key": "ngo",
                 "starts_on": "2026-01-15", "status": "active"},
                {"key": "health", "catalogue_code": "health_care", "actor_key": "clinic",
                 "starts_on": "2026-02-01", "planned_end_on": "2026-12-31",
                 "status": "planned"},
            ],
            "overall_responsible": "social",
            "meetings": [{"held_on": "2026-01-10", "participants": ["person", "social", "ngo"],
                          "note": "Första mötet"}],
            "next_follow_up_on": "2026-03-01",
        }

    def current(self):
        status, headers, body = self.api("GET", f"/api/v1/cases/{self.case}/sip")
        self.assertEqual(status, 200, body)
        return headers["etag"], body

    def save(self, plan, etag=None, confirm=False):
        etag = etag or self.current()[0]
        return self.api("PUT", f"/api/v1/cases/{self.case}/sip",
                        {"plan": plan, "change_note": "test", "confirm_guard": confirm},
                        headers={"If-Match": etag})

    def revisions(self):
        return self.query("SELECT COUNT(*) FROM sip_revisions")[0][0]

    def ensure_saved(self):
        _, body = self.current()
        if not body["exists"]:
            status, _, saved = self.save(self.plan())
            self.assertEqual(status, 200, saved)

    # --- tests, in the order a coordinator works --------------------------------------------

    def test_1_plan_with_three_interventions_from_three_actors(self):
        self.ensure_saved()
        _, body = self.current()
        self.assertTrue(body["exists"])
        self.assertEqual(len(body["plan"]["interventions"]), 3)
        self.assertEqual({i["actor_key"] for i in body["plan"]["interventions"]},
                         {"social", "ngo", "clinic"})
        status, _, page = self.b.get(self.href + "/sip")
        self.assertEqual(status, 200)
        self.assertIn(GOAL, page)
        self.assertIn("Ekonomiskt bistånd", page)
        self.assertIn("Vårdcentralen Exempel", page)
        # The projection is plain; the goal is nowhere in plain text.
        self.assertEqual(self.query(
            "SELECT COUNT(*) FROM sip_interventions i JOIN sips s ON s.tenant_id = i.tenant_id "
            "AND s.sip_id = i.sip_id JOIN exit_cases c ON c.tenant_id = s.tenant_id "
            "AND c.case_id = s.case_id WHERE c.public_id = ?", (self.case,))[0][0], 3)
        for (document,) in self.query("SELECT document FROM sip_revisions"):
            self.assertNotIn(GOAL.encode(), bytes(document))
        audited = self.query("SELECT action FROM audit_entries WHERE record_type = 'sip_plan' "
                             "AND actor_user_id = ?", (self.coordinator_id,))
        self.assertIn(("read",), audited)

    def test_2_bad_input_gives_messages_per_field_and_saves_nothing(self):
        self.ensure_saved()
        etag, body = self.current()
        before = self.revisions()
        form = {"version": str(body["version"]), "change_note": "",
                "actors[0].key": "social", "actors[0].kind": "unit",
                "actors[0].organisation_id": self.unit,
                "goals[0].text": "x" * 2001, "goals[0].added_on": "2026-01-10",
                "interventions[0].key": "econ",
                "interventions[0].catalogue_code": "economic_assistance",
                "interventions[0].actor_key": "social", "interventions[0].starts_on": "2026-05-01",
                "interventions[0].planned_end_on": "2026-04-01",
                "interventions[0].status": "active",
                "interventions[1].key": "other1", "interventions[1].catalogue_code": "interpreter",
                "interventions[1].actor_key": "ghost", "interventions[1].starts_on": "2026-05-01",
                "interventions[1].status": "planned"}
        status, _, page = self.b.post(self.href + "/sip/edit", form)
        self.assertEqual(status, 422, page[:2000])
        self.assertIn("error-summary", page)
        self.assertIn("Det planerade slutet kan inte vara före starten.", page)
        self.assertIn("Texten är för lång", page)
        self.assertIn('href="#interventions[1].actor_key"', page)
        self.assertIn('href="#goals[0].text"', page)
        self.assertEqual(self.revisions(), before)
        # The API names the same fields as JSON pointers.
        plan = self.plan()
        plan["interventions"][0]["planned_end_on"] = "2025-12-31"
        plan["interventions"][1]["actor_key"] = "ghost"
        plan["needs"].append("y" * 2001)
        status, _, problem = self.save(plan, etag)
        self.assertEqual(status, 422, problem)
        fields = {e["field"] for e in problem["errors"]}
        self.assertEqual(fields, {"/interventions/0/planned_end_on", "/interventions/1/actor_key",
                                  "/needs/2"})
        self.assertEqual(self.revisions(), before)

    def test_3_two_coordinators_save_the_same_version(self):
        self.ensure_saved()
        etag, body = self.current()
        mine = self.plan()
        mine["needs"] = ["Alices ändring"]
        theirs = self.plan()
        theirs["needs"] = ["Bobs ändring"]
        status, _, _ = self.save(mine, etag)
        self.assertEqual(status, 200)
        status, _, problem = self.save(theirs, etag)
        self.assertEqual(status, 412, problem)
        self.assertEqual(problem["current"]["plan"]["needs"], ["Alices ändring"])
        self.assertEqual(problem["submitted"]["needs"], ["Bobs ändring"])
        # Without If-Match the client must prove which version it edited.
        status, _, _ = self.api("PUT", f"/api/v1/cases/{self.case}/sip", {"plan": theirs})
        self.assertEqual(status, 428)
        # The page: the stale form shows both versions and keeps the user's input.
        form = {"version": str(body["version"]), "needs[0].text": "Sidans ändring",
                "actors[0].key": "social", "actors[0].kind": "unit",
                "actors[0].organisation_id": self.unit}
        status, _, page = self.b.post(self.href + "/sip/edit", form)
        self.assertEqual(status, 409, page[:2000])
        self.assertIn("Någon annan har ändrat planen", page)
        self.assertIn("Alices ändring", page)
        self.assertIn('value="Sidans ändring"', page)
        _, now = self.current()
        self.assertEqual(now["plan"]["needs"], ["Alices ändring"])

    def test_4_continuity_guard_needs_confirmation(self):
        self.ensure_saved()
        plan = self.current()[1]["plan"]
        plan["interventions"][0]["status"] = "ended"
        plan["interventions"][0]["status_reason"] = ""
        status, _, problem = self.save(plan)
        self.assertEqual(status, 422, problem)  # a reason is required in an open case
        plan["interventions"][0]["status_reason"] = "income_from_sex_buyer"
        before = self.revisions()
        status, _, problem = self.save(plan)
        self.assertEqual(status, 409, problem)
        self.assertEqual(problem["type"], "/problems/continuity-guard")
        self.assertEqual(problem["events"][0]["intervention_key"], "econ")
        self.assertEqual(self.revisions(), before)
        status, _, saved = self.save(plan, confirm=True)
        self.assertEqual(status, 200, saved)
        tasks = self.query("SELECT COUNT(*) FROM tasks WHERE kind = 'continuity_guard' AND "
                           "user_id = ?", (self.coordinator_id,))
        self.assertEqual(tasks[0][0], 1)
        facts = self.query("SELECT COUNT(*) FROM stat_facts WHERE category = "
                           "'continuity_guard.economic_assistance.income_from_sex_buyer'")
        self.assertEqual(facts[0][0], 1)

    def test_5_print_view_in_swedish_and_english(self):
        self.ensure_saved()
        status, _, sv = self.b.get(self.href + "/sip/print?lang=sv")
        self.assertEqual(status, 200)
        self.assertIn("Min samordnade individuella plan", sv)
        self.assertIn(GOAL, sv)
        self.assertIn('lang="sv"', sv)
        status, _, en = self.b.get(self.href + "/sip/print?lang=en")
        self.assertEqual(status, 200)
        self.assertIn("My coordinated individual plan", en)
        self.assertIn("Health care", en)
        printed = self.query("SELECT COUNT(*) FROM audit_entries WHERE action = 'print' AND "
                             "actor_user_id = ?", (self.coordinator_id,))
        self.assertGreaterEqual(printed[0][0], 2)

    def test_6_partner_sees_only_consented_parts(self):
        self.ensure_saved()
        partner = Browser(self.server)
        partner.sign_in(PARTNER)
        status, _, _ = partner.get(self.href + "/sip")
        self.assertEqual(status, 403)  # a partner never reads the plan itself
        status, _, _ = partner.get("/shared/cases/" + self.case)
        self.assertEqual(status, 404)
        status, _, body = self.api("POST", f"/api/v1/cases/{self.case}/consents",
                                   {"purpose": "share_with_organisation",
                                    "organisation": self.ngo, "scope": ["interventions"],
                                    "how_given": "written"})
        self.assertEqual(status, 201, body)
        consent = body["id"]
        status, _, page = partner.get("/shared/cases/" + self.case)
        self.assertEqual(status, 200, page[:2000])
        self.assertIn("Stöd från idéburen organisation", page)
        self.assertNotIn(GOAL, page)
        status, _, _ = self.api("POST",
                                f"/api/v1/cases/{self.case}/consents/{consent}/withdraw")
        self.assertEqual(status, 204)
        status, _, page = partner.get("/shared/cases/" + self.case)
        self.assertEqual(status, 404)
        self.assertNotIn("Stöd från idéburen organisation", page)

    def test_7_follow_up_log_and_revisions(self):
        self.ensure_saved()
        status, _, page = self.b.post(self.href + "/sip/followups",
                                      {"held_on": "2026-03-01", "intervention_key": "",
                                       "outcome": "Vi går igenom planen igen i april"})
        self.assertEqual(status, 303)
        status, _, page = self.b.get(self.href + "/sip")
        self.assertIn("Vi går igenom planen igen i april", page)
        status, _, page = self.b.post(self.href + "/sip/followups",
                                      {"held_on": "igår", "outcome": ""})
        self.assertEqual(status, 422)
        self.assertIn("error-summary", page)
        _, body = self.current()
        if body["revision"] >= 2:
            status, _, page = self.b.get(self.href + f"/sip/compare?from=1&to={body['revision']}")
            self.assertEqual(status, 200)
        status, _, page = self.b.get(self.href + "/sip/revisions/1")
        self.assertEqual(status, 200)
        status, _, listed = self.api("GET", f"/api/v1/cases/{self.case}/sip/revisions")
        self.assertEqual(status, 200)
        self.assertGreaterEqual(len(listed["revisions"]), 1)

    def test_8_a_kept_page_shows_every_change_made_behind_its_back(self):
        """The server keeps the plan page's rendered parts while the plan's generations stand
        still (migration 0019). Rows changed without this server (another server, a repair by
        hand) move them too: the next view shows the change, and a rewritten document is opened
        again and refused, never answered from memory."""
        self.ensure_saved()
        page_path = self.href + "/sip"
        for _ in range(2):
            status, _, page = self.b.get(page_path)
            self.assertEqual(status, 200)
        self.assertIn(GOAL, page)
        (tenant, sip_id, revision), = self.query(
            "SELECT s.tenant_id, s.sip_id, s.current_revision FROM sips s JOIN exit_cases c "
            "ON c.tenant_id = s.tenant_id AND c.case_id = s.case_id WHERE c.public_id = ?",
            (self.case,))
        (name,), = self.query("SELECT display_name FROM users WHERE user_id = ?",
                              (self.coordinator_id,))
        unit_names = self.query("SELECT name_sv, name_en FROM organisations WHERE public_id = ?",
                                (self.unit,))[0]
        try:
            # One change at a time: each must move the page on by itself.
            with sqlite3.connect(self.db_path, timeout=10) as db:
                db.execute("UPDATE users SET display_name = ? WHERE user_id = ?",
                           ("Omdöpt Samordnare", self.coordinator_id))
            status, _, page = self.b.get(page_path)
            self.assertEqual(status, 200)
            self.assertIn("Omdöpt Samordnare", page)
            with sqlite3.connect(self.db_path, timeout=10) as db:
                db.execute("UPDATE organisations SET name_sv = ?, name_en = ? WHERE public_id = ?",
                           ("Omdöpt enhet", "Omdöpt enhet", self.unit))
            status, _, page = self.b.get(page_path)
            self.assertEqual(status, 200)
            self.assertIn("Omdöpt enhet", page)
        finally:
            with sqlite3.connect(self.db_path, timeout=10) as db:
                db.execute("UPDATE users SET display_name = ? WHERE user_id = ?",
                           (name, self.coordinator_id))
                db.execute("UPDATE organisations SET name_sv = ?, name_en = ? WHERE public_id = ?",
                           (*unit_names, self.unit))
        status, _, page = self.b.get(page_path)
        self.assertNotIn("Omdöpt", page)

        (document,), = self.query(
            "SELECT document FROM sip_revisions WHERE tenant_id = ? AND sip_id = ? "
            "AND revision = ?", (tenant, sip_id, revision))
        forged = bytearray(document)
        forged[len(forged) // 2] ^= 0x01
        with sqlite3.connect(self.db_path, timeout=10) as db:
            db.execute("UPDATE sip_revisions SET document = ? WHERE tenant_id = ? AND sip_id = ? "
                       "AND revision = ?", (bytes(forged), tenant, sip_id, revision))
        try:
            status, _, page = self.b.get(page_path)
            self.assertNotEqual(status, 200)
            self.assertNotIn(GOAL, page)
        finally:
            with sqlite3.connect(self.db_path, timeout=10) as db:
                db.execute("UPDATE sip_revisions SET document = ? WHERE tenant_id = ? "
                           "AND sip_id = ? AND revision = ?", (document, tenant, sip_id, revision))
        status, _, page = self.b.get(page_path)
        self.assertEqual(status, 200)
        self.assertIn(GOAL, page)


if __name__ == "__main__":
    unittest.main()
