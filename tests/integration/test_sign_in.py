"""Sign-in against a real `fyren serve`: password, TOTP, sessions, CSRF, throttling, demo mode.

TOTP codes are computed here with the standard library (RFC 6238), from the demo users' secrets
in content/demo/users.toml. Each test signs in as its own demo user, because a TOTP code, once
used, cannot be used again by the same user (replay protection)."""
import base64
import hashlib
import hmac
import html
import json
import os
import re
import shutil
import sqlite3
import struct
import tempfile
import time
import tomllib
import unittest
import urllib.parse

import fyren_process as fp

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
with open(os.path.join(ROOT, "content", "demo", "users.toml"), "rb") as f:
    DEMO = tomllib.load(f)
PASSWORD = DEMO["password"]
SECRETS = {u["username"]: u["totp_secret"] for u in DEMO["user"]}


def totp(secret_b32, at=None):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class Browser:
    """A cookie jar over fp.Server.request that, like a browser, follows a redirect after a POST
    and remembers the CSRF token of the last page it saw."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}
        self.set_cookie_headers = []
        self.token = None

    def request(self, method, path, form=None, csrf=True, follow=True):
        headers = {}
        body = None
        if form is not None:
            form = dict(form)
            if csrf and "csrf_token" not in form:
                if self.token is None:
                    self.get("/sign-in")
                form["csrf_token"] = self.token
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        status, out_headers, data = self.server.request(method, path, body=body, headers=headers)
        self.remember(out_headers)
        text = data.decode("utf-8", "replace")
        found = re.search(r'name="csrf_token" value="([^"]+)"', text)
        if found:
            self.token = html.unescape(found.group(1))
        if follow and method == "POST" and status == 303:
            self.request("GET", out_headers["location"], follow=False)
        return status, out_headers, text

    def remember(self, headers):
        raw = headers.get("set-cookie")
        if not raw:
            return
        # http.client joins repeated Set-Cookie headers with ", ".
        for part in re.split(r",\s*(?=[A-Za-z_\-]+=)", raw):
            self.set_cookie_headers.append(part)
            name, _, rest = part.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in part or value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def get(self, path):
        return self.request("GET", path)

    def call_api(self, method, path, body=None, headers=None):
        """A JSON API call with this browser's session cookie: `body` (if any) sent as JSON;
        returns status, headers and the response text."""
        all_headers = {}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            all_headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode()
        all_headers.update(headers or {})
        status, out_headers, raw = self.server.request(method, path, body=data,
                                                       headers=all_headers)
        return status, out_headers, raw.decode("utf-8", "replace")

    def post(self, path, form, csrf=True):
        return self.request("POST", path, form=form, csrf=csrf)

    def sign_in_password(self, username, password=PASSWORD):
        return self.post("/sign-in", {"username": username, "password": password})

    def sign_in(self, username):
        status, headers, _ = self.sign_in_password(username)
        assert status == 303 and headers["location"] == "/sign-in/code", (status, headers)
        status, headers, body = self.post("/sign-in/code", {"code": totp(SECRETS[username])})
        assert status == 303, (status, body[:3000])
        return headers


class SignInTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="fyren-signin-")
        cls.url = "sqlite:" + os.path.join(cls.dir, "fyren.db")
        cls.server = fp.Server(cls.url).start()

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls.server.close()
        shutil.rmtree(cls.dir, ignore_errors=True)
        assert code == 0, f"fyren serve exited with {code}"

    def test_sign_in_with_totp_shows_my_start_page_and_sign_out_ends_it(self):
        b = Browser(self.server)
        b.get("/sign-in")
        self.assertIn("fyren_csrf", b.cookies)
        b.cookies["fyren_session"] = "A" * 43  # planted before sign-in (session fixation)
        status, headers, _ = b.sign_in_password("demo.coordinator")
        self.assertEqual(status, 303)
        self.assertIn("fyren_session", b.cookies)
        self.assertEqual(status, 303)
        pending = b.cookies["fyren_session"]
        self.assertNotEqual(pending, "A" * 43)
        status, _, page = b.get("/sign-in/code")
        self.assertEqual(status, 200)
        self.assertIn('autocomplete="one-time-code"', page)
        status, headers, _ = b.post("/sign-in/code", {"code": totp(SECRETS["demo.coordinator"])})
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/")
        full = b.cookies["fyren_session"]
        self.assertNotEqual(full, pending)  # a new id at every step
        status, _, page = b.get("/?lang=en")
        self.assertEqual(status, 200)
        self.assertIn("Cecilia Testberg", page)
        self.assertIn("Exit coordinator for adults, Centrum", page)
        self.assertIn('action="/sign-out"', page)
        self.assertNotIn('href="/sign-in"', page)
        # The pending token is worthless now.
        other = Browser(self.server)
        other.cookies["fyren_session"] = pending
        _, _, page = other.get("/?lang=en")
        self.assertIn('href="/sign-in"', page)
        status, headers, _ = b.post("/sign-out", {})
        self.assertEqual(status, 303)
        self.assertNotIn("fyren_session", b.cookies)
        again = Browser(self.server)
        again.cookies["fyren_session"] = full
        status, headers, _ = again.get("/account")
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/sign-in?next=%2Faccount")

    def test_cookie_flags(self):
        b = Browser(self.server)
        b.sign_in("demo.school")
        session_cookies = [c for c in b.set_cookie_headers if c.startswith("fyren_session=")]
        self.assertTrue(session_cookies)
        for cookie in session_cookies:
            for flag in ("Path=/", "HttpOnly", "SameSite=Strict"):
                self.assertIn(flag, cookie)
            self.assertNotIn("Expires", cookie)

    def test_wrong_password_and_unknown_user_get_the_same_answer(self):
        b = Browser(self.server)
        s1, _, page1 = b.sign_in_password("demo.analyst", "not the password at all")
        s2, _, page2 = b.sign_in_password("nobody.here", "not the password at all")
        self.assertEqual(s1, 401)
        self.assertEqual(s2, 401)
        strip = lambda p: re.sub(r'value="[^"]*"', "", re.sub(r"<code>[^<]*</code>", "", p))
        self.assertEqual(strip(page1).replace("demo.analyst", "X"),
                         strip(page2).replace("nobody.here", "X"))
        self.assertIn('class="error-summary"', page1)
        self.assertNotIn("fyren_session", b.cookies)

    def test_wrong_and_replayed_totp_codes_are_refused(self):
        user = "demo.barnahus"
        b = Browser(self.server)
        b.sign_in_password(user)
        status, _, page = b.post("/sign-in/code", {"code": "000000" if totp(SECRETS[user]) != "000000" else "111111"})
        self.assertEqual(status, 401)
        self.assertIn('class="error-summary"', page)
        code = totp(SECRETS[user])
        status, _, _ = b.post("/sign-in/code", {"code": code})
        self.assertEqual(status, 303)
        replay = Browser(self.server)
        replay.sign_in_password(user)
        status, _, page = replay.post("/sign-in/code", {"code": code})
        self.assertEqual(status, 401)
        status, _, _ = replay.post("/sign-in/code", {"code": "12ab"})
        self.assertEqual(status, 401)

    def test_forged_and_garbage_cookies_are_treated_as_signed_out(self):
        for value in ["A" * 43, "garbage", "x" * 400, "%00%ff"]:
            # A valid pre-session CSRF cookie, so the only Set-Cookie is the session's.
            cookie = f"fyren_csrf={'D' * 43}; fyren_session={value}"
            status, headers, body = self.server.request("GET", "/", headers={"Cookie": cookie})
            self.assertEqual(status, 200, value)
            self.assertIn(b'href="/sign-in"', body)
            self.assertIn("Max-Age=0", headers.get("set-cookie", ""))
        status, headers, _ = self.server.request("GET", "/account",
                                                 headers={"Cookie": "fyren_session=" + "B" * 43})
        self.assertEqual(status, 303)

    def test_missing_or_wrong_csrf_token_is_403(self):
        b = Browser(self.server)
        b.get("/sign-in")
        status, _, page = b.post("/sign-in", {"username": "demo.logs", "password": PASSWORD},
                                 csrf=False)
        self.assertEqual(status, 403)
        status, _, _ = b.post("/sign-in", {"username": "demo.logs", "password": PASSWORD,
                                           "csrf_token": "C" * 43})
        self.assertEqual(status, 403)
        b.sign_in("demo.logs")
        status, _, _ = b.post("/account/sign-out-everywhere", {}, csrf=False)
        self.assertEqual(status, 403)
        status, _, _ = b.post("/sign-out", {"csrf_token": b.cookies["fyren_csrf"]})
        self.assertEqual(status, 403)  # the pre-session token does not stand in for the session's
        status, _, _ = b.get("/account")
        self.assertEqual(status, 200)  # still signed in

    def test_sign_out_everywhere_ends_the_other_session(self):
        user = "demo.social"
        laptop = Browser(self.server)
        laptop.sign_in(user)
        time.sleep(max(0, 30 - time.time() % 30) + 0.5)  # a fresh code for the second device
        phone = Browser(self.server)
        phone.sign_in(user)
        self.assertEqual(laptop.get("/account")[0], 200)
        status, headers, _ = phone.post("/account/sign-out-everywhere", {})
        self.assertEqual(status, 303)
        self.assertEqual(laptop.get("/account")[0], 303)
        self.assertEqual(phone.get("/account")[0], 303)

    def test_throttling_slows_down_guessing(self):
        b = Browser(self.server)
        for _ in range(5):
            status, _, _ = b.sign_in_password("demo.partner", "wrong wrong wrong")
            self.assertEqual(status, 401)
        status, headers, page = b.sign_in_password("demo.partner", PASSWORD)
        self.assertEqual(status, 429)
        self.assertIn("retry-after", headers)
        self.assertIn("error-summary", page)

    def test_enrollment_for_a_new_user_with_qr_code_and_recovery_codes(self):
        done = fp.run(["user", "add", "--username", "new.person", "--name", "Ny Person",
                       "--unit", "CEN-SAM", "--role", "coordinator",
                       "--password", "a brand new passphrase"], self.url)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertNotIn("new.person", done.stdout)
        b = Browser(self.server)
        status, headers, _ = b.sign_in_password("new.person", "a brand new passphrase")
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/sign-in/two-factor")
        self.assertEqual(b.get("/account")[0], 303)  # nothing else before TOTP is set up
        status, _, page = b.get("/sign-in/two-factor")
        self.assertEqual(status, 200)
        self.assertIn('src="data:image/svg+xml;base64,', page)
        secret = re.search(r'class="secret-key"[^>]*>([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
        status, _, page = b.post("/sign-in/two-factor", {"code": totp(secret)})
        self.assertEqual(status, 200)
        codes = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</li>", page)
        self.assertEqual(len(codes), 10)
        self.assertEqual(b.get("/account")[0], 200)
        # A recovery code signs in once.
        other = Browser(self.server)
        other.sign_in_password("new.person", "a brand new passphrase")
        self.assertEqual(other.post("/sign-in/code", {"code": codes[0]})[0], 303)
        third = Browser(self.server)
        third.sign_in_password("new.person", "a brand new passphrase")
        self.assertEqual(third.post("/sign-in/code", {"code": codes[0]})[0], 401)

    def db(self):
        return sqlite3.connect(self.url[len("sqlite:"):], timeout=10)

    def user_id(self, username):
        with self.db() as db:
            return db.execute("SELECT user_id FROM users WHERE username = ?",
                              (username,)).fetchone()[0]

    def audit_rows(self, action, record_id=None):
        with self.db() as db:
            if record_id is None:
                return db.execute("SELECT actor_user_id, record_type, record_id, outcome, purpose "
                                  "FROM audit_entries WHERE action = ? AND record_id IS NULL",
                                  (action,)).fetchall()
            return db.execute("SELECT actor_user_id, record_type, record_id, outcome, purpose "
                              "FROM audit_entries WHERE action = ? AND record_id = ?",
                              (action, record_id)).fetchall()

    def test_sign_ins_and_failures_are_in_the_audit_chain(self):
        user = "demo.admin"
        uid = self.user_id(user)
        unknown_before = len(self.audit_rows("login_failed"))
        b = Browser(self.server)
        self.assertEqual(b.sign_in_password(user, "not the password at all")[0], 401)
        self.assertEqual(b.sign_in_password("nobody.at.all", "not the password at all")[0], 401)
        b.sign_in(user)
        self.assertEqual(b.get("/account")[0], 200)
        self.assertIn((None, "user", uid, "denied", "authentication"),
                      self.audit_rows("login_failed", uid))
        # A name that matches no account leaves the record empty (no user names in the log).
        self.assertEqual(len(self.audit_rows("login_failed")), unknown_before + 1)
        self.assertIn((uid, "user", uid, "allowed", "authentication"), self.audit_rows("login", uid))
        # The sign-in carries the user's unit and authority, so the authority's log reviewers see
        # it with the rest of the user's activity.
        with self.db() as db:
            unit, authority = db.execute(
                "SELECT u.unit_id, o.parent_id FROM users u JOIN organisations o "
                "ON o.tenant_id = u.tenant_id AND o.organisation_id = u.unit_id "
                "WHERE u.user_id = ?", (uid,)).fetchone()
            entries = db.execute("SELECT unit_id, authority_id FROM audit_entries "
                                 "WHERE action = 'login' AND actor_user_id = ?", (uid,)).fetchall()
        self.assertTrue(entries)
        for entry_unit, entry_authority in entries:
            self.assertEqual(entry_unit, unit)
            self.assertIsNotNone(entry_authority)
        b.post("/sign-out", {})
        self.assertIn((uid, "user", uid, "allowed", "authentication"),
                      self.audit_rows("logout", uid))
        done = fp.run(["audit", "verify"], self.url)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("intact", done.stdout)

    def test_sign_in_returns_to_the_page_that_asked_for_it(self):
        # demo.outreach completes a second factor nowhere else in this class (no code replay).
        b = Browser(self.server)
        status, headers, _ = b.get("/persons?filter=19")
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/sign-in?next=%2Fpersons%3Ffilter%3D19")
        status, _, page = b.get(headers["location"])
        self.assertEqual(status, 200)
        self.assertIn('name="next" value="/persons?filter=19"', page)
        status, headers, _ = b.request("POST", "/sign-in", form={
            "username": "demo.outreach", "password": PASSWORD, "next": "/persons?filter=19"},
            follow=False)
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/sign-in/code?next=%2Fpersons%3Ffilter%3D19")
        status, _, page = b.get(headers["location"])
        self.assertIn('name="next" value="/persons?filter=19"', page)
        status, headers, _ = b.request("POST", "/sign-in/code", form={
            "code": totp(SECRETS["demo.outreach"]), "next": "/persons?filter=19"},
            follow=False)
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/persons?filter=19")

    def test_sign_in_never_returns_to_another_site(self):
        hostile_targets = ("https://evil.example/", "//evil.example/x", "/\\evil.example",
                           "javascript:alert(1)")
        for hostile in hostile_targets:
            b = Browser(self.server)
            _, _, page = b.get("/sign-in?next=" + urllib.parse.quote(hostile, safe=""))
            self.assertNotIn('name="next"', page, hostile)
            status, headers, _ = b.request("POST", "/sign-in", form={
                "username": "demo.partner", "password": PASSWORD, "next": hostile}, follow=False)
            self.assertEqual(status, 303, hostile)
            self.assertEqual(headers["location"], "/sign-in/code", hostile)
        # One second factor (a second within the same 30 s would be refused as a replay).
        b.get("/sign-in/code")  # the pending session's own CSRF token
        status, headers, _ = b.request("POST", "/sign-in/code", form={
            "code": totp(SECRETS["demo.partner"]), "next": hostile_targets[1]}, follow=False)
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/")

    def test_the_gate_audits_a_role_that_lacks_the_permission(self):
        uid = self.user_id("demo.analyst")
        with self.db() as db:
            before = db.execute("SELECT COUNT(*) FROM audit_entries WHERE action = 'denied' "
                                "AND actor_user_id = ?", (uid,)).fetchone()[0]
        b = Browser(self.server)
        b.sign_in("demo.analyst")
        self.assertEqual(b.get("/persons")[0], 403)
        self.assertEqual(b.get("/audit")[0], 403)
        with self.db() as db:
            rows = db.execute("SELECT outcome, purpose, record_id, unit_id FROM audit_entries "
                              "WHERE action = 'denied' AND actor_user_id = ? ORDER BY seq",
                              (uid,)).fetchall()
        self.assertEqual(len(rows) - before, 2)
        self.assertEqual([(r[0], r[1], r[2]) for r in rows[-2:]],
                         [("denied", "case_work", None), ("denied", "log_review", None)])
        self.assertIsNotNone(rows[-1][3])

    def expire_and_expect_signed_out(self, browser, username, column, age_seconds):
        with self.db() as db:
            db.execute(f"UPDATE sessions SET {column} = {column} - ? WHERE ended_at IS NULL AND "
                       "user_id = ?", (age_seconds * 1_000_000, self.user_id(username)))
        token = browser.cookies["fyren_session"]
        status, headers, _ = browser.get("/account")
        self.assertEqual(status, 303)
        self.assertTrue(headers["location"].startswith("/sign-in"))
        self.assertIn("Max-Age=0", headers.get("set-cookie", ""))
        # The same cookie stays worthless: the expired session was ended, not just skipped.
        other = Browser(self.server)
        other.cookies["fyren_session"] = token
        self.assertEqual(other.get("/account")[0], 303)

    def test_expired_sessions_are_treated_as_signed_out(self):
        user = "demo.authority"
        idle = Browser(self.server)
        idle.sign_in(user)
        self.assertEqual(idle.get("/account")[0], 200)
        self.expire_and_expect_signed_out(idle, user, "last_seen_at", 16 * 60)  # 15 min idle
        time.sleep(max(0, 30 - time.time() % 30) + 0.5)  # a fresh code for the next sign-in
        absolute = Browser(self.server)
        absolute.sign_in(user)
        self.assertEqual(absolute.get("/account")[0], 200)
        self.expire_and_expect_signed_out(absolute, user, "created_at", 13 * 3600)  # 12 h absolute

    def test_behind_tls_the_cookies_are_secure_and_host_prefixed(self):
        tls = fp.Server(self.url, settings=["server.behind_tls=true"], prepare=False).start()
        try:
            b = Browser(tls)
            status, headers, _ = b.get("/sign-in")
            self.assertEqual(status, 200)
            self.assertIn("__Host-fyren_csrf", b.cookies)
            b.sign_in("demo.intake")
            self.assertEqual(b.get("/account")[0], 200)
            session = [c for c in b.set_cookie_headers if c.startswith("__Host-fyren_session=")]
            self.assertTrue(session, b.set_cookie_headers)
            for cookie in session + [c for c in b.set_cookie_headers
                                     if c.startswith("__Host-fyren_csrf=")]:
                for flag in ("Path=/", "HttpOnly", "SameSite=Strict", "Secure"):
                    self.assertIn(flag, cookie)
                self.assertNotIn("Domain", cookie)  # __Host- forbids it
            self.assertFalse([c for c in b.set_cookie_headers if c.startswith("fyren_session=")])
            # The plain name is not read behind TLS: it cannot stand in for the __Host- cookie.
            plain = Browser(tls)
            plain.cookies["fyren_session"] = b.cookies["__Host-fyren_session"]
            self.assertEqual(plain.get("/account")[0], 303)
        finally:
            tls.stop()
            tls.close()

    def test_demo_accounts_are_refused_when_demo_mode_is_off(self):
        plain = fp.Server(self.url, settings=["demo.enabled=false"], prepare=False).start()
        try:
            b = Browser(plain)
            status, _, page = b.sign_in_password("demo.outreach")
            self.assertEqual(status, 403)
            self.assertIn("error-summary", page)
            self.assertNotIn("fyren_session", b.cookies)
        finally:
            plain.stop()
            plain.close()

    def test_no_names_or_user_names_in_the_log(self):
        b = Browser(self.server)
        b.sign_in_password("demo.competence", "wrong wrong wrong")
        log = self.server.output()
        self.assertIn("security_event", log)
        for secret in ["demo.competence", "Hugo Demolin", "wrong wrong wrong", PASSWORD]:
            self.assertNotIn(secret, log)


if __name__ == "__main__":
    unittest.main()
