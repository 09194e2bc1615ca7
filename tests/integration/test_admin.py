"""User administration through the pages against a real `fyren serve` (issue 3, items 1 and 2):
the demo authority administrator invites a user, the one-time link sets a password, the new user
signs in and enrols TOTP, gets roles, and is deactivated, which ends their session at once."""
import html
import json
import re
import unittest

from demo_server import DemoServerTestCase
from test_sign_in import Browser, totp

NEW_PASSWORD = "a quiet harbour at dawn"


class AdminTest(DemoServerTestCase):
    def test_invite_accept_enrol_roles_and_deactivate(self):
        admin = self.browser_for("demo.authority")
        status, _, page = admin.get("/")
        self.assertIn('href="/admin"', page)
        status, _, page = admin.get("/admin/users/new")
        self.assertEqual(status, 200)
        units = re.findall(r'<option value="([^"]+)"', page)
        self.assertTrue(units)
        self.assertNotIn('value="system_administrator"', page)

        # No role: the form comes back with an error summary and the typed values.
        status, _, page = admin.post("/admin/users/new", {
            "display_name": "Nils Nyberg", "username": "nils.nyberg", "unit": units[0]})
        self.assertEqual(status, 422)
        self.assertIn('class="error-summary"', page)
        self.assertIn('value="nils.nyberg"', page)
        # Granting the system administrator role is refused for an authority administrator.
        status, _, page = admin.post("/admin/users/new", {
            "display_name": "Nils Nyberg", "username": "nils.nyberg", "unit": units[0],
            "roles": "system_administrator"})
        self.assertEqual(status, 422)

        status, headers, page = admin.post("/admin/users/new", {
            "display_name": "Nils Nyberg", "username": "nils.nyberg", "unit": units[0],
            "roles": "social_worker"})
        self.assertEqual(status, 200, page[:2000])
        self.assertEqual(headers.get("cache-control"), "no-store")
        link = html.unescape(re.search(r'id="invite-link"[^>]*value="([^"]+)"', page).group(1))
        path = "/invite/" + link.rsplit("/invite/", 1)[1]

        # The invitee chooses a password; weak ones are refused; the link works once.
        invitee = Browser(self.server)
        status, _, page = invitee.get(path)
        self.assertEqual(status, 200)
        self.assertIn("nils.nyberg", page)
        status, _, page = invitee.post(path, {"password": "short", "password_repeat": "short"})
        self.assertEqual(status, 422)
        self.assertIn('class="error-summary"', page)
        status, headers, _ = invitee.request("POST", path, form={
            "password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD}, follow=False)
        self.assertEqual(status, 303)
        self.assertTrue(headers["location"].startswith("/sign-in"))
        status, _, _ = invitee.post(path, {"password": NEW_PASSWORD,
                                           "password_repeat": NEW_PASSWORD})
        self.assertEqual(status, 404)

        # The new user signs in and enrols TOTP.
        status, headers, _ = invitee.sign_in_password("nils.nyberg", NEW_PASSWORD)
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/sign-in/two-factor")
        _, _, page = invitee.get("/sign-in/two-factor")
        secret = re.search(r'class="secret-key"[^>]*>([^<]+)<', page).group(1).replace(" ", "")
        status, _, _ = invitee.request("POST", "/sign-in/two-factor",
                                       form={"code": totp(secret)}, follow=False)
        self.assertEqual(status, 200)
        status, _, page = invitee.get("/")
        self.assertIn("Nils Nyberg", page)
        # An ordinary user has no administration.
        status, _, _ = invitee.get("/admin")
        self.assertEqual(status, 403)

        # Roles are assigned on the user's page (with the version the form carries).
        _, _, page = admin.get("/admin/users?active=yes")
        href = re.search(r'<a href="(/admin/users/[a-z0-9]+)">Nils Nyberg</a>', page).group(1)
        _, _, page = admin.get(href)
        version = re.search(r'name="version" value="(\d+)"', page).group(1)
        status, headers, page = admin.request("POST", href + "/roles", form={
            "version": version, "roles": "coordinator"}, follow=False)
        self.assertEqual(status, 303, page[:2000])
        status, _, page = admin.request("POST", href + "/roles", form={
            "version": version, "roles": "analyst"}, follow=False)
        self.assertEqual(status, 409)  # the old version: shown as a conflict, nothing overwritten

        # Deactivation needs the confirmation box, then ends the user's session at once.
        status, _, _ = admin.request("POST", href + "/deactivate", form={}, follow=False)
        self.assertEqual(status, 422)
        status, _, _ = admin.request("POST", href + "/deactivate", form={"confirm": "yes"},
                                     follow=False)
        self.assertEqual(status, 303)
        status, headers, _ = invitee.request("GET", "/account", follow=False)
        self.assertEqual(status, 303)
        self.assertTrue(headers["location"].startswith("/sign-in"))
        _, _, page = admin.get(href)
        self.assertIn("nils.nyberg", page)  # history stays: the user is kept, deactivated

    def api(self, browser, method, path, body=None, headers=None, content_type=True):
        """An API call with the browser's session cookie; returns status, headers, parsed JSON."""
        out = dict(headers or {})
        if content_type:
            out["Content-Type"] = "application/json"
        if browser is not None and browser.cookies:
            out["Cookie"] = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
        data = None if body is None else json.dumps(body).encode()
        status, headers_out, raw = self.server.request(method, path, body=data, headers=out)
        return status, headers_out, (json.loads(raw) if raw else None)

    def test_units_are_added_renamed_and_public(self):
        admin = self.browser_for("demo.authority")
        _, _, page = admin.get("/admin")
        self.assertIn('href="/admin/units"', page)
        status, _, page = admin.get("/admin/units")
        self.assertEqual(status, 200)
        parents = re.findall(r'<option value="([a-z0-9]{26})"', page)
        self.assertTrue(parents)

        # Bad input comes back with the error summary and the typed values kept.
        status, _, page = admin.post("/admin/units", {
            "parent": parents[0], "kind": "unit", "name_sv": "", "code": "NYA-1"})
        self.assertEqual(status, 422)
        self.assertIn('class="error-summary"', page)
        self.assertIn('href="#add-name_sv"', page)
        self.assertIn('value="NYA-1"', page)
        status, _, page = admin.post("/admin/units", {
            "parent": parents[0], "kind": "unit", "name_sv": "x" * 201, "code": "NYA-1"})
        self.assertEqual(status, 422)

        status, headers, _ = admin.request("POST", "/admin/units", form={
            "parent": parents[0], "kind": "unit", "name_sv": "Nattöppet team",
            "name_en": "Night team", "code": "nya-1"}, follow=False)
        self.assertEqual(status, 303)
        unit_id = re.search(r"#unit-([a-z0-9]{26})$", headers["location"]).group(1)
        _, _, page = admin.get("/admin/units")
        self.assertIn("Nattöppet team", page)
        # The same name under the same parent is refused.
        status, _, page = admin.post("/admin/units", {
            "parent": parents[0], "kind": "unit", "name_sv": "nattöppet TEAM", "code": "NYA-2"})
        self.assertEqual(status, 422)

        # The public organisations page shows it at once (its cache is not stale).
        public = Browser(self.server)
        _, _, page = public.get("/organisations")
        self.assertIn("Nattöppet team", page)

        # Rename with the version the form carries; a second rename with the old version is a
        # conflict that shows the current name and changes nothing.
        _, _, page = admin.get("/admin/units")
        version = re.search(r'action="/admin/units/' + unit_id + r'"[^>]*>\s*'
                            r'<input type="hidden" name="csrf_token" value="[^"]*">\s*'
                            r'<input type="hidden" name="version" value="(\d+)"', page).group(1)
        status, _, _ = admin.request("POST", "/admin/units/" + unit_id, form={
            "version": version, "name_sv": "Kvällsteamet", "name_en": ""}, follow=False)
        self.assertEqual(status, 303)
        status, _, page = admin.request("POST", "/admin/units/" + unit_id, form={
            "version": version, "name_sv": "Nattugglorna", "name_en": ""}, follow=False)
        self.assertEqual(status, 409)
        self.assertIn('class="error-summary"', page)
        self.assertIn("Kvällsteamet", page)
        _, _, page = public.get("/organisations")
        self.assertIn("Kvällsteamet", page)
        self.assertNotIn("Nattöppet team", page)
        self.assertNotIn("Nattugglorna", page)
        _, _, page = public.get("/organisations?lang=en")
        self.assertIn("Kvällsteamet", page)  # an empty English name follows the Swedish one

        # Another authority's unit: an authority administrator gets 404, and never sees it.
        sysadmin = self.browser_for("demo.admin")
        _, _, page = sysadmin.get("/admin/units")
        all_units = set(re.findall(r'id="unit-([a-z0-9]{26})"', page))
        _, _, page = admin.get("/admin/units")
        own_units = set(re.findall(r'id="unit-([a-z0-9]{26})"', page))
        foreign = sorted(all_units - own_units)
        self.assertTrue(foreign)
        self.assertIn(unit_id, all_units)
        status, _, _ = admin.request("POST", "/admin/units/" + foreign[0], form={
            "version": "1", "name_sv": "Kapad"}, follow=False)
        self.assertEqual(status, 404)
        # Roles without manage_organisation do not get the page at all.
        worker = self.browser_for("demo.social")
        self.assertEqual(worker.get("/admin/units")[0], 403)

    def test_users_api(self):
        admin = self.browser_for("demo.authority")
        # No session: 401 problem; writes without JSON: 415.
        status, headers, body = self.api(None, "GET", "/api/v1/users")
        self.assertEqual(status, 401)
        self.assertEqual(headers["content-type"], "application/problem+json")
        status, _, _ = self.api(admin, "POST", "/api/v1/users", {}, content_type=False)
        self.assertEqual(status, 415)

        status, _, body = self.api(admin, "GET", "/api/v1/users?active=true")
        self.assertEqual(status, 200)
        self.assertTrue(body["items"])
        unit = body["items"][0]["unit"]["code"]
        self.assertTrue(all(u["active"] for u in body["items"]))
        self.assertEqual(self.api(admin, "GET", "/api/v1/users?active=maybe")[0], 400)
        self.assertEqual(self.api(admin, "GET", "/api/v1/users?role=wizard")[0], 400)

        # Invite: the one-time link is in this answer only.
        status, _, body = self.api(admin, "POST", "/api/v1/users", {
            "username": "api.user", "display_name": "Api Användare", "unit": unit,
            "roles": ["system_administrator"]})
        self.assertEqual(status, 422)
        self.assertEqual(body["errors"][0]["field"], "/roles")
        status, headers, body = self.api(admin, "POST", "/api/v1/users", {
            "username": "api.user", "display_name": "Api Användare", "unit": unit,
            "roles": ["social_worker"]})
        self.assertEqual(status, 201, body)
        self.assertEqual(headers["cache-control"], "no-store")
        user_id = body["id"]
        self.assertEqual(headers["location"], "/api/v1/users/" + user_id)
        self.assertIn("/invite/", body["invite_url"])
        status, headers, body = self.api(admin, "GET", "/api/v1/users/" + user_id)
        self.assertEqual(status, 200)
        self.assertNotIn("invite_url", body)
        self.assertEqual(body["invite"], "open")
        etag = headers["etag"]
        self.assertEqual(self.api(admin, "GET", "/api/v1/users/" + user_id,
                                  headers={"If-None-Match": etag})[0], 304)

        # PATCH: 428 without If-Match, 412 with a stale one, 200 with the current one.
        path = "/api/v1/users/" + user_id
        self.assertEqual(self.api(admin, "PATCH", path, {"roles": ["coordinator"]})[0], 428)
        self.assertEqual(self.api(admin, "PATCH", path, {"roles": ["coordinator"]},
                                  headers={"If-Match": '"nope.1"'})[0], 412)
        status, headers, body = self.api(admin, "PATCH", path, {"roles": ["coordinator"]},
                                         headers={"If-Match": etag})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["roles"], ["coordinator"])
        self.assertNotEqual(headers["etag"], etag)
        self.assertEqual(self.api(admin, "PATCH", path, {"roles": ["analyst"]},
                                  headers={"If-Match": etag})[0], 412)
        status, _, body = self.api(admin, "PATCH", path, {"name": "x"},
                                   headers={"If-Match": headers["etag"]})
        self.assertEqual(status, 422)

        # Another authority's user is 404 before any precondition is looked at.
        sysadmin = self.browser_for("demo.admin")
        _, _, everyone = self.api(sysadmin, "GET", "/api/v1/users")
        _, _, mine = self.api(admin, "GET", "/api/v1/users")
        foreign = sorted({u["id"] for u in everyone["items"]} - {u["id"] for u in mine["items"]})
        self.assertTrue(foreign)
        other = "/api/v1/users/" + foreign[0]
        self.assertEqual(self.api(admin, "GET", other)[0], 404)
        status, _, missing = self.api(admin, "PATCH", other, {"active": False})
        self.assertEqual(status, 404)
        status, _, unknown = self.api(admin, "PATCH", "/api/v1/users/" + "a" * 26,
                                      {"active": False})
        self.assertEqual(status, 404)
        self.assertEqual(missing["detail"], unknown["detail"])
        self.assertEqual(self.api(admin, "POST", other + "/end-sessions")[0], 404)

        # End sessions: the signed-in outreach worker is out at once. (A browser of its own, not
        # the shared one: its session ends here.)
        worker = self.browser_for("demo.outreach")
        del self.browsers["demo.outreach"]
        _, _, body = self.api(sysadmin, "GET", "/api/v1/users")
        worker_id = next(u["id"] for u in body["items"] if u["username"] == "demo.outreach")
        status, _, body = self.api(sysadmin, "POST", f"/api/v1/users/{worker_id}/end-sessions")
        self.assertEqual(status, 200)
        self.assertGreaterEqual(body["ended"], 1)
        self.assertEqual(worker.request("GET", "/account", follow=False)[0], 303)
        _, headers, _ = self.api(admin, "GET", path)
        status, _, body = self.api(admin, "PATCH", path, {"active": False},
                                   headers={"If-Match": headers["etag"]})
        self.assertEqual(status, 200, body)
        self.assertFalse(body["active"])
        # Workers have no user administration at all.
        worker = self.browser_for("demo.social")
        self.assertEqual(self.api(worker, "GET", "/api/v1/users")[0], 403)

    def test_accepting_a_reinvite_ends_the_users_sessions(self):
        admin = self.browser_for("demo.authority")
        status, _, page = admin.get("/admin/users/new")
        unit = re.findall(r'<option value="([^"]+)"', page)[0]
        _, _, page = admin.post("/admin/users/new", {
            "display_name": "Rut Reinvite", "username": "rut.reinvite", "unit": unit,
            "roles": "social_worker"})
        link = html.unescape(re.search(r'id="invite-link"[^>]*value="([^"]+)"', page).group(1))
        user = Browser(self.server)
        path = "/invite/" + link.rsplit("/invite/", 1)[1]
        user.post(path, {"password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD})
        user.sign_in_password("rut.reinvite", NEW_PASSWORD)
        _, _, page = user.get("/sign-in/two-factor")
        secret = re.search(r'class="secret-key"[^>]*>([^<]+)<', page).group(1).replace(" ", "")
        user.request("POST", "/sign-in/two-factor", form={"code": totp(secret)}, follow=False)
        self.assertEqual(user.request("GET", "/account", follow=False)[0], 200)

        # The administrator re-invites (e.g. a forgotten password); once the new link is used,
        # the session opened with the old password is over.
        _, _, page = admin.get("/admin/users?active=yes")
        href = re.search(r'<a href="(/admin/users/[a-z0-9]+)">Rut Reinvite</a>', page).group(1)
        _, _, page = admin.post(href + "/invite", {})
        link = html.unescape(re.search(r'id="invite-link"[^>]*value="([^"]+)"', page).group(1))
        self.assertEqual(user.request("GET", "/account", follow=False)[0], 200)
        other = Browser(self.server)
        status, _, _ = other.request("POST", "/invite/" + link.rsplit("/invite/", 1)[1], form={
            "password": "another quiet harbour", "password_repeat": "another quiet harbour"},
            follow=False)
        self.assertEqual(status, 303)
        self.assertEqual(user.request("GET", "/account", follow=False)[0], 303)

    def test_users_of_another_authority_are_not_found(self):
        admin = self.browser_for("demo.admin")
        _, _, page = admin.get("/admin/users")
        hrefs = set(re.findall(r'href="(/admin/users/[a-z0-9]{26})"', page))
        self.assertTrue(hrefs)
        authority = self.browser_for("demo.partner")
        status, _, _ = authority.get("/admin/users")
        self.assertEqual(status, 403)


if __name__ == "__main__":
    unittest.main()
