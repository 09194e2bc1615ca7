"""Plaintext scan (issue 3, item 4): after `fyren migrate` + `fyren demo-data`, and after two more
persons are registered through the running server (one through the page, one through the API)
and a protected person is opened with emergency access (a free-text reason), the raw storage
holds no person's name, alias, identity number, phone, e-mail, address or that note in plain
text.

What is scanned:
- SQLite: the bytes of the database file and of its -wal file (and -journal/-shm if present),
  once while the server runs (fresh writes still in the WAL) and once after it stopped; free
  pages are part of the file, so deleted or overwritten rows are covered too.
- PostgreSQL: every row of every table in the database (`SELECT t::text FROM <table> t`) plus the
  decoded bytes of every bytea column (a plaintext stored as bytea shows only as hex in t::text).
- The server's own log output.

Each value is searched as written, lower case, upper case and capitalised, in NFC and NFD, as
UTF-8, UTF-16 (both byte orders) and Latin-1; identity numbers with and without separator, with
10 and 12 digits; phones also as digits only and +46.

Public values are stored in clear by design (organisation names, staff display names, the public
support directory in content/directory). Where a
demo person's name is part of one (given name "Koordina" in "Regionkoordinatorer ...", "Exempel"
and "Exempelsson" in the staff name "Bertil Exempelsson", "Provlund" in "Karin Provlund"), those
exact public strings are blanked before the scan; any other occurrence still counts.

So that the scan cannot pass vacuously, every run proves it finds a public organisation name and
a value planted afterwards (as text in upper case, and as a blob / bytea) in the same storage.
Needs FYREN_TEST_POSTGRES_URL (scripts/with-postgres) for the PostgreSQL half."""
import datetime
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
import tomllib
import unicodedata
import unittest
import urllib.parse

import fyren_process as fp
from test_sign_in import Browser

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
COORDINATOR = "demo.coordinator"
ADMIN_URL = os.environ.get("FYREN_TEST_POSTGRES_URL", "")


def load_toml(name):
    with open(os.path.join(ROOT, "content", "demo", name), "rb") as f:
        return tomllib.load(f)


DEMO_PERSONS = load_toml("persons.toml")["person"]


def strings_in(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings_in(value)


def load_directory():
    with open(os.path.join(ROOT, "content", "directory", "entries.toml"), "rb") as f:
        return tomllib.load(f)


# Every string of the demo organisations and users and of the public support directory ("Where
# to turn": organisation contact details for anyone to read): public, stored in clear by design.
PUBLIC_STRINGS = sorted({s for document in (load_toml("organisations.toml"),
                                            load_toml("users.toml"), load_directory())
                         for s in strings_in(document) if len(s) >= 4}, key=len, reverse=True)
PUBLIC_ORGANISATION = "Stödföreningen Fyrljuset (påhittad)"


def luhn_digit(nine_digits):
    total = 0
    for i, ch in enumerate(nine_digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def synthetic_number(serial, day_offset=0):
    """The 12-digit number src/trust/identity/synthetic_identity.cc makes from `serial`."""
    date = datetime.date(2090, 1, 1) + datetime.timedelta(days=serial // 999)
    nine = f"{date.year % 100:02d}{date.month:02d}{date.day + day_offset:02d}" \
           f"{serial % 999 + 1:03d}"
    return "20" + nine + luhn_digit(nine)


def number_forms(twelve):
    """A 12-digit number with and without separator, with 12 and with 10 digits."""
    ten = twelve[2:]
    return {twelve, twelve[:8] + "-" + twelve[8:], ten, ten[:6] + "-" + ten[6:],
            ten[:6] + "+" + ten[6:]}


def phone_forms(phone):
    digits = re.sub(r"\D", "", phone)
    forms = {phone, digits}
    if digits.startswith("0"):
        forms.add("+46" + digits[1:])
    return forms


def address_forms(address):
    return {address} | {part.strip() for part in address.split(",") if len(part.strip()) >= 6}


def person_needles(p):
    """(what, value) pairs for one person as in persons.toml (or a dict shaped like it)."""
    needles = set()
    for key in ("given_name", "family_name", "alias", "email"):
        if p.get(key):
            needles.add((key, p[key]))
    if p.get("identity_number"):
        needles |= {("identity_number", f) for f in number_forms(p["identity_number"])}
    elif "serial" in p:
        offset = 60 if p["identity_kind"] == "samordningsnummer" else 0
        needles |= {("identity_number", f)
                    for f in number_forms(synthetic_number(p["serial"], offset))}
    if p.get("reserve_number"):
        needles.add(("reserve_number", p["reserve_number"]))
    if p.get("phone"):
        needles |= {("phone", f) for f in phone_forms(p["phone"])}
    if p.get("address"):
        needles |= {("address", f) for f in address_forms(p["address"])}
    return needles


def encodings(text):
    """The byte strings a stored `text` could show up as."""
    out = set()
    for cased in {text, text.lower(), text.upper(), text.capitalize()}:
        for form in ("NFC", "NFD"):
            normal = unicodedata.normalize(form, cased)
            for codec in ("utf-8", "utf-16-le", "utf-16-be", "latin-1"):
                try:
                    out.add(normal.encode(codec))
                except UnicodeEncodeError:
                    pass
    return out


# A public id: 26 random base32 letters standing alone (base::NewPublicId). A short name can turn
# up inside one by chance (CI once found "Dold" in "lppmpuslodoldhpwyudjc5iqj4"); ids are not
# personal data, so they are blanked before the search. A stored name never looks like one: it
# is never exactly 26 letters of a-z and 2-7 with nothing alphanumeric on either side.
PUBLIC_ID = re.compile(rb"(?<![A-Za-z0-9])[a-z2-7]{26}(?![A-Za-z0-9])")


def blank_public(data):
    """`data` with every exact occurrence of a public demo string, and every public id,
    overwritten by zero bytes."""
    for text in PUBLIC_STRINGS:
        for raw in {text.encode("utf-8"), unicodedata.normalize("NFD", text).encode("utf-8")}:
            data = data.replace(raw, b"\0" * len(raw))
    return PUBLIC_ID.sub(lambda m: b"\0" * len(m.group(0)), data)


def find(haystacks, needles, blank=True):
    """[(source, what, value, context)] for every needle found in any haystack."""
    found = []
    for source, data in haystacks.items():
        if blank:
            data = blank_public(data)
        for what, value in sorted(needles):
            for raw in encodings(value):
                at = data.find(raw)
                if at >= 0:
                    found.append((source, what, value, data[max(0, at - 40):at + len(raw) + 40]))
                    break
    return found


class ScanBase:
    """The steps shared by both backends; subclasses provide the storage bytes."""

    url = None  # set by setUp of the subclass

    # Marker values for the persons registered through the running server (synthetic numbers
    # born in 2097, which no real person can hold).
    WEB_PERSON = {"identity_kind": "number", "identity_number": synthetic_number(2_700_123),
                  "given_name": "Sidregistrerad", "family_name": "Klartextsökdotter",
                  "alias": "Webbmarkör Ärla", "phone": "070-414 25 36",
                  "email": "Sid.Markor@example.invalid",
                  "address": "Markörvägen 17, 999 91 Skannby"}
    API_PERSON = {"identity_kind": "number", "identity_number": synthetic_number(2_700_456),
                  "given_name": "Apiregistrerad", "family_name": "Chifferström",
                  "alias": "Apimarkör Öjvind", "phone": "070-525 36 47",
                  "email": "api.markor@example.invalid",
                  "address": "Kryptogränd 3, 999 92 Läckby"}

    # A free-text note: the reason given for emergency access (sealed like the names).
    EMERGENCY_REASON = "Nödläge markör: handläggaren Östen nås inte"

    # Public id of a protected Centrum person the coordinator is not named for (demo person 4):
    # only emergency access opens it.
    UNNAMED_PROTECTED_SQL = (
        "SELECT p.public_id FROM persons p JOIN organisations o ON o.tenant_id = p.tenant_id "
        "AND o.organisation_id = p.owning_authority_id WHERE o.code = 'CEN' "
        "AND p.protected_identity = 1 AND NOT EXISTS (SELECT 1 FROM person_staff s JOIN users u "
        "ON u.tenant_id = s.tenant_id AND u.user_id = s.user_id WHERE s.tenant_id = p.tenant_id "
        "AND s.person_id = p.person_id AND u.username = 'demo.coordinator') "
        "ORDER BY p.created_at LIMIT 1")

    def query_one(self, sql):
        raise NotImplementedError

    def needles(self):
        needles = {("emergency reason", self.EMERGENCY_REASON)}
        for p in DEMO_PERSONS + [self.WEB_PERSON, self.API_PERSON]:
            needles |= person_needles(p)
        return needles

    def assert_no_plaintext(self, haystacks):
        self.assertTrue(any(haystacks.values()), "nothing to scan")
        leaks = find(haystacks, self.needles())
        self.assertEqual(leaks, [], "personal data found in plain text:\n" +
                         "\n".join(f"{s}: {w} {v!r} in {c!r}" for s, w, v, c in leaks))

    def assert_scan_sees_public_and_planted(self, haystacks, planted):
        """The same scan finds a public organisation name and the planted values."""
        self.assertTrue(find(haystacks, {("organisation", PUBLIC_ORGANISATION)}, blank=False),
                        "the scan does not even find a public organisation name")
        for value in planted:
            self.assertTrue(find(haystacks, {("planted", value)}),
                            f"the scan does not find the planted value {value!r}")

    def register_through_the_server(self, server):
        """Registers WEB_PERSON through the page and API_PERSON through the API as the demo
        coordinator, opens a protected person with emergency access (a sealed free-text reason),
        and checks all of it was stored (so the scan looks at real rows)."""
        b = Browser(server)
        b.sign_in(COORDINATOR)
        # Right after sign-in the second factor is fresh, so no step-up is asked for.
        protected = self.query_one(self.UNNAMED_PROTECTED_SQL)
        status, headers, page = b.request("POST", f"/persons/{protected}/emergency-access", form={
            "reason_category": "immediate_danger", "reason_text": self.EMERGENCY_REASON},
            follow=False)
        self.assertEqual((status, headers.get("location")),
                         (303, f"/persons/{protected}?done=emergency"), page[:3000])
        self.assertEqual(self.query_one("SELECT COUNT(*) FROM emergency_access_grants"), "1")
        p = self.WEB_PERSON
        form = {"identity_kind": "number", "identity_number": p["identity_number"][:8] + "-" +
                p["identity_number"][8:], "given_name": p["given_name"],
                "family_name": p["family_name"], "alias": p["alias"], "gender": "woman",
                "languages": "sv", "phone": p["phone"], "email": p["email"],
                "address": p["address"]}
        status, headers, page = b.request("POST", "/persons/new", form=form, follow=False)
        self.assertEqual(status, 303, page[:3000])
        location = headers["location"].split("?")[0]
        status, _, page = b.get(location + "?lang=sv")
        self.assertEqual(status, 200)
        for key in ("given_name", "family_name", "email"):
            self.assertIn(p[key].lower(), page.lower())
        status, _, page = b.post(location + "/reveal?lang=sv", {})
        self.assertEqual(status, 200)
        self.assertIn(p["identity_number"][:8] + "-" + p["identity_number"][8:], page)

        p = self.API_PERSON
        cookie = "; ".join(f"{k}={v}" for k, v in b.cookies.items())
        body = dict(p, languages=["sv"], interpreter_needed=False)
        status, _, data = server.request(
            "POST", "/api/v1/persons", body=json.dumps(body).encode(),
            headers={"Cookie": cookie, "Content-Type": "application/json"})
        self.assertEqual(status, 201, data[:3000])
        public_id = json.loads(data)["id"]
        status, _, data = server.request("GET", f"/api/v1/persons/{public_id}",
                                         headers={"Cookie": cookie})
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(data)["family_name"], p["family_name"])

    def assert_log_has_no_plaintext(self, server):
        self.assert_no_plaintext({"server log": server.output().encode("utf-8") or b"\n"})


class SqlitePlaintextScanTest(ScanBase, unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="fyren-scan-")
        self.db_path = os.path.join(self.dir, "fyren.db")
        self.url = "sqlite:" + self.db_path

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def query_one(self, sql):
        db = sqlite3.connect(self.db_path, timeout=10)
        try:
            (value,), = db.execute(sql).fetchall()
            return str(value)
        finally:
            db.close()

    def files(self):
        out = {}
        for suffix in ("", "-wal", "-journal", "-shm"):
            path = self.db_path + suffix
            if os.path.exists(path):
                with open(path, "rb") as f:
                    out[os.path.basename(path)] = f.read()
        return out

    def test_database_files_hold_no_personal_data_in_plain_text(self):
        server = fp.Server(self.url).start()
        try:
            self.assert_no_plaintext(self.files())  # straight after demo-data
            self.register_through_the_server(server)
            running = self.files()
            self.assertIn("fyren.db", running)
            self.assert_no_plaintext(running)  # fresh writes, WAL not yet checkpointed
        finally:
            code = server.stop()
            log = server.output()
            server.close()
        self.assertEqual(code, 0, log)
        self.assertTrue(log)
        self.assert_no_plaintext({"server log": log.encode("utf-8")})

        # Fold the WAL into the main file as well, then scan everything again.
        db = sqlite3.connect(self.db_path, isolation_level=None)  # autocommit
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            (persons,), = db.execute("SELECT COUNT(*) FROM persons").fetchall()
        finally:
            db.close()
        self.assertEqual(persons, len(DEMO_PERSONS) + 2)
        self.assert_no_plaintext(self.files())

        # The scan is not blind: plant values the way a careless column would store them.
        text_probe, blob_probe = "Planterad Kontroll Åsa Öberg", "Blobprov Ängsgård"
        db = sqlite3.connect(self.db_path, isolation_level=None)
        try:
            db.execute("CREATE TABLE plaintext_scan_probe (t TEXT, b BLOB)")
            db.execute("INSERT INTO plaintext_scan_probe VALUES (?, ?)",
                       (text_probe.upper(), blob_probe.encode("utf-8")))
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
        self.assert_scan_sees_public_and_planted(self.files(), [text_probe, blob_probe])


def psql(url, sql):
    return subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-q", "-At", "-d", url,
                           "-c", sql], check=True, capture_output=True, timeout=60).stdout


def database_url(name):
    parts = urllib.parse.urlsplit(ADMIN_URL)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


@unittest.skipUnless(ADMIN_URL or not os.environ.get("FYREN_ALLOW_NO_POSTGRES"),
                     "PostgreSQL not provided")
class PostgresPlaintextScanTest(ScanBase, unittest.TestCase):
    def setUp(self):
        self.assertTrue(ADMIN_URL,
                        "FYREN_TEST_POSTGRES_URL is not set; run via scripts/with-postgres")
        self.name = "fyren_scan_" + secrets.token_hex(4)
        psql(ADMIN_URL, f"CREATE DATABASE {self.name}")
        self.url = database_url(self.name)

    def tearDown(self):
        psql(ADMIN_URL, f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        f"WHERE datname = '{self.name}'")
        psql(ADMIN_URL, f"DROP DATABASE IF EXISTS {self.name}")
        key = fp.master_key_path(self.url)
        if os.path.exists(key):
            os.unlink(key)

    def query_one(self, sql):
        return psql(self.url, sql).decode().strip()

    def tables(self):
        """{schema.table: [bytea columns]} for every table outside the system schemas."""
        rows = psql(self.url, (
            "SELECT quote_ident(t.table_schema) || '.' || quote_ident(t.table_name), "
            "coalesce(string_agg(quote_ident(c.column_name), ' ') FILTER "
            "(WHERE c.data_type = 'bytea'), '') "
            "FROM information_schema.tables t JOIN information_schema.columns c "
            "USING (table_schema, table_name) WHERE t.table_type = 'BASE TABLE' "
            "AND t.table_schema NOT IN ('pg_catalog', 'information_schema') "
            "GROUP BY 1 ORDER BY 1")).decode()
        return {line.split("|")[0]: line.split("|")[1].split() for line in rows.splitlines()}

    def contents(self):
        """Per table: every row as text, then the raw bytes of every bytea value. One psql run
        (starting psql costs more than the queries): each record is tagged with its table and
        kind, and ends with an ASCII record separator (chr(30)), as values may hold newlines."""
        tables = self.tables()
        self.assertIn("public.persons", tables)
        self.assertIn("public.audit_entries", tables)
        queries = []
        for table, columns in tables.items():
            tag = table.replace("'", "''")
            queries.append(f"SELECT 'T {tag} ' || t::text || chr(30) FROM {table} t;")
            queries += [f"SELECT 'H {tag} ' || encode({c}, 'hex') || chr(30) FROM {table} "
                        f"WHERE {c} IS NOT NULL;" for c in columns]
        done = subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-q", "-At", "-d", self.url],
                              input="\n".join(queries).encode(), check=True,
                              capture_output=True, timeout=120)
        out = {table: b"" for table in tables}
        for record in done.stdout.split(b"\x1e"):
            record = record.lstrip(b"\n")
            if not record:
                continue
            kind, table, value = record.split(b" ", 2)
            data = bytes.fromhex(value.decode()) if kind == b"H" else value
            out[table.decode()] += data + b"\n"
        return out

    def test_table_contents_hold_no_personal_data_in_plain_text(self):
        server = fp.Server(self.url).start()
        try:
            contents = self.contents()
            self.assertTrue(contents["public.persons"].strip())
            self.assert_no_plaintext(contents)
            self.register_through_the_server(server)
            contents = self.contents()
            self.assert_no_plaintext(contents)
        finally:
            code = server.stop()
            log = server.output()
            server.close()
        self.assertEqual(code, 0, log)
        self.assert_no_plaintext({"server log": log.encode("utf-8")})
        persons = int(psql(self.url, "SELECT COUNT(*) FROM persons"))
        self.assertEqual(persons, len(DEMO_PERSONS) + 2)

        text_probe, blob_probe = "Planterad Kontroll Åsa Öberg", "Byteaprov Ängsgård"
        psql(self.url, "CREATE TABLE plaintext_scan_probe (t TEXT, b BYTEA)")
        psql(self.url, f"INSERT INTO plaintext_scan_probe VALUES ('{text_probe.upper()}', "
                       f"convert_to('{blob_probe}', 'UTF8'))")
        self.assert_scan_sees_public_and_planted(self.contents(), [text_probe, blob_probe])


if __name__ == "__main__":
    unittest.main()
