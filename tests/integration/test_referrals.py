"""Referrals and anonymous consultations through the pages and the API against a real
`fyren serve` (issue 5 §4): a screening's referral to Barnahus, a kind the recipient does not take
refused on the page and in the API, the recipient's statuses with their history, a decline without
a reason, an outsider answered exactly like a missing referral, an accepted adult referral that
points the coordinator to registering the person and becomes an exit case (the sender sees only
that it led to contact), a referral id that may not be continued ignored with one message, and a
consultation asked, answered and seen by the asker only."""
import json
import os
import re
import shutil
import sqlite3
import tempfile
import unittest
import urllib.parse

import fyren_process as fp
from test_persons import synthetic_number
from test_screenings import ANONYMOUS, answers_for
from test_sign_in import Browser

SCHOOL = "demo.school"  # student health: the sender
BARNAHUS = "demo.barnahus"  # Barnahus Göteborg (CEN-BH)
COORDINATOR = "demo.coordinator"  # exit coordinators, Centrum (CEN-SAM)
OUTSIDER = "demo.social"  # a social worker of Hisingen: neither side
CENTRE = "demo.competence"  # the competence centre (CEN-KC)
INTAKE = "demo.intake"  # intake for children and young people, Centrum (CEN-MOT)
SENT = re.compile(r"^/referrals/([a-z2-7]{26})\?done=sent$")


class ReferralsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="fyren-referrals-")
        cls.db_path = os.path.join(cls.dir, "fyren.db")
        cls.server = fp.Server("sqlite:" + cls.db_path).start()
        cls.browsers = {}
        for user in (SCHOOL, BARNAHUS, COORDINATOR, OUTSIDER, CENTRE, INTAKE):
            cls.browsers[user] = Browser(cls.server)
            cls.browsers[user].sign_in(user)

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls.server.close()
        shutil.rmtree(cls.dir, ignore_errors=True)
        assert code == 0, f"fyren serve exited with {code}"

    @classmethod
    def query(cls, sql, args=()):
        with sqlite3.connect(cls.db_path, timeout=10) as db:
            return db.execute(sql, args).fetchall()

    def api(self, user, method, path, body=None, headers=None):
        browser = self.browsers[user]
        all_headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items())}
        all_headers.update(headers or {})
        data = None
        if body is not None:
            all_headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode()
        status, out, text = self.server.request(method, path, body=data, headers=all_headers)
        return status, out, text.decode("utf-8", "replace")

    def screening(self):
        browser = self.browsers[SCHOOL]
        _, _, body = browser.get("/api/v1/instruments/youth")
        form = {"subject_kind": "at_risk", **ANONYMOUS}
        form.update({f"q.{k}": v for k, v in answers_for(json.loads(body), "clear_concern").items()})
        browser.get("/screenings/new/youth")
        status, headers, page = browser.post("/screenings/new/youth", form)
        self.assertEqual(status, 303, page[:2000])
        return headers["location"].split("/")[2].split("?")[0]

    def send(self, user, form):
        browser = self.browsers[user]
        browser.get("/referrals/new")
        status, headers, page = browser.post("/referrals/new", form)
        self.assertEqual(status, 303, page[:3000])
        found = SENT.match(headers["location"])
        self.assertIsNotNone(found, headers["location"])
        return found.group(1)

    def test_a_screening_is_referred_to_barnahus_and_moves_through_its_statuses(self):
        screening = self.screening()
        school = self.browsers[SCHOOL]
        status, _, page = school.get(f"/referrals/new?screening={screening}&to=barnahus")
        self.assertEqual(status, 200)
        self.assertIn(f'name="source_id" value="{screening}"', page)
        self.assertIn('value="child_abuse" aria-describedby="kind-child_abuse-hint" checked', page)
        self.assertIn('value="CEN-BH"', page)
        self.assertNotIn('value="CEN-SAM"', page)  # only recipients that take the kind
        referral = self.send(SCHOOL, {
            "kind": "child_abuse", "recipient": "CEN-BH", "source_kind": "screening",
            "source_id": screening, "message": "Tydlig oro efter kartläggning, elev 14 år.",
            "person_summary": "Vill helst träffas på skolan."})
        (source, stored_status), = self.query(
            "SELECT source_public_id, status FROM referrals WHERE public_id = ?", (referral,))
        self.assertEqual((source, stored_status), (screening, "sent"))
        # The message is sealed at rest.
        (message,), = self.query("SELECT message FROM referrals WHERE public_id = ?", (referral,))
        self.assertNotIn(b"Tydlig oro", bytes(message))

        # Barnahus opens it: received.
        barnahus = self.browsers[BARNAHUS]
        status, _, page = barnahus.get(f"/referrals/{referral}")
        self.assertEqual(status, 200)
        self.assertIn("Tydlig oro efter kartläggning", page)
        self.assertIn("Mottagen", page)
        status, _, page = barnahus.get("/referrals")
        self.assertIn(f'href="/referrals/{referral}"', page)

        # The sender may not move it; the recipient declines without a reason: a message.
        status, _, _ = school.post(f"/referrals/{referral}/status",
                                   {"status": "accepted", "version": "2"})
        self.assertEqual(status, 403)
        barnahus.get(f"/referrals/{referral}")
        status, _, page = barnahus.post(f"/referrals/{referral}/status",
                                        {"status": "declined", "reason": "", "version": "2"})
        self.assertEqual(status, 422)
        self.assertIn('href="#reason"', page)
        # Accept, then done; the history shows each step.
        status, headers, _ = barnahus.post(f"/referrals/{referral}/status",
                                           {"status": "accepted", "version": "2"})
        self.assertEqual(status, 303, headers)
        # A stale version is shown as a conflict, nothing overwritten.
        status, headers, _ = barnahus.post(f"/referrals/{referral}/status",
                                           {"status": "done", "version": "2"})
        self.assertEqual(headers.get("location"), f"/referrals/{referral}?done=conflict")
        status, _, _ = barnahus.post(f"/referrals/{referral}/status",
                                     {"status": "done", "version": "3"})
        self.assertEqual(status, 303)
        history = [s for (s,) in self.query(
            "SELECT e.status FROM referral_events e JOIN referrals r ON r.referral_id = "
            "e.referral_id WHERE r.public_id = ? ORDER BY e.occurred_at, e.status = 'done'",
            (referral,))]
        self.assertEqual(sorted(history), sorted(["sent", "received", "accepted", "done"]))
        status, _, page = school.get(f"/referrals/{referral}")
        self.assertIn("Klar", page)
        for word in ("Skickad", "Mottagen", "Accepterad"):
            self.assertIn(word, page)

    def test_intake_refers_a_report_of_concern_to_barnahus(self):
        (report,), = self.query(
            "SELECT r.public_id FROM concern_reports r JOIN organisations o ON "
            "o.organisation_id = r.receiving_authority_id WHERE o.code = 'CEN' "
            "ORDER BY r.received_at LIMIT 1")
        intake = self.browsers[INTAKE]
        status, _, page = intake.get(f"/intake/{report}")
        self.assertEqual(status, 200)
        link = f"/referrals/new?report={report}&amp;to=barnahus"
        self.assertIn(f'href="{link}"', page)
        status, _, page = intake.get(link.replace("&amp;", "&"))
        self.assertIn(f'name="source_id" value="{report}"', page)
        referral = self.send(INTAKE, {"kind": "child_abuse", "recipient": "CEN-BH",
                                      "source_kind": "report", "source_id": report,
                                      "message": "Skyddsbedömning gjord, behov av samråd."})
        (kind,), = self.query("SELECT source_kind FROM referrals WHERE public_id = ?",
                              (referral,))
        self.assertEqual(kind, "report")
        # Someone who may not read the report (another committee) cannot name it as the source.
        self.browsers[OUTSIDER].get("/referrals/new")
        status, _, page = self.browsers[OUTSIDER].post("/referrals/new", {
            "kind": "child_abuse", "recipient": "CEN-BH", "source_kind": "report",
            "source_id": report, "message": "x"})
        self.assertEqual(status, 422)
        self.assertIn('href="#source"', page)

    def test_a_kind_the_recipient_does_not_take_is_refused_on_the_page_and_in_the_api(self):
        before = self.query("SELECT COUNT(*) FROM referrals")[0][0]
        school = self.browsers[SCHOOL]
        school.get("/referrals/new")
        status, _, page = school.post("/referrals/new", {
            "kind": "adult_support", "recipient": "CEN-BH", "message": "Vuxen som vill lämna."})
        self.assertEqual(status, 422)
        self.assertIn('class="error-summary"', page)
        self.assertIn("Barnahus Göteborg tar inte emot", page)
        self.assertIn("Vuxen som vill lämna.", page)  # nothing typed is lost
        status, _, text = self.api(SCHOOL, "POST", "/api/v1/referrals", {
            "kind": "adult_support", "recipient": "CEN-BH", "message": "Vuxen som vill lämna."})
        self.assertEqual(status, 422, text)
        problem = json.loads(text)
        self.assertIn("/recipient", [e["field"] for e in problem["errors"]])
        self.assertEqual(self.query("SELECT COUNT(*) FROM referrals")[0][0], before)

    def test_an_outsider_gets_what_a_missing_referral_gets(self):
        referral = self.send(SCHOOL, {"kind": "child_abuse", "recipient": "CEN-BH",
                                      "message": "Oro för en elev."})
        outsider = self.browsers[OUTSIDER]
        status_real, _, page_real = outsider.get(f"/referrals/{referral}")
        status_missing, _, page_missing = outsider.get("/referrals/" + "a" * 26)
        self.assertEqual((status_real, status_missing), (404, 404))
        self.assertNotIn("Oro för en elev", page_real)
        status, _, text = self.api(OUTSIDER, "GET", f"/api/v1/referrals/{referral}")
        self.assertEqual(status, 404)
        denied = self.query("SELECT COUNT(*) FROM audit_entries WHERE action = 'denied' AND "
                            "record_type = 'referral'")[0][0]
        self.assertGreaterEqual(denied, 2)

    def test_the_api_moves_the_status_with_if_match(self):
        status, headers, text = self.api(SCHOOL, "POST", "/api/v1/referrals", {
            "kind": "child_abuse", "recipient": "CEN-BH", "message": "Via API."})
        self.assertEqual(status, 201, text)
        referral = json.loads(text)["id"]
        path = f"/api/v1/referrals/{referral}"
        status, headers, text = self.api(BARNAHUS, "GET", path)
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(text)["status"], "received")
        etag = headers["etag"]
        status, _, _ = self.api(BARNAHUS, "POST", path + "/status", {"status": "accepted"})
        self.assertEqual(status, 428)
        status, _, text = self.api(BARNAHUS, "POST", path + "/status", {"status": "done"},
                                   {"If-Match": etag})
        self.assertEqual(status, 409, text)  # done before accepted
        status, _, text = self.api(BARNAHUS, "POST", path + "/status", {"status": "accepted"},
                                   {"If-Match": '"stale.1"'})
        self.assertEqual(status, 412, text)
        status, _, text = self.api(BARNAHUS, "POST", path + "/status", {"status": "accepted"},
                                   {"If-Match": etag})
        self.assertEqual(status, 204, text)
        status, _, text = self.api(SCHOOL, "GET", path)
        body = json.loads(text)
        self.assertEqual(body["status"], "accepted")
        self.assertEqual([h["status"] for h in body["history"]], ["sent", "received", "accepted"])

    def test_an_accepted_adult_referral_points_the_coordinator_to_registering_the_person(self):
        referral = self.send(SCHOOL, {"kind": "adult_support", "recipient": "CEN-SAM",
                                      "message": "Ung vuxen, 19 år, vill ha stöd att lämna."})
        coordinator = self.browsers[COORDINATOR]
        coordinator.get(f"/referrals/{referral}")
        status, _, page = coordinator.post(f"/referrals/{referral}/status",
                                           {"status": "accepted", "version": "2"})
        self.assertEqual(status, 303)
        status, _, page = coordinator.get(f"/referrals/{referral}?lang=sv")
        self.assertIn(f'href="/persons/new?referral={referral}"', page)
        self.assertIn("Registrera personen och öppna ett exit-ärende", page)
        _, _, page = self.browsers[SCHOOL].get(f"/referrals/{referral}")
        self.assertNotIn("/persons/new", page)

    def accepted_adult_referral(self, summary="Kvinna, 30 år, talar rumänska."):
        referral = self.send(SCHOOL, {"kind": "adult_support", "recipient": "CEN-SAM",
                                      "message": "Vill ha stöd att lämna.",
                                      "person_summary": summary})
        coordinator = self.browsers[COORDINATOR]
        coordinator.get(f"/referrals/{referral}")
        status, _, _ = coordinator.post(f"/referrals/{referral}/status",
                                        {"status": "accepted", "version": "2"})
        self.assertEqual(status, 303)
        return referral

    def register_person(self, alias, given_name, birth_year):
        """A person the coordinator registers on the page without a referral; its public id."""
        coordinator = self.browsers[COORDINATOR]
        coordinator.get("/persons/new")
        status, headers, _ = coordinator.post("/persons/new", {
            "identity_kind": "alias", "alias": alias, "given_name": given_name,
            "family_name": "Påhittsson", "birth_year": birth_year})
        self.assertEqual(status, 303)
        return headers["location"].split("/")[2].split("?")[0]

    def test_an_accepted_adult_referral_becomes_an_exit_case(self):
        referral = self.accepted_adult_referral()
        coordinator = self.browsers[COORDINATOR]
        # The registration form continues the referral: its summary read-only, nothing filled in.
        status, _, page = coordinator.get(f"/persons/new?referral={referral}&lang=sv")
        self.assertEqual(status, 200, page[:2000])
        self.assertIn("Fortsätter en remiss", page)
        self.assertIn("Kvinna, 30 år, talar rumänska.", page)
        self.assertEqual(page.count(f'name="referral" value="{referral}"'), 2)  # search + register
        self.assertNotIn('value="Kvinna', page)
        status, headers, page = coordinator.post("/persons/new", {
            "identity_kind": "alias", "alias": "Remissfall", "given_name": "Remi",
            "family_name": "Påhittsdotter", "birth_year": "1996", "referral": referral})
        self.assertEqual(status, 303, page[:2000])
        location = headers["location"]
        self.assertRegex(location, rf"^/persons/[a-z2-7]{{26}}/cases/new\?referral={referral}$")
        person = location.split("/")[2]
        status, _, page = coordinator.get(location)
        self.assertEqual(status, 200, page[:2000])
        self.assertIn(f'name="referral" value="{referral}"', page)
        status, headers, page = coordinator.post(f"/persons/{person}/cases/new",
                                                 {"responsible": "", "referral": referral})
        self.assertEqual(status, 303, page[:2000])
        case = headers["location"].split("/")[2].split("?")[0]
        (number, stored_status, linked), = self.query(
            "SELECT c.case_number, r.status, l.case_public_id FROM referrals r "
            "JOIN referral_cases l ON l.tenant_id = r.tenant_id AND l.referral_id = r.referral_id "
            "JOIN exit_cases c ON c.tenant_id = l.tenant_id AND c.case_id = l.case_id "
            "WHERE r.public_id = ?", (referral,))
        self.assertEqual((stored_status, linked), ("done", case))
        # The case page names the referral; the recipient sees the case on the referral.
        _, _, page = coordinator.get(f"/cases/{case}?lang=sv")
        self.assertIn("Startat från remiss", page)
        self.assertIn(f'href="/referrals/{referral}"', page)
        _, _, page = coordinator.get(f"/referrals/{referral}?lang=sv")
        self.assertIn("Exit-ärende öppnat:", page)
        self.assertIn(f'href="/cases/{case}"', page)
        self.assertIn(number, page)
        self.assertNotIn("/persons/new", page)
        # The sender learns only that it is done and led to contact: no case number, no link.
        _, _, page = self.browsers[SCHOOL].get(f"/referrals/{referral}?lang=sv")
        self.assertIn("ledde till kontakt med samordnaren", page)
        self.assertNotIn(number, page)
        self.assertNotIn("/cases/", page)
        self.assertNotIn("Exit-ärende öppnat", page)
        # Done now: the same referral cannot be continued again.
        status, _, page = coordinator.get(f"/persons/new?referral={referral}&lang=en")
        self.assertEqual(status, 200)
        self.assertIn("This referral cannot be continued here", page)
        self.assertNotIn('name="referral"', page)

    def test_a_referral_that_may_not_be_continued_is_ignored_with_the_same_message(self):
        accepted = self.accepted_adult_referral()
        waiting = self.send(SCHOOL, {"kind": "adult_support", "recipient": "CEN-SAM",
                                     "message": "Vill ha stöd att lämna."})
        unknown = "a" * 26
        message = "Remissen kan inte fortsättas här"
        for user, referral in ((COORDINATOR, unknown), (COORDINATOR, "../../x"),
                               (COORDINATOR, waiting), (OUTSIDER, accepted), (SCHOOL, accepted),
                               (BARNAHUS, accepted)):
            with self.subTest(user=user, referral=referral):
                status, _, page = self.browsers[user].get(
                    f"/persons/new?lang=sv&referral={referral}")
                self.assertEqual(status, 200, page[:2000])
                self.assertIn(message, page)
                self.assertNotIn('name="referral"', page)
                self.assertNotIn("Kvinna, 30 år", page)
        # The case form drops it too: a clear message, nothing written, the form goes on without.
        coordinator = self.browsers[COORDINATOR]
        person = self.register_person("Utan remiss", "Ola", "1990")
        status, _, page = coordinator.get(f"/persons/{person}/cases/new?referral={waiting}&lang=sv")
        self.assertEqual(status, 200)
        self.assertIn("Remissen kan inte fortsättas här", page)
        self.assertNotIn('name="referral"', page)
        status, _, page = coordinator.post(f"/persons/{person}/cases/new",
                                           {"responsible": "", "referral": unknown})
        self.assertEqual(status, 422, page[:2000])
        self.assertIn('href="#referral"', page)
        self.assertNotIn('name="referral"', page)
        self.assertEqual(self.query(
            "SELECT COUNT(*) FROM exit_cases c JOIN persons p ON p.tenant_id = c.tenant_id "
            "AND p.person_id = c.person_id WHERE p.public_id = ?", (person,)), [(0,)])
        (stored,), = self.query("SELECT status FROM referrals WHERE public_id = ?", (waiting,))
        self.assertEqual(stored, "sent")  # untouched
        status, _, _ = coordinator.post(f"/persons/{person}/cases/new", {"responsible": ""})
        self.assertEqual(status, 303)

    def test_the_api_opens_a_case_from_a_referral_with_the_same_rules(self):
        referral = self.accepted_adult_referral()
        person = self.register_person("Api-remiss", "Api", "1992")
        status, _, text = self.api(COORDINATOR, "POST", "/api/v1/cases",
                                   {"person": person, "referral": "b" * 26})
        self.assertEqual(status, 422, text)
        self.assertIn("/referral", text)
        status, _, text = self.api(OUTSIDER, "POST", "/api/v1/cases",
                                   {"person": person, "referral": referral})
        self.assertEqual(status, 404, text)  # not their person either
        status, _, text = self.api(COORDINATOR, "POST", "/api/v1/cases",
                                   {"person": person, "referral": referral})
        self.assertEqual(status, 201, text)
        case = json.loads(text)["id"]
        status, _, text = self.api(COORDINATOR, "GET", f"/api/v1/cases/{case}")
        self.assertEqual(json.loads(text)["from_referral"], referral)
        status, _, text = self.api(SCHOOL, "GET", f"/api/v1/referrals/{referral}")
        self.assertEqual(status, 200, text)
        sent = json.loads(text)
        self.assertEqual(sent["status"], "done")
        self.assertTrue(sent["led_to_exit_case"])
        self.assertNotIn("opened_case", sent)
        self.assertNotIn(case, text)
        # The recipient sees which case it became.
        status, _, text = self.api(COORDINATOR, "GET", f"/api/v1/referrals/{referral}")
        self.assertEqual(status, 200, text)
        received = json.loads(text)
        self.assertTrue(received["led_to_exit_case"])
        self.assertEqual(received["opened_case"]["id"], case)
        self.assertEqual(received["opened_case"]["href"], f"/api/v1/cases/{case}")
        (number,), = self.query("SELECT case_number FROM exit_cases WHERE public_id = ?", (case,))
        self.assertEqual(received["opened_case"]["case_number"], number)
        self.assertNotIn("register_person", received)

    def test_search_before_create_offers_the_found_person_with_the_referral(self):
        referral = self.accepted_adult_referral()
        coordinator = self.browsers[COORDINATOR]
        number = synthetic_number(417)
        coordinator.get("/persons/new")
        status, headers, page = coordinator.post("/persons/new", {
            "identity_kind": "number", "identity_number": number, "given_name": "Finns",
            "family_name": "Redan", "birth_year": ""})
        self.assertEqual(status, 303, page[:2000])
        person = headers["location"].split("/")[2].split("?")[0]
        status, _, page = coordinator.get(
            f"/persons/new?lang=sv&referral={referral}&query=" + urllib.parse.quote(number))
        self.assertEqual(status, 200, page[:2000])
        self.assertIn(f'href="/persons/{person}/cases/new?referral={referral}"', page)
        self.assertIn(f'name="referral" value="{referral}"', page)

    def test_an_anonymous_consultation_is_answered_and_seen_by_the_asker_only(self):
        school = self.browsers[SCHOOL]
        status, _, page = school.get("/consultations")
        self.assertEqual(status, 200)
        self.assertIn("Skriv inga personuppgifter", page)
        status, _, page = school.post("/consultations", {"question": " "})
        self.assertEqual(status, 422)
        self.assertIn('href="#question"', page)
        status, headers, _ = school.post("/consultations", {
            "question": "Hur ställer vi frågor om ersättning till en elev i årskurs 8?"})
        self.assertEqual(status, 303)
        consultation = headers["location"].split("/")[2].split("?")[0]

        centre = self.browsers[CENTRE]
        status, _, page = centre.get("/consultations/inbox")
        self.assertEqual(status, 200)
        self.assertIn(f'href="/consultations/{consultation}"', page)
        self.assertEqual(self.browsers[BARNAHUS].get("/consultations/inbox")[0], 403)
        centre.get(f"/consultations/{consultation}")
        status, _, _ = centre.post(f"/consultations/{consultation}/answer",
                                   {"answer": "Använd frågorna i ungdomsformuläret."})
        self.assertEqual(status, 303)

        status, _, page = school.get(f"/consultations/{consultation}")
        self.assertEqual(status, 200)
        self.assertIn("Använd frågorna i ungdomsformuläret.", page)
        status, _, text = self.api(SCHOOL, "GET", f"/api/v1/consultations/{consultation}")
        self.assertEqual(json.loads(text)["answer"], "Använd frågorna i ungdomsformuläret.")
        status, _, page = self.browsers[OUTSIDER].get(f"/consultations/{consultation}")
        self.assertEqual(status, 404)
        self.assertNotIn("ungdomsformuläret", page)


if __name__ == "__main__":
    unittest.main()
