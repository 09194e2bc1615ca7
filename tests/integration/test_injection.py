"""Injection against every route in the table (issue 3, items 7 and "Bad input").

XSS: payloads go into every query parameter and every field of every form the pages show (found
by reading the forms, so new forms such as the person register's are covered when they appear),
and into path parameters; no HTML answer may contain a payload unescaped.

SQL injection: quotes, `' OR 1=1 --`, `; DROP TABLE`, unicode, NUL and very long values go into
every path parameter, query parameter and form field of every route in `fyren routes --json`, as
the anonymous visitor and as a signed-in coordinator. Never a 500, never a database error text,
and afterwards the server still answers, no table is gone and `fyren audit verify` passes."""
import html.parser
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
import urllib.parse

import fyren_process as fp
from test_sign_in import Browser

XSS = [
    '<script>alert("fyren-xss-1")</script>',
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    "</textarea></title><script>alert(4)</script>",
    '" autofocus onfocus="alert(5)',
]

SQL = [
    "'",
    '"',
    "' OR 1=1 --",
    "1' OR '1'='1",
    "1; DROP TABLE users; --",
    "'); DROP TABLE audit_entries; --",
    "1 UNION SELECT password_hash FROM users --",
    "\\",
    "ö' OR 'å'='å",
    "\u202e\U0001F600' --",
    "a\x00b",
    "%00",
    "\xff\xfe",
    "A" * 5000,
]

# Text that only a database error would put in a page.
DB_ERRORS = re.compile(r"syntax error|unrecognized token|no such table|no such column|SQLITE_|"
                       r"sqlite3_|near \"|unterminated quoted|ERROR:  |constraint failed|"
                       r"database disk image|SQLSTATE|duplicate key value")

# Query parameters handlers read, and a few that search forms are likely to use.
QUERY_NAMES = ["q", "lang", "next", "cursor", "limit", "search", "name", "kind", "page",
               "signed_out", "id"]

# Routes a signed-in identity must not call with junk (they end the session or count second
# factor failures towards a lockout); the anonymous identity covers them.
SIGNED_IN_SKIP = {("POST", "/sign-out"), ("POST", "/account/sign-out-everywhere"),
                  ("POST", "/sign-in"), ("POST", "/sign-in/code"),
                  ("POST", "/sign-in/two-factor")}
CODE_ROUTES = {("POST", "/account/confirm")}  # a few payloads only: each one is a failure


class Forms(html.parser.HTMLParser):
    """The POST forms of a page: action and the names of their fields."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.current = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self.current = {"action": a.get("action") or "", "fields": []}
            self.forms.append(self.current)
        elif tag in ("input", "textarea", "select") and self.current is not None:
            name = a.get("name")
            if name and name != "csrf_token" and a.get("type") not in ("submit", "button"):
                self.current["fields"].append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def quote(value):
    return urllib.parse.quote(value, safe="")


def fill(pattern, value):
    return re.sub(r"\{[a-z_]+\}", lambda _: quote(value), pattern)


class InjectionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="fyren-injection-")
        cls.db_path = os.path.join(cls.dir, "fyren.db")
        cls.url = "sqlite:" + cls.db_path
        cls.server = fp.Server(cls.url).start()
        done = subprocess.run([fp.FYREN, "routes", "--json"], capture_output=True, text=True,
                              timeout=30)
        assert done.returncode == 0, done.stderr
        cls.routes = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        cls.tables = cls.table_names()
        cls.anonymous = Browser(cls.server)
        cls.anonymous.get("/sign-in")
        cls.signed_in = Browser(cls.server)
        cls.signed_in.sign_in("demo.coordinator")
        cls.signed_in.get("/account")

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls.server.close()
        shutil.rmtree(cls.dir, ignore_errors=True)
        assert code == 0, f"fyren serve exited with {code}"

    @classmethod
    def table_names(cls):
        db = sqlite3.connect(f"file:{cls.db_path}?mode=ro", uri=True)
        try:
            return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            db.close()

    def identities(self):
        return [("anonymous", self.anonymous), ("coordinator", self.signed_in)]

    def send(self, browser, method, path, form=None):
        if method == "GET":
            return browser.request("GET", path, follow=False)
        if path.startswith("/api/"):
            headers = {"Content-Type": "application/json"}
            if browser.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
            body = json.dumps(form or {}).encode()
            status, out, data = browser.server.request(method, path, body=body, headers=headers)
            return status, out, data.decode("utf-8", "replace")
        return browser.request(method, path, form=form or {}, follow=False)

    def judge(self, where, status, headers, body, problems, xss=None):
        if status >= 500:
            problems.append(f"{where}: {status}")
        if DB_ERRORS.search(body):
            problems.append(f"{where}: database error text: {DB_ERRORS.search(body).group(0)!r}")
        location = headers.get("location", "")
        if location and not location.startswith("/"):
            problems.append(f"{where}: redirect off site to {location[:80]!r}")
        if xss and headers.get("content-type", "").startswith("text/html"):
            if xss in body:
                problems.append(f"{where}: payload {xss[:40]!r} appears unescaped")
            if re.search(r'(href|action|src)="\s*javascript:', body, re.IGNORECASE):
                problems.append(f"{where}: a javascript: URL in an attribute")

    def page_forms(self, browser):
        """(action, fields) of every POST form on every GET page the identity can open."""
        found = {}
        for route in self.routes:
            if route["method"] != "GET" or "{" in route["pattern"] or \
                    route["pattern"].startswith("/api/"):
                continue
            status, headers, body = browser.request("GET", route["pattern"], follow=False)
            if status != 200 or not headers.get("content-type", "").startswith("text/html"):
                continue
            parser = Forms()
            parser.feed(body)
            for form in parser.forms:
                action = form["action"] or route["pattern"]
                found.setdefault(action, set()).update(form["fields"])
        return found

    def form_fields(self, browser, route):
        fields = set(self.forms[id(browser)].get(route["pattern"], set()))
        fields |= {"username", "password", "code", "next", "name", "q"}
        return sorted(fields)

    def run_payloads(self, payloads, xss):
        problems = []
        self.forms = {id(b): self.page_forms(b) for _, b in self.identities()}
        for label, browser in self.identities():
            for route in self.routes:
                key = (route["method"], route["pattern"])
                if label != "anonymous" and key in SIGNED_IN_SKIP:
                    continue
                chosen = payloads[:2] if key in CODE_ROUTES else payloads
                for payload in chosen:
                    where = f"{label} {route['method']} {route['pattern']} [{payload[:24]!r}]"
                    # Path parameters.
                    if "{" in route["pattern"]:
                        path = fill(route["pattern"], payload)
                        status, headers, body = self.send(browser, route["method"], path)
                        self.judge(where + " path", status, headers, body, problems,
                                   xss and payload)
                    base = fill(route["pattern"], "x") if "{" in route["pattern"] else \
                        route["pattern"]
                    # Query parameters (every route: handlers may read any of them).
                    names = QUERY_NAMES if len(payload) < 1000 else QUERY_NAMES[:1]
                    query = "&".join(f"{n}={quote(payload)}" for n in names)
                    status, headers, body = self.send(browser, route["method"],
                                                      f"{base}?{query}")
                    self.judge(where + " query", status, headers, body, problems,
                               xss and payload)
                    # Form fields.
                    if route["method"] != "GET":
                        form = {f: payload for f in self.form_fields(browser, route)}
                        status, headers, body = self.send(browser, route["method"], base, form)
                        self.judge(where + " form", status, headers, body, problems,
                                   xss and payload)
        return problems

    def assert_intact(self):
        self.assertEqual(self.server.status("/readyz"), 200)
        self.assertEqual(self.table_names(), self.tables)
        self.assertEqual(self.signed_in.get("/account")[0], 200, "the coordinator lost the session")
        done = fp.run(["audit", "verify"], self.url)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)

    def test_xss_payloads_are_never_rendered_unescaped(self):
        problems = self.run_payloads(XSS, xss=True)
        self.assertEqual(problems, [], "\n".join(problems[:50]))
        self.assert_intact()

    def test_sql_injection_payloads_never_break_anything(self):
        problems = self.run_payloads(SQL, xss=False)
        self.assertEqual(problems, [], "\n".join(problems[:50]))
        self.assert_intact()

    def test_sign_in_echoes_the_user_name_escaped(self):
        b = Browser(self.server)
        for payload in XSS:
            status, headers, body = b.sign_in_password(payload, "wrong wrong wrong")
            self.assertLess(status, 500)
            self.assertNotIn(payload, body)

    def test_next_cannot_leave_the_site(self):
        # Each becomes "/": off-site, protocol-relative, script URLs, backslashes and a header
        # split (CR LF) are not plain local paths (pages::SafeReturnPath).
        for target in ["//evil.example/", "https://evil.example/", "javascript:alert(1)",
                       "/\\evil.example", "/\r\nSet-Cookie: x=1"]:
            status, headers, body = self.signed_in.request(
                "GET", "/account/confirm?next=" + quote(target), follow=False)
            self.assertEqual(status, 200)
            self.assertEqual(re.findall(r'name="next" value="([^"]*)"', body), ["/"], target)
            self.assertNotIn("x=1", headers.get("set-cookie", ""))


if __name__ == "__main__":
    unittest.main()
