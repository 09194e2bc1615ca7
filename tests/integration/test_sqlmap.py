"""Debian's sqlmap, bounded, against the sign-in form and the organisation search (issue 3, item 7).

Each run is limited (--level 2 --risk 1 --time-sec 1 --threads 2; one thread for the sign-in
form, because sqlmap refuses --csrf-url with more) and killed after a hard
timeout; together they stay under four minutes. Only 127.0.0.1 is targeted. The test passes when
sqlmap reports no injection point; a run that could not reach the server, or did not finish,
fails. The sign-in form carries a CSRF token, which sqlmap fetches with --csrf-url before each
request (the double-submit cookie comes with it).

Sign-in throttling answers 429 after 30 failures from one address; the SQL that looks the user
name up still runs for every request (the throttle is read in the same transaction), so error and
stacked-query payloads still reach the database; boolean and time checks see the throttled page."""
import os
import shutil
import subprocess
import tempfile
import time
import unittest

import fyren_process as fp

SQLMAP = "/usr/bin/sqlmap"
TOTAL_BUDGET = 230  # seconds for every sqlmap run together (hard: the ctest timeout is 300)


class SqlmapTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Missing sqlmap fails the test rather than skipping it: issue 3 asks for this run in
        # CI, and a skipped test passes unnoticed. scripts/install-deps installs it.
        if not os.path.exists(SQLMAP):
            raise RuntimeError("sqlmap is not installed: run scripts/install-deps")
        cls.dir = tempfile.mkdtemp(prefix="fyren-sqlmap-")
        cls.server = fp.Server("sqlite:" + os.path.join(cls.dir, "fyren.db")).start()
        cls.base = f"http://127.0.0.1:{cls.server.port}"
        cls.deadline = time.monotonic() + TOTAL_BUDGET

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls.server.close()
        shutil.rmtree(cls.dir, ignore_errors=True)
        assert code == 0, f"fyren serve exited with {code}"

    def sqlmap(self, name, share, *args, threads=2):
        budget = min(share, self.deadline - time.monotonic())
        self.assertGreater(budget, 10, "no time left for sqlmap")
        out_dir = os.path.join(self.dir, name)
        command = [SQLMAP, "--batch", "--level", "2", "--risk", "1", "--time-sec", "1",
                   "--threads", str(threads), "--flush-session", "--output-dir", out_dir,
                   "--disable-coloring", "--ignore-code", "401,403,404,429",
                   "--answers", "follow=N", *args]
        env = dict(os.environ, HOME=self.dir)  # sqlmap keeps state under ~/.local/share/sqlmap
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=budget,
                                  env=env, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as e:
            self.fail(f"sqlmap {name} did not finish within {budget:.0f}s:\n"
                      f"{(e.stdout or b'')[-3000:]}")
        output = done.stdout + done.stderr
        self.assertNotIn("identified the following injection point", output, output[-5000:])
        self.assertNotIn("is vulnerable", output, output[-5000:])
        self.assertNotIn("unable to connect to the target", output, output[-3000:])
        self.assertRegex(output, r"do(es)? not (seem|appear) to be injectable", output[-3000:])
        self.assertGreater(output.count("testing '"), 10, "sqlmap ran almost no payload tests")
        self.assertEqual(self.server.status("/readyz"), 200)
        return output

    def test_sign_in_form(self):
        self.sqlmap("sign-in", 140, "-u", f"{self.base}/sign-in",
                    "--data", "username=demo.coordinator&password=x&csrf_token=t",
                    "-p", "username,password",
                    "--csrf-token", "csrf_token", "--csrf-url", f"{self.base}/sign-in",
                    threads=1)  # sqlmap refuses --csrf-url with more than one thread

    def test_organisation_search(self):
        self.sqlmap("search", 90, "-u",
                    f"{self.base}/api/v1/organisations?limit=5&cursor=abc",
                    "-p", "limit,cursor")


if __name__ == "__main__":
    unittest.main()
