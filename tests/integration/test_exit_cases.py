"""Exit cases and consent through the pages and the API against a real `fyren serve` (issue 4
§1, §2, §6, §7): open a case from a person, the case number per committee and year, a second open
case refused, status changes (closing needs a reason), consent recorded and withdrawn, the partner
who sees a shared case and then gets 404 after the withdrawal, per-field messages for bad input,
and /api/v1/cases with ETag / If-Match.

The demo cases (content/demo/exit_cases.toml) are found through the plain columns."""
import json
import re
import unittest

from demo_server import DemoServerTestCase

COORDINATOR = "demo.coordinator"  # CEN-SAM, Centrum social committee
PARTNER = "demo.partner"          # NGO-A
SOCIAL = "demo.social"            # HIS-SAM, Hisingen (another committee)
MISSING_ID = "a" * 26
# "<authority code>-<year>-<seq>": the Centrum committee's code in the demo tree is CEN.
CASE_NUMBER = re.compile(r"^CEN-\d{4}-\d{4}$")


class ExitCasesTest(DemoServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.b = cls.browser_for(COORDINATOR)
        cls.partner = cls.browser_for(PARTNER)
        cls.social = cls.browser_for(SOCIAL)

    def api(self, browser, method, path, body=None, headers=None):
        status, out_headers, text = browser.call_api(method, path, body, headers)
        return status, out_headers, (json.loads(text) if text else None)

    def new_person(self, alias):
        status, headers, _ = self.b.request("POST", "/persons/new", form={
            "identity_kind": "alias", "alias": alias, "given_name": "Ny", "family_name": "Ärendesson",
            "birth_year": "1991"}, follow=False)
        self.assertEqual(status, 303)
        return headers["location"].split("/")[2].split("?")[0]

    def shared_demo_case(self):
        rows = self.query(
            "SELECT c.public_id, k.public_id FROM exit_cases c JOIN consents k "
            "ON k.tenant_id = c.tenant_id AND k.case_id = c.case_id "
            "JOIN organisations o ON o.tenant_id = k.tenant_id "
            "AND o.organisation_id = k.organisation_id WHERE o.code = 'NGO-A' "
            "AND k.withdrawn_at IS NULL")
        self.assertTrue(rows, "the demo data shares a case with NGO-A")
        return rows[0]

    # --- pages -------------------------------------------------------------------------------

    def test_demo_cases_are_listed_without_names(self):
        status, headers, page = self.b.get("/cases?lang=sv")
        self.assertEqual(status, 200, page[:2000])
        self.assertEqual(headers.get("cache-control"), "no-store")
        self.assertIn('href="/cases"', page)  # navigation item
        self.assertIn("T. P.", page)
        self.assertNotIn("Påhittsdotter", page)
        self.assertNotIn("Demoberg", page)  # protected identity never listed
        self.assertRegex(page, r"CEN-\d{4}-\d{4}")
        status, _, page = self.b.get("/cases?status=closed&lang=en")
        self.assertEqual(status, 200)
        self.assertIn("Closed", page)
        self.assertIn("<td>Closed</td>", page)
        self.assertNotIn("<td>Open</td>", page)
        status, _, page = self.b.get("/cases?status=bogus&lang=en")
        self.assertEqual(status, 400)
        self.assertIn('class="error-summary"', page)
        status, _, page = self.b.get("/cases/unit?lang=sv")
        self.assertEqual(status, 200)

    def test_open_from_person_number_status_and_duplicate(self):
        person = self.new_person("Fyrbåk")
        status, _, page = self.b.get(f"/persons/{person}?lang=sv")
        self.assertIn(f'href="/persons/{person}/cases/new"', page)
        status, _, page = self.b.get(f"/persons/{person}/cases/new?lang=sv")
        self.assertEqual(status, 200)
        # An unknown coordinator: per-field message, nothing written.
        status, _, page = self.b.request("POST", f"/persons/{person}/cases/new?lang=en",
                                         form={"responsible": "nobody.here"}, follow=False)
        self.assertEqual(status, 422)
        self.assertIn('class="error-summary"', page)
        self.assertIn('id="responsible-error"', page)
        status, headers, _ = self.b.request("POST", f"/persons/{person}/cases/new",
                                            form={"responsible": ""}, follow=False)
        self.assertEqual(status, 303)
        case_id = headers["location"].split("/")[2].split("?")[0]
        status, _, page = self.b.get(f"/cases/{case_id}?lang=en")
        self.assertEqual(status, 200)
        (number,), = self.query("SELECT case_number FROM exit_cases WHERE public_id = ?",
                                (case_id,))
        self.assertRegex(number, CASE_NUMBER)
        self.assertIn(number, page)
        self.assertIn("There is no valid consent", page)

        # A second open case for the same person is a field problem.
        status, _, page = self.b.request("POST", f"/persons/{person}/cases/new?lang=en",
                                         form={"responsible": ""}, follow=False)
        self.assertEqual(status, 422)
        self.assertIn("already has a case that is not closed", page)

        # Closing without a reason: the form again; with one: kept in the history.
        (version,), = self.query("SELECT version FROM exit_cases WHERE public_id = ?", (case_id,))
        status, _, page = self.b.request("POST", f"/cases/{case_id}/status?lang=en", form={
            "status": "closed", "reason": "", "version": str(version)}, follow=False)
        self.assertEqual(status, 422)
        self.assertIn('id="reason-error"', page)
        status, _, _ = self.b.request("POST", f"/cases/{case_id}/status", form={
            "status": "closed", "reason": "moved_away", "note": "Flyttat (demo)",
            "version": str(version)}, follow=False)
        self.assertEqual(status, 303)
        status, _, page = self.b.get(f"/cases/{case_id}?lang=en")
        self.assertIn("Moved away", page)
        self.assertIn("Flyttat (demo)", page)
        # A stale version is a conflict, nothing written.
        status, _, page = self.b.request("POST", f"/cases/{case_id}/status?lang=en", form={
            "status": "open", "version": str(version)}, follow=False)
        self.assertEqual(status, 409)
        events = self.query("SELECT to_status FROM exit_case_events e JOIN exit_cases c "
                            "ON c.case_id = e.case_id WHERE c.public_id = ? ORDER BY e.at",
                            (case_id,))
        self.assertEqual([e[0] for e in events], ["open", "closed"])
        # The closing note is sealed at rest.
        (note,), = self.query("SELECT closed_note FROM exit_cases WHERE public_id = ?", (case_id,))
        self.assertNotIn(b"Flyttat", note)

    def test_handing_the_case_over(self):
        person = self.new_person("Överlämning")
        status, headers, _ = self.b.request("POST", f"/persons/{person}/cases/new",
                                            form={"responsible": ""}, follow=False)
        self.assertEqual(status, 303)
        case_id = headers["location"].split("/")[2].split("?")[0]
        status, _, page = self.b.get(f"/cases/{case_id}?lang=sv")
        self.assertIn(f'action="/cases/{case_id}/responsible"', page)
        (version,), = self.query("SELECT version FROM exit_cases WHERE public_id = ?", (case_id,))
        # A social worker of another committee, and nobody at all: per-field messages.
        for name in ("demo.social", "nobody.here"):
            status, _, page = self.b.request("POST", f"/cases/{case_id}/responsible?lang=en",
                                             form={"responsible": name, "version": str(version)},
                                             follow=False)
            self.assertEqual(status, 422, name)
            self.assertIn('id="responsible-error"', page)
            self.assertIn(f'value="{name}"', page)  # what was typed is kept
        status, headers, _ = self.b.request("POST", f"/cases/{case_id}/responsible", form={
            "responsible": COORDINATOR, "version": str(version)}, follow=False)
        self.assertEqual(status, 303)
        self.assertTrue(headers["location"].endswith("?done=responsible"))
        # The form's version is now stale: a conflict, nothing written.
        status, _, page = self.b.request("POST", f"/cases/{case_id}/responsible?lang=en",
                                         form={"responsible": COORDINATOR,
                                               "version": str(version)}, follow=False)
        self.assertEqual(status, 409)
        (after,), = self.query("SELECT version FROM exit_cases WHERE public_id = ?", (case_id,))
        self.assertEqual(after, version + 1)
        # The API: a PATCH with "responsible", on its own, with If-Match.
        status, headers, _ = self.api(self.b, "GET", f"/api/v1/cases/{case_id}")
        etag = headers["etag"]
        status, _, body = self.api(self.b, "PATCH", f"/api/v1/cases/{case_id}",
                                   {"responsible": COORDINATOR, "status": "paused"},
                                   {"If-Match": etag})
        self.assertEqual(status, 422)
        self.assertEqual(body["errors"][0]["field"], "/responsible")
        status, _, body = self.api(self.b, "PATCH", f"/api/v1/cases/{case_id}",
                                   {"responsible": "demo.social"}, {"If-Match": etag})
        self.assertEqual(status, 422)
        self.assertEqual(body["errors"][0]["field"], "/responsible")
        status, _, body = self.api(self.b, "PATCH", f"/api/v1/cases/{case_id}",
                                   {"responsible": COORDINATOR}, {"If-Match": etag})
        self.assertEqual(status, 200, body)
        status, _, _ = self.api(self.b, "PATCH", f"/api/v1/cases/{case_id}",
                                {"responsible": COORDINATOR}, {"If-Match": etag})
        self.assertEqual(status, 412)
        # Another committee's user cannot hand over a case they cannot see: 404.
        status, _, _ = self.social.request("POST", f"/cases/{case_id}/responsible", form={
            "responsible": "demo.social", "version": str(after)}, follow=False)
        self.assertEqual(status, 404)

    def test_other_committee_and_missing_case_look_the_same(self):
        case_id, _ = self.shared_demo_case()
        status, _, page = self.social.get(f"/cases/{case_id}?lang=sv")
        m_status, _, m_page = self.social.get(f"/cases/{MISSING_ID}?lang=sv")
        self.assertEqual((status, m_status), (404, 404))
        strip = lambda text: re.sub(r"\b[a-z2-7]{26}\b", "ID", text)
        self.assertEqual(strip(page), strip(m_page))
        status, _, _ = self.api(self.social, "GET", f"/api/v1/cases/{case_id}")
        self.assertEqual(status, 404)

    def test_partner_sees_shared_case_until_consent_is_withdrawn(self):
        person = self.new_person("Delning")
        status, headers, _ = self.b.request("POST", f"/persons/{person}/cases/new",
                                            form={"responsible": ""}, follow=False)
        case_id = headers["location"].split("/")[2].split("?")[0]
        status, _, _ = self.partner.get(f"/shared/cases/{case_id}")
        self.assertEqual(status, 404)
        (ngo,), = self.query("SELECT public_id FROM organisations WHERE code = 'NGO-A'")
        # Bad input first: every problem named at its field.
        status, _, page = self.b.request("POST", f"/cases/{case_id}/consents?lang=en", form={
            "purpose": "share_with_organisation", "organisation": "", "how_given": "",
            "expires_on": "2020-02-30"}, follow=False)
        self.assertEqual(status, 422)
        for field in ("organisation", "scope", "how_given", "expires_on"):
            self.assertIn(f'id="{field}-error"', page)
        self.assertEqual(self.query("SELECT COUNT(*) FROM consents k JOIN exit_cases c ON "
                                    "c.case_id = k.case_id WHERE c.public_id = ?", (case_id,)),
                         [(0,)])
        status, _, _ = self.b.request("POST", f"/cases/{case_id}/consents", form={
            "purpose": "share_with_organisation", "organisation": ngo, "how_given": "written",
            "scope_goals": "yes", "scope_contact": "yes"}, follow=False)
        self.assertEqual(status, 303)
        status, _, page = self.b.get(f"/cases/{case_id}?lang=en")
        self.assertIn("may see", page)
        status, _, page = self.partner.get("/shared/cases?lang=en")
        self.assertEqual(status, 200)
        self.assertIn(f'href="/shared/cases/{case_id}"', page)
        status, headers, page = self.partner.get(f"/shared/cases/{case_id}?lang=en")
        self.assertEqual(status, 200, page[:2000])
        self.assertEqual(headers.get("cache-control"), "no-store")
        self.assertIn("Goals", page)
        self.assertIn("Contact details", page)
        self.assertNotIn("Meetings", page)
        self.assertNotIn("Ärendesson", page)
        # The partner never reads the case record itself.
        status, _, _ = self.partner.get(f"/cases/{case_id}")
        self.assertEqual(status, 403)

        (consent,), = self.query("SELECT k.public_id FROM consents k JOIN exit_cases c ON "
                                 "c.case_id = k.case_id WHERE c.public_id = ?", (case_id,))
        status, _, _ = self.b.request("POST", f"/cases/{case_id}/consents/{consent}/withdraw",
                                      form={}, follow=False)
        self.assertEqual(status, 303)
        status, _, _ = self.partner.get(f"/shared/cases/{case_id}")
        self.assertEqual(status, 404)
        status, _, page = self.partner.get("/shared/cases?lang=en")
        self.assertNotIn(case_id, page)
        audited = self.query(
            "SELECT COUNT(*) FROM audit_entries a JOIN users u ON u.user_id = a.actor_user_id "
            "WHERE u.username = ? AND a.record_type = 'case' AND a.action = 'read'", (PARTNER,))
        self.assertGreaterEqual(audited[0][0], 1)

    # --- API ---------------------------------------------------------------------------------

    def test_api_open_get_patch_and_consents(self):
        person = self.new_person("Api")
        status, headers, body = self.api(self.b, "POST", "/api/v1/cases", {"person": person})
        self.assertEqual(status, 201, body)
        case_id = body["id"]
        self.assertRegex(body["case_number"], CASE_NUMBER)
        etag = headers["etag"]
        status, _, body = self.api(self.b, "POST", "/api/v1/cases", {"person": person})
        self.assertEqual(status, 422)
        self.assertEqual(body["errors"][0]["field"], "/person")
        status, headers, body = self.api(self.b, "GET", f"/api/v1/cases/{case_id}")
        self.assertEqual(status, 200)
        self.assertEqual(body["status"], "open")
        self.assertEqual(headers["etag"], etag)
        status, _, _ = self.api(self.b, "PATCH", f"/api/v1/cases/{case_id}", {"status": "paused"})
        self.assertEqual(status, 428)
        status, _, body = self.api(self.b, "PATCH", f"/api/v1/cases/{case_id}",
                                   {"status": "closed"}, {"If-Match": etag})
        self.assertEqual(status, 422)
        self.assertEqual(body["errors"][0]["field"], "/reason")
        status, headers, body = self.api(self.b, "PATCH", f"/api/v1/cases/{case_id}",
                                         {"status": "paused"}, {"If-Match": etag})
        self.assertEqual(status, 200, body)
        status, _, _ = self.api(self.b, "PATCH", f"/api/v1/cases/{case_id}",
                                {"status": "open"}, {"If-Match": etag})
        self.assertEqual(status, 412)
        status, _, body = self.api(self.b, "POST", f"/api/v1/cases/{case_id}/consents",
                                   {"purpose": "statistics", "how_given": "oral"})
        self.assertEqual(status, 201, body)
        consent = body["id"]
        status, _, body = self.api(self.b, "GET", f"/api/v1/cases/{case_id}/consents")
        self.assertEqual(status, 200)
        self.assertTrue(body["items"][0]["active"])
        status, _, _ = self.api(self.b, "POST",
                                f"/api/v1/cases/{case_id}/consents/{consent}/withdraw", {})
        self.assertEqual(status, 204)
        status, _, body = self.api(self.b, "GET", f"/api/v1/cases/{case_id}/consents")
        self.assertFalse(body["items"][0]["active"])
        status, _, body = self.api(self.b, "GET", "/api/v1/cases?status=paused")
        self.assertEqual(status, 200)
        self.assertIn(case_id, [item["id"] for item in body["items"]])
        status, _, _ = self.api(self.b, "GET", "/api/v1/cases?list=everyone")
        self.assertEqual(status, 400)


if __name__ == "__main__":
    unittest.main()
