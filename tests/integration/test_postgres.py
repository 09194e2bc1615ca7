"""A real `fyren serve` on PostgreSQL: losing the database at run time and getting it back,
and the pg_dump-based backup round trip. Needs FYREN_TEST_POSTGRES_URL (scripts/with-postgres)."""
import os
import secrets
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

import fyren_process as fp

ADMIN_URL = os.environ.get("FYREN_TEST_POSTGRES_URL", "")


def psql(sql, url=ADMIN_URL):
    subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", url, "-c", sql], check=True,
                   capture_output=True, timeout=30)


def database_url(name):
    parts = urllib.parse.urlsplit(ADMIN_URL)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


@unittest.skipUnless(ADMIN_URL or not os.environ.get("FYREN_ALLOW_NO_POSTGRES"),
                     "PostgreSQL not provided")
class PostgresServeTest(unittest.TestCase):
    def setUp(self):
        self.assertTrue(ADMIN_URL, "FYREN_TEST_POSTGRES_URL is not set; run via scripts/with-postgres")
        self.name = "fyren_it_" + secrets.token_hex(4)
        psql(f"CREATE DATABASE {self.name}")
        self.url = database_url(self.name)
        self.dir = tempfile.mkdtemp(prefix="fyren-pg-")
        self.extra_dbs = []

    def tearDown(self):
        for name in [self.name, *self.extra_dbs]:
            psql(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
            psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
            psql(f"DROP DATABASE IF EXISTS {name}")
            key = fp.master_key_path(database_url(name))
            if os.path.exists(key):
                os.unlink(key)
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_database_lost_and_regained_at_run_time(self):
        server = fp.Server(self.url).start()
        try:
            self.assertEqual(server.status("/organisations"), 200)
            psql(f"ALTER DATABASE {self.name} ALLOW_CONNECTIONS false")
            psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                 f"WHERE datname = '{self.name}'")
            server.wait_until(lambda: server.status("/readyz") == 503, 15, "readyz never said 503")
            status, headers, body = server.request("GET", "/organisations")
            self.assertEqual(status, 503)
            self.assertTrue(headers["content-type"].startswith("text/html"))
            status, headers, _ = server.request("GET", "/api/v1/organisations")
            self.assertEqual(status, 503)
            self.assertEqual(headers["content-type"], "application/problem+json")
            self.assertEqual(server.status("/healthz"), 200)

            psql(f"ALTER DATABASE {self.name} ALLOW_CONNECTIONS true")
            server.wait_until(lambda: server.status("/readyz") == 200, 15,
                              "server did not recover when the database came back")
            self.assertEqual(server.status("/organisations"), 200)
        finally:
            self.assertEqual(server.stop(), 0)
            server.close()

    def test_pg_dump_backup_restores_into_a_new_database(self):
        server = fp.Server(self.url).start()
        try:
            _, _, before = server.get_json("/api/v1/organisations?limit=200")
        finally:
            server.stop()
            server.close()
        backup = os.path.join(self.dir, "fyren.dump")
        done = fp.run(["backup", "--to", backup], self.url)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(os.stat(backup).st_mode & 0o777, 0o600)

        target = self.name + "_restored"
        self.extra_dbs.append(target)
        psql(f"CREATE DATABASE {target}")
        done = fp.run(["restore", "--from", backup], database_url(target))
        self.assertEqual(done.returncode, 0, done.stderr)
        server = fp.Server(database_url(target), prepare=False).start()
        try:
            _, _, after = server.get_json("/api/v1/organisations?limit=200")
            self.assertEqual(before["items"], after["items"])
        finally:
            server.stop()
            server.close()


if __name__ == "__main__":
    unittest.main()
