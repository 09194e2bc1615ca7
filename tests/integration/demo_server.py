"""A test class whose tests share one `fyren serve` with the synthetic demo data, on a fresh
SQLite file in a temporary directory.

The server is stopped and the directory removed even when the subclass's own setUpClass fails
half-way (a class cleanup, not tearDownClass), and a server that does not exit 0 on SIGTERM fails
the class: a clean shutdown is part of what every suite checks."""

import datetime
import os
import secrets
import shutil
import sqlite3
import tempfile
import time
import unittest

import fyren_process as fp
from test_sign_in import Browser


def public_id():
    """A new id in the shape of base::NewPublicId: 26 letters of the base32 alphabet."""
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    return "".join(secrets.choice(alphabet) for _ in range(26))


class DemoServerTestCase(unittest.TestCase):
    # Extra `--set key=value` settings for the server, e.g. ("tasks.interval_seconds=0",).
    SETTINGS = ()

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix=f"fyren-{cls.__name__.lower()}-")
        cls.addClassCleanup(shutil.rmtree, cls.dir, ignore_errors=True)
        cls.db_path = os.path.join(cls.dir, "fyren.db")
        cls.url = "sqlite:" + cls.db_path
        cls.server = fp.Server(cls.url, settings=cls.SETTINGS).start()
        cls.addClassCleanup(cls._stop_server)
        cls.browsers = {}

    @classmethod
    def _stop_server(cls):
        code = cls.server.stop()
        cls.server.close()
        assert code == 0, f"fyren serve exited with {code}"

    @classmethod
    def browser_for(cls, username):
        """The class's Browser signed in as the demo user `username` (password and TOTP), signed
        in on first use: a TOTP code works once, so signing the same user in twice within 30
        seconds would be refused as a replay. Delete it from `browsers` to sign in again."""
        if username not in cls.browsers:
            browser = Browser(cls.server)
            browser.sign_in(username)
            cls.browsers[username] = browser
        return cls.browsers[username]

    @classmethod
    def query(cls, sql, args=()):
        with sqlite3.connect(cls.db_path, timeout=10) as db:
            return db.execute(sql, args).fetchall()

    @classmethod
    def follow_up_due_yesterday(cls, username):
        """The first open case that `username` is responsible for, with its plan's next follow-up
        set to yesterday (a plan row is made if the case has none): what `fyren tasks run-once`
        turns into an overdue task. Returns (tenant, case id, case public id, case number, user
        id)."""
        yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
        now_us = int(time.time() * 1_000_000)
        with sqlite3.connect(cls.db_path, timeout=10) as db:
            row = db.execute(
                "SELECT c.tenant_id, c.case_id, c.public_id, c.case_number, c.responsible_user_id "
                "FROM exit_cases c JOIN users u ON u.tenant_id = c.tenant_id "
                "AND u.user_id = c.responsible_user_id WHERE u.username = ? AND c.status = 'open' "
                "ORDER BY c.case_id LIMIT 1", (username,)).fetchone()
            assert row, f"the demo data has an open case for {username}"
            tenant, case_id = row[0], row[1]
            if db.execute("SELECT COUNT(*) FROM sips WHERE tenant_id = ? AND case_id = ?",
                          (tenant, case_id)).fetchone()[0]:
                db.execute("UPDATE sips SET next_follow_up_on = ? WHERE tenant_id = ? "
                           "AND case_id = ?", (yesterday, tenant, case_id))
            else:
                db.execute("INSERT INTO sips (tenant_id, sip_id, public_id, case_id, "
                           "current_revision, next_follow_up_on, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
                           (tenant, secrets.randbelow(2**62), public_id(), case_id, yesterday,
                            now_us, now_us))
        return row
