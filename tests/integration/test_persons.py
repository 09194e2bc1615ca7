"""The person register through the pages and the API against a real `fyren serve` (issue 4 §1,
issue 3 §3): search before create, register, duplicates, the masked identity and its audited
reveal, another committee's person answered exactly like a missing one, protected identity,
emergency access behind a fresh step-up, edit conflicts, the case team and /api/v1/persons.

The demo persons (content/demo/persons.toml) are found through the plain columns the register
keeps for access decisions (owning authority, protected flag, person_staff)."""
import json
import re
import sqlite3
import time
import unittest
import urllib.parse

from demo_server import DemoServerTestCase
from test_sign_in import Browser, SECRETS, totp

COORDINATOR = "demo.coordinator"  # CEN-SAM, Centrum social committee
MISSING_ID = "a" * 26


def luhn_digit(nine_digits):
    total = 0
    for i, ch in enumerate(nine_digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def synthetic_number(birth_number):
    """A personnummer born in 2097: valid in every other way, impossible for a real person
    (the demo server accepts such future dates; trust/identity/synthetic_identity.h)."""
    body = "970615" + f"{birth_number:03d}"
    return "2097-06-15".replace("-", "") + "-" + f"{birth_number:03d}" + luhn_digit(body)


def without_request_id(page):
    """The page with its request id (a 26-character base32 string) blanked out."""
    return re.sub(r"\b[a-z2-7]{26}\b", "ID", page)


class PersonsTest(DemoServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One browser for the coordinator: a second sign-in in the same 30 s would need the same
        # TOTP code twice, which is refused as a replay.
        cls.b = cls.browser_for(COORDINATOR)
        (cls.coordinator_id,), = cls.query("SELECT user_id FROM users WHERE username = ?",
                                           (COORDINATOR,))

    @classmethod
    def demo_person(cls, authority, protected, on_team, kind="personnummer"):
        """The public id of a demo person of `authority` (organisation code), protected or not,
        with or without the coordinator on its staff list."""
        rows = cls.query(
            "SELECT p.public_id FROM persons p JOIN organisations o "
            "ON o.tenant_id = p.tenant_id AND o.organisation_id = p.owning_authority_id "
            "WHERE o.code = ? AND p.protected_identity = ? AND "
            "EXISTS (SELECT 1 FROM person_staff s WHERE s.tenant_id = p.tenant_id AND "
            "s.person_id = p.person_id AND s.user_id = ?) = ? "
            "AND p.identity_kind = ? ORDER BY p.created_at",
            (authority, 1 if protected else 0, cls.coordinator_id, 1 if on_team else 0, kind))
        assert rows, (authority, protected, on_team)
        return rows[0][0]

    def audit_actions(self, public_id):
        return self.query(
            "SELECT a.action, a.outcome, a.flags, a.purpose FROM audit_entries a JOIN persons p "
            "ON p.tenant_id = a.tenant_id AND p.person_id = a.person_id "
            "WHERE p.public_id = ? AND a.actor_user_id = ? ORDER BY a.seq",
            (public_id, self.coordinator_id))

    def age_second_factor(self):
        """Makes the coordinator's session look verified ten minutes ago (no fresh step-up)."""
        with sqlite3.connect(self.db_path, timeout=10) as db:
            db.execute("UPDATE sessions SET mfa_at = mfa_at - 600000000 WHERE user_id = ? "
                       "AND mfa_at IS NOT NULL", (self.coordinator_id,))

    def api(self, method, path, body=None, headers=None):
        status, out_headers, text = self.b.call_api(method, path, body, headers)
        return status, out_headers, (json.loads(text) if text else None)

    # --- pages -------------------------------------------------------------------------------

    def test_header_links_persons_and_list_hides_names(self):
        status, _, page = self.b.get("/?lang=sv")
        self.assertEqual(status, 200)
        self.assertIn('href="/persons"', page)
        status, headers, page = self.b.get("/persons?lang=sv")
        self.assertEqual(status, 200, page[:2000])
        self.assertEqual(headers.get("cache-control"), "no-store")
        self.assertIn("T. P.", page)            # Testa Påhittsdotter, on the team
        self.assertNotIn("Påhittsdotter", page)  # names hidden in lists
        self.assertNotIn("Demoberg", page)       # protected identities never listed
        self.assertNotIn(self.demo_person("CEN", True, True), page)
        self.assertNotIn(self.demo_person("CEN", False, False), page)  # not on the team
        status, _, page = self.b.get("/persons?filter=zzz&lang=en")
        self.assertIn("No person matches the filter.", page)

    def test_register_after_search_and_duplicate_is_caught(self):
        number = synthetic_number(101)
        status, _, page = self.b.get("/persons/new?lang=sv&query=" + urllib.parse.quote(number))
        self.assertEqual(status, 200, page[:2000])
        self.assertIn("Ingen med det numret finns registrerad", page)
        self.assertIn(f'value="{number}"', page)  # the search starts the form

        # A bad check digit: the form comes back with the summary, the message and the values.
        bad = number[:-1] + str((int(number[-1]) + 1) % 10)
        status, _, page = self.b.post("/persons/new?lang=sv", {
            "identity_kind": "number", "identity_number": bad, "given_name": "Provis",
            "family_name": "Registrerad", "gender": "woman"})
        self.assertEqual(status, 422)
        self.assertIn('class="error-summary"', page)
        self.assertIn("Kontrollsiffran stämmer inte", page)
        self.assertIn('value="Provis"', page)

        status, headers, _ = self.b.request("POST", "/persons/new", form={
            "identity_kind": "number", "identity_number": number, "given_name": "Provis",
            "family_name": "Registrerad", "gender": "woman", "languages": "sv, ro",
            "interpreter_needed": "yes"}, follow=False)
        self.assertEqual(status, 303)
        location = headers["location"]
        self.assertRegex(location, r"^/persons/[a-z2-7]{26}\?done=registered$")
        public_id = location.split("/")[2].split("?")[0]
        status, _, page = self.b.get(location + "&lang=sv")
        self.assertEqual(status, 200)
        self.assertIn("Personen är registrerad.", page)
        self.assertIn("Provis Registrerad", page)
        self.assertIn("20970615-XXXX", page)
        self.assertNotIn(number.replace("-", "")[-4:] + "<", page)
        self.assertIn(("create", "allowed"), [r[:2] for r in self.audit_actions(public_id)])

        # The same number again: caught, with a message, a link to the first and nothing lost.
        status, _, page = self.b.post("/persons/new?lang=sv", {
            "identity_kind": "number", "identity_number": number, "given_name": "Annan",
            "family_name": "Person"})
        self.assertEqual(status, 422)
        self.assertIn("En person med det här numret finns redan i din nämnd.", page)
        self.assertIn(f'href="/persons/{public_id}"', page)
        self.assertIn('value="Annan"', page)
        (count,), = self.query("SELECT COUNT(*) FROM persons")
        # And search before create now finds it.
        status, _, page = self.b.get("/persons/new?lang=en&query=" + urllib.parse.quote(number))
        self.assertIn(f'href="/persons/{public_id}"', page)
        (count_after,), = self.query("SELECT COUNT(*) FROM persons")
        self.assertEqual(count, count_after)

    def test_reveal_shows_the_number_and_is_audited(self):
        public_id = self.demo_person("CEN", False, True)
        status, _, page = self.b.get(f"/persons/{public_id}?lang=sv")
        self.assertEqual(status, 200, page[:2000])
        masked = re.search(r'id="identity-number">([^<]+)<', page).group(1)
        self.assertTrue(masked.endswith("-XXXX"), masked)
        self.assertEqual(self.audit_actions(public_id)[-1][:2], ("read", "allowed"))
        status, _, page = self.b.post(f"/persons/{public_id}/reveal?lang=sv", {})
        self.assertEqual(status, 200)
        full = re.search(r'id="identity-number">([^<]+)<', page).group(1)
        self.assertRegex(full, r"^209\d{5}-\d{4}$")
        self.assertEqual(full[:9], masked[:9])
        last = self.audit_actions(public_id)[-1]
        self.assertEqual(last[:2], ("reveal_identity", "allowed"))
        self.assertEqual(last[3], "case_work")
        # A reveal without the CSRF token never runs.
        status, _, _ = self.b.request("POST", f"/persons/{public_id}/reveal", form={},
                                      csrf=False, follow=False)
        self.assertEqual(status, 403)

    def test_other_authority_and_outside_team_are_404_like_a_missing_person(self):
        other = self.demo_person("HIS", False, False)
        outside = self.demo_person("CEN", False, False)
        _, _, missing_page = self.b.get(f"/persons/{MISSING_ID}?lang=sv")
        for public_id in (other, outside):
            for suffix in ("", "/edit"):
                status, _, page = self.b.get(f"/persons/{public_id}{suffix}?lang=sv")
                self.assertEqual(status, 404, (public_id, suffix))
                self.assertEqual(without_request_id(page),
                                 without_request_id(missing_page.replace(MISSING_ID, public_id)))
            status, _, page = self.b.post(f"/persons/{public_id}/reveal?lang=sv", {})
            self.assertEqual(status, 404)
        # Denials are audited.
        denied = self.query(
            "SELECT COUNT(*) FROM audit_entries a JOIN persons p ON p.tenant_id = a.tenant_id "
            "AND p.person_id = a.person_id WHERE p.public_id = ? AND a.action = 'denied'",
            (other,))
        self.assertGreaterEqual(denied[0][0], 1)
        # The other committee's person is not even found by its number: search stays inside.
        status, _, page = self.b.get(f"/persons/new?lang=en&query={other}")
        self.assertNotIn(other, page.replace(f'value="{other}"', ""))
        # The API answers alike.
        s1, _, p1 = self.api("GET", f"/api/v1/persons/{other}")
        s2, _, p2 = self.api("GET", f"/api/v1/persons/{MISSING_ID}")
        self.assertEqual((s1, s2), (404, 404))
        for problem in (p1, p2):
            problem.pop("request_id", None)
            problem.pop("instance", None)
        self.assertEqual(p1, p2)

    def test_protected_person_named_staff_see_a_warning(self):
        named = self.demo_person("CEN", True, True)
        status, _, page = self.b.get(f"/persons/{named}?lang=sv")
        self.assertEqual(status, 200)
        self.assertIn("Skyddade personuppgifter", page)
        self.assertIn("Du är namngiven för personen", page)
        self.assertIn("Demoberg", page)
        flags = self.audit_actions(named)[-1][2]
        self.assertTrue(flags & 1, flags)  # kFlagProtectedIdentity

    def test_zz_emergency_access_needs_step_up_and_masks_a_protected_identity(self):
        person = self.demo_person("CEN", True, False)  # protected, coordinator not named
        status, _, _ = self.b.request("GET", f"/persons/{person}", follow=False)
        self.assertEqual(status, 404)

        self.age_second_factor()
        path = f"/persons/{person}/emergency-access"
        status, headers, _ = self.b.request("GET", path, follow=False)
        self.assertEqual(status, 303)
        location = headers["location"]
        self.assertTrue(location.startswith("/account/confirm?next="), location)
        self.assertEqual(urllib.parse.unquote(location.split("next=", 1)[1]), path)
        # A POST without a fresh step-up is sent the same way and grants nothing.
        status, headers, _ = self.b.request("POST", path, form={
            "reason_category": "immediate_danger", "reason_text": "Akut läge hos personen."},
            follow=False)
        self.assertEqual(status, 303)
        self.assertTrue(headers["location"].startswith("/account/confirm?next="))
        self.assertEqual(self.query("SELECT COUNT(*) FROM emergency_access_grants")[0][0], 0)

        # Step up with the next time step's code (the sign-in used this one).
        status, headers, _ = self.b.request(
            "POST", "/account/confirm",
            form={"code": totp(SECRETS[COORDINATOR], at=time.time() + 30), "next": path},
            follow=False)
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], path)
        status, _, page = self.b.get(path + "?lang=sv")
        self.assertEqual(status, 200, page[:2000])
        status, _, page = self.b.post(path + "?lang=sv", {"reason_text": "kort"})
        self.assertEqual(status, 422)
        self.assertIn('class="error-summary"', page)
        self.assertIn("Välj varför du behöver nödåtkomst.", page)
        self.assertIn(">kort</textarea>", page)

        status, headers, _ = self.b.request("POST", path, form={
            "reason_category": "immediate_danger",
            "reason_text": "Akut läge, ansvarig handläggare nås inte."}, follow=False)
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], f"/persons/{person}?done=emergency")
        status, _, page = self.b.get(f"/persons/{person}?done=emergency&lang=sv")
        self.assertEqual(status, 200, page[:2000])
        self.assertIn("Nödåtkomst", page)
        self.assertIn("Person med skyddade personuppgifter", page)
        self.assertIn("Identitetsuppgifterna visas bara för namngiven personal", page)
        self.assertNotIn("Hemlig", page)      # the name stays masked
        self.assertNotIn("Provlund", page)
        self.assertNotIn("Visa hela numret", page)
        actions = self.audit_actions(person)
        self.assertIn("emergency_access", [a[0] for a in actions])
        grant = [a for a in actions if a[0] == "emergency_access"][-1]
        self.assertTrue(grant[2] & 2, grant)   # kFlagEmergencyAccess
        self.assertEqual(grant[3], "emergency")
        read = actions[-1]
        self.assertEqual(read[:2], ("read", "allowed"))
        self.assertEqual(read[2] & 3, 3)        # protected identity + emergency access
        # The reason text is sealed, not stored in plain text.
        (reason,), = self.query("SELECT reason_text FROM emergency_access_grants")
        self.assertNotIn(b"Akut", bytes(reason))
        # A reveal of a protected identity the coordinator is not named for is refused.
        status, _, _ = self.b.post(f"/persons/{person}/reveal", {})
        self.assertEqual(status, 403)
        # Another committee's person stays invisible even with a fresh step-up.
        other = self.demo_person("HIS", False, False)
        status, _, _ = self.b.request("GET", f"/persons/{other}/emergency-access", follow=False)
        self.assertEqual(status, 404)

    def test_edit_conflict_is_shown_and_nothing_is_overwritten(self):
        public_id = self.demo_person("CEN", False, True, "samordningsnummer")
        status, _, page = self.b.get(f"/persons/{public_id}/edit?lang=sv")
        self.assertEqual(status, 200, page[:2000])
        version = re.search(r'name="version" value="(\d+)"', page).group(1)
        given = re.search(r'name="given_name" type="text" autocomplete="off" value="([^"]*)"',
                          page).group(1)
        form = {"version": version, "identity_kind": "samordningsnummer", "given_name": given,
                "family_name": "Ändradsdotter", "gender": "woman", "languages": "sv"}
        status, headers, _ = self.b.request("POST", f"/persons/{public_id}/edit", form=form,
                                            follow=False)
        self.assertEqual(status, 303)
        # The same old version again: a conflict, the typed value kept, the saved one shown.
        form["family_name"] = "Krockdotter"
        status, _, page = self.b.post(f"/persons/{public_id}/edit?lang=sv", form)
        self.assertEqual(status, 409)
        self.assertIn("Någon annan har ändrat personen", page)
        self.assertIn('value="Krockdotter"', page)
        self.assertIn("Ändradsdotter", page)
        new_version = re.search(r'name="version" value="(\d+)"', page).group(1)
        self.assertEqual(int(new_version), int(version) + 1)
        _, _, page = self.b.get(f"/persons/{public_id}?lang=sv")
        self.assertIn("Ändradsdotter", page)
        self.assertNotIn("Krockdotter", page)
        # A bad birth-year-free change (an empty name) is a per-field error.
        form = {"version": new_version, "identity_kind": "samordningsnummer", "given_name": "",
                "family_name": ""}
        status, _, page = self.b.post(f"/persons/{public_id}/edit?lang=sv", form)
        self.assertEqual(status, 422)
        self.assertIn("Skriv personens namn.", page)

    def test_team_members_are_added_and_removed_by_user_name(self):
        public_id = self.demo_person("CEN", False, True)
        status, _, page = self.b.post(f"/persons/{public_id}/team?lang=sv",
                                      {"action": "add", "username": "demo.social"})
        self.assertEqual(status, 422)  # another committee's user
        self.assertIn("Det finns ingen aktiv användare med det namnet i nämnden.", page)
        status, headers, _ = self.b.request("POST", f"/persons/{public_id}/team", form={
            "action": "add", "username": "demo.intake"}, follow=False)
        self.assertEqual(status, 303)
        _, _, page = self.b.get(f"/persons/{public_id}?lang=sv")
        self.assertIn("demo.intake", page)
        status, _, _ = self.b.request("POST", f"/persons/{public_id}/team", form={
            "action": "remove", "username": "demo.intake"}, follow=False)
        self.assertEqual(status, 303)
        _, _, page = self.b.get(f"/persons/{public_id}?lang=sv")
        self.assertNotIn("(demo.intake)", page)

    # --- API ---------------------------------------------------------------------------------

    def test_api_list_get_create_and_patch_with_if_match(self):
        status, headers, body = self.api("GET", "/api/v1/persons")
        self.assertEqual(status, 200)
        self.assertEqual(headers.get("cache-control"), "no-store")
        self.assertTrue(body["items"])
        self.assertNotIn("given_name", body["items"][0])

        number = synthetic_number(202)
        status, _, body = self.api("POST", "/api/v1/persons", {
            "identity_kind": "number", "identity_number": number, "given_name": "Api",
            "family_name": "Skapad", "languages": ["sv"], "interpreter_needed": False})
        self.assertEqual(status, 201, body)
        public_id = body["id"]
        status, _, body = self.api("POST", "/api/v1/persons", {
            "identity_kind": "number", "identity_number": number, "given_name": "Igen"})
        self.assertEqual(status, 409, body)
        self.assertEqual(body["errors"][0]["field"], "/identity_number")
        self.assertEqual(body["duplicates"][0]["id"], public_id)
        status, _, body = self.api("POST", "/api/v1/persons", {"identity_kind": "number",
                                                               "birth_year": True})
        self.assertEqual(status, 422)
        status, _, _ = self.server.request(
            "POST", "/api/v1/persons", body=b"identity_kind=alias",
            headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.b.cookies.items()),
                     "Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 415)

        status, headers, body = self.api("GET", f"/api/v1/persons/{public_id}")
        self.assertEqual(status, 200)
        etag = headers["etag"]
        self.assertEqual(body["given_name"], "Api")
        self.assertTrue(body["identity_number"].endswith("-XXXX"))
        status, _, _ = self.api("GET", f"/api/v1/persons/{public_id}",
                                headers={"If-None-Match": etag})
        self.assertEqual(status, 304)

        status, _, _ = self.api("PATCH", f"/api/v1/persons/{public_id}", {"alias": "Nytt"})
        self.assertEqual(status, 428)
        status, _, _ = self.api("PATCH", f"/api/v1/persons/{public_id}", {"alias": "Nytt"},
                                headers={"If-Match": '"stale.1"'})
        self.assertEqual(status, 412)
        status, headers, body = self.api("PATCH", f"/api/v1/persons/{public_id}",
                                         {"alias": "Nytt", "identity_number": "x"},
                                         headers={"If-Match": etag})
        self.assertEqual(status, 422)
        status, headers, body = self.api("PATCH", f"/api/v1/persons/{public_id}",
                                         {"alias": "Nytt", "phone": None},
                                         headers={"If-Match": etag})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["version"], 2)
        self.assertNotEqual(headers["etag"], etag)
        status, _, _ = self.api("PATCH", f"/api/v1/persons/{public_id}", {"alias": "Igen"},
                                headers={"If-Match": etag})
        self.assertEqual(status, 412)
        _, _, body = self.api("GET", f"/api/v1/persons/{public_id}")
        self.assertEqual(body["alias"], "Nytt")
        self.assertEqual(body["given_name"], "Api")  # the merge patch kept the rest

        # Out of scope is 404 before any If-Match rule applies.
        other = self.demo_person("HIS", False, False)
        status, _, _ = self.api("PATCH", f"/api/v1/persons/{other}", {"alias": "x"})
        self.assertEqual(status, 404)
        status, _, _ = self.api("PATCH", f"/api/v1/persons/{MISSING_ID}", {"alias": "x"})
        self.assertEqual(status, 404)

        # Search before create by number, inside the committee only.
        status, _, body = self.api("GET", "/api/v1/persons?query=" + urllib.parse.quote(number))
        self.assertEqual(status, 200)
        self.assertEqual([i["id"] for i in body["items"]], [public_id])
        status, _, body = self.api("GET", "/api/v1/persons?query=12345")
        self.assertEqual(status, 400)

    def test_anonymous_and_roles_without_personal_data_are_refused(self):
        status, headers, _ = self.server.request("GET", "/persons")
        self.assertEqual(status, 303)
        self.assertTrue(headers["location"].startswith("/sign-in"))
        status, _, _ = self.server.request("GET", "/api/v1/persons")
        self.assertEqual(status, 401)
        analyst = Browser(self.server)
        analyst.sign_in("demo.analyst")
        status, _, page = analyst.get("/")
        self.assertNotIn('href="/persons"', page)
        status, _, _ = analyst.request("GET", "/persons", follow=False)
        self.assertEqual(status, 403)


if __name__ == "__main__":
    unittest.main()
