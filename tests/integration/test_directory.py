"""The public "where to turn" directory against a real `fyren serve` (issue 5, item 5): seeded by
the demo data, searchable without signing in in Swedish, English and the extra catalog languages
(Arabic right to left), the JSON API, and editing by competence-centre staff: add, edit, a
conflicting edit, hide and show, bad input, and refusals for everyone else."""
import json
import re
import unittest
import urllib.parse

import fyren_process as fp
from demo_server import DemoServerTestCase


def entry_ids(page):
    return re.findall(r'href="/where-to-turn/([A-Za-z0-9]{16,})', page)


class DirectoryTest(DemoServerTestCase):
    def get(self, path):
        status, headers, body = self.server.request("GET", path)
        return status, headers, body.decode("utf-8")

    def test_public_search_in_swedish_english_and_more(self):
        status, headers, page = self.get("/where-to-turn")
        self.assertEqual(status, 200)
        self.assertIn('<html lang="sv" dir="ltr">', page)
        self.assertIn("Mikamottagningen", page)
        self.assertIn('href="tel:0701740605"', page)
        self.assertIn('href="mailto:mikamottagningen@example.org"', page)
        everything = len(entry_ids(page))
        self.assertGreaterEqual(everything, 20)

        # Free text over name, description and target group; filters on group and language.
        status, _, page = self.get("/where-to-turn?q=" + urllib.parse.quote("köper sex"))
        self.assertEqual(status, 200)
        self.assertIn("KAST", page)
        self.assertNotIn("Barnahus</a>", page)
        status, _, page = self.get("/where-to-turn?target=buyers")
        self.assertEqual(len(entry_ids(page)), 1)
        status, _, page = self.get("/where-to-turn?language=ti")
        self.assertIn("Trygg Hamn", page)
        self.assertNotIn("Mikamottagningen</a>", page)
        status, _, page = self.get("/where-to-turn?q=nothing-matches-this")
        self.assertEqual(entry_ids(page), [])
        self.assertIn('id="directory-count">0<', page)
        # Unknown filter codes are ignored, never an error.
        status, _, page = self.get("/where-to-turn?target=%3Cscript%3E&language=zz")
        self.assertEqual(status, 200)
        self.assertEqual(len(entry_ids(page)), everything)

        status, _, page = self.get("/where-to-turn?lang=en&q=clinic")
        self.assertIn('<html lang="en" dir="ltr">', page)
        self.assertIn("Where to turn", page)
        self.assertIn("Mikamottagningen (the Mika clinic)", page)

        # Arabic: right to left, the entry's own Arabic text, English where it has none.
        status, headers, page = self.get("/where-to-turn?lang=ar")
        self.assertEqual(status, 200)
        self.assertIn('<html lang="ar" dir="rtl">', page)
        self.assertEqual(headers.get("content-language"), "ar")
        self.assertIn("إلى أين يمكنني أن أتوجه؟", page)
        self.assertIn("عيادة ميكا", page)
        self.assertIn('lang="en" dir="ltr"', page)  # an entry without Arabic text
        self.assertIn('href="/where-to-turn/', page)
        self.assertIn('?lang=ar"', page)  # links keep the language (URL only, no cookie)
        self.assertNotIn("fyren_lang=ar", headers.get("set-cookie", ""))
        # Romanian and Thai are there too, as data.
        for lang, text in (("ro", "Unde pot cere ajutor?"), ("th", "ขอความช่วยเหลือได้ที่ไหน")):
            status, _, page = self.get(f"/where-to-turn?lang={lang}")
            self.assertEqual(status, 200)
            self.assertIn(f'<html lang="{lang}"', page)
            self.assertIn(text, page)

        # One entry; unknown and malformed ids are 404.
        first = entry_ids(self.get("/where-to-turn")[2])[0]
        status, _, page = self.get(f"/where-to-turn/{first}?lang=ar")
        self.assertEqual(status, 200)
        self.assertIn('dir="rtl"', page)
        self.assertEqual(self.get("/where-to-turn/AAAAAAAAAAAAAAAAAAAAAAAAAA")[0], 404)
        self.assertEqual(self.get("/where-to-turn/x")[0], 404)

        # Linked from the public start page and the footer.
        page = self.get("/")[2]
        self.assertGreaterEqual(page.count('href="/where-to-turn"'), 2)

    def test_api(self):
        status, headers, body = self.get("/api/v1/directory?lang=ar&target=buyers")
        self.assertEqual(status, 200, body)
        data = json.loads(body)
        self.assertEqual(data["lang"], "ar")
        self.assertEqual(len(data["items"]), 1)
        self.assertEqual(data["items"][0]["text_lang"], "en")  # KAST has no Arabic text
        self.assertIn("buyers", data["items"][0]["target_groups"])
        data = json.loads(self.get("/api/v1/directory?q=mika")[2])
        self.assertEqual(data["items"][0]["name"], "Mikamottagningen")
        for bad in ("lang=xx", "target=cats", "language=zz", "q=" + "a" * 201):
            status, headers, body = self.get("/api/v1/directory?" + bad)
            self.assertEqual(status, 400, bad)
            self.assertEqual(headers.get("content-type"), "application/problem+json")

    def test_anonymous_and_other_roles_cannot_edit(self):
        status, headers, _ = self.get("/where-to-turn/manage")
        self.assertEqual(status, 303)
        self.assertTrue(headers["location"].startswith("/sign-in"))
        social = self.browser_for("demo.social")
        self.assertEqual(social.get("/where-to-turn/manage")[0], 403)
        status, _, _ = social.post("/where-to-turn/manage/new", {"name_sv": "X"})
        self.assertEqual(status, 403)
        # The public page does not offer the edit link to them.
        self.assertNotIn('href="/where-to-turn/manage"', social.get("/where-to-turn")[2])

    def new_entry_form(self, **changes):
        form = {"kind": "ngo", "target_groups": "lgbtq", "languages": "sv",
                "name_sv": "Testföreningen Ljusglimt", "description_sv": "Stöd för unga.",
                "name_en": "Ljusglimt test association", "description_en": "Support for young people.",
                "email": "hej@ljusglimt.example.org", "anonymous": "yes", "free_of_charge": "yes"}
        form.update(changes)
        return form

    def test_competence_centre_adds_edits_and_hides(self):
        staff = self.browser_for("demo.competence")
        status, _, page = staff.get("/where-to-turn/manage")
        self.assertEqual(status, 200)
        self.assertIn('href="/where-to-turn/manage/new"', page)
        self.assertIn('href="/where-to-turn/manage"', staff.get("/")[2])  # nav item

        # Bad input: the form again with an error summary and a message per field, nothing saved.
        status, _, page = staff.post("/where-to-turn/manage/new", self.new_entry_form(
            name_sv="", email="not an address", web="javascript:alert(1)", languages="xx"))
        self.assertEqual(status, 422)
        self.assertIn('class="error-summary"', page)
        for field in ("name_sv", "email", "web", "languages"):
            self.assertIn(f'href="#{field}"', page)
        self.assertIn('value="Ljusglimt test association"', page)  # nothing typed is lost
        self.assertNotIn("Ljusglimt", self.get("/where-to-turn")[2])

        status, headers, _ = staff.request("POST", "/where-to-turn/manage/new",
                                           form=self.new_entry_form(), follow=False)
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/where-to-turn/manage?done=created")
        page = self.get("/where-to-turn?q=ljusglimt")[2]
        ids = entry_ids(page)
        self.assertEqual(len(ids), 1)
        entry = ids[0]

        # Edit at the version the form carries; a second save from the same old form conflicts.
        status, _, page = staff.get(f"/where-to-turn/manage/{entry}/edit")
        self.assertEqual(status, 200)
        version = re.search(r'name="version" value="(\d+)"', page).group(1)
        self.assertEqual(version, "1")
        status, headers, _ = staff.request(
            "POST", f"/where-to-turn/manage/{entry}/edit",
            form=self.new_entry_form(version=version, hours_sv="Tisdagar 17–20",
                                     name_ar="جمعية الاختبار", description_ar="دعم للشباب"),
            follow=False)
        self.assertEqual(status, 303)
        page = self.get(f"/where-to-turn/{entry}?lang=ar")[2]
        self.assertIn("جمعية الاختبار", page)
        status, _, page = staff.post(f"/where-to-turn/manage/{entry}/edit",
                                     self.new_entry_form(version=version, name_sv="Överskriven"))
        self.assertEqual(status, 409)
        self.assertIn('id="conflict"', page)
        self.assertIn('value="Överskriven"', page)  # what was typed is kept
        self.assertIn("Tisdagar 17–20", page)       # what is saved is shown
        self.assertIn("Testföreningen Ljusglimt", self.get(f"/where-to-turn/{entry}")[2])

        # Hide: gone for the public (404), still listed for staff; a stale version changes nothing.
        status, _, _ = staff.post(f"/where-to-turn/manage/{entry}/visibility",
                                  {"visible": "no", "version": "1"})
        self.assertEqual(self.get(f"/where-to-turn/{entry}")[0], 200)
        status, headers, _ = staff.request("POST", f"/where-to-turn/manage/{entry}/visibility",
                                           form={"visible": "no", "version": "2"}, follow=False)
        self.assertEqual(status, 303)
        self.assertEqual(self.get(f"/where-to-turn/{entry}")[0], 404)
        self.assertNotIn("Ljusglimt", self.get("/where-to-turn")[2])
        self.assertIn("Testföreningen Ljusglimt", staff.get("/where-to-turn/manage")[2])
        staff.post(f"/where-to-turn/manage/{entry}/visibility", {"visible": "yes", "version": "3"})
        self.assertEqual(self.get(f"/where-to-turn/{entry}")[0], 200)

        # Every change is on the audit chain, and the chain holds.
        done = fp.run(["audit", "verify"], self.url)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)


if __name__ == "__main__":
    unittest.main()
