"""The `fyren` command line: configuration errors, start-up failures, backup and restore."""
import os
import shutil
import tempfile
import unittest

import fyren_process as fp


class CliTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="fyren-cli-")
        self.db = "sqlite:" + os.path.join(self.dir, "fyren.db")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_version(self):
        done = fp.run(["version"], self.db)
        self.assertEqual(done.returncode, 0)
        self.assertRegex(done.stdout, r"^fyren \d+\.\d+\.\d+")

    def test_config_check_prints_effective_config_without_secrets(self):
        done = fp.run(["config", "check"], "postgresql://fyren:hemligt@127.0.0.1:1/fyren")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("[server]", done.stdout)
        self.assertIn("port = 8080", done.stdout)
        self.assertNotIn("hemligt", done.stdout)
        self.assertIn("***", done.stdout)

    def test_unknown_key_names_key_and_line_and_exits_2(self):
        path = self.write("bad.toml", "[server]\nport = 8080\nworkers = 4\n")
        done = fp.run(["--config", path, "config", "check"], self.db)
        self.assertEqual(done.returncode, 2)
        self.assertIn("server.workers", done.stderr)
        self.assertIn(":3", done.stderr)

    def test_wrong_type_names_key_and_line_and_exits_2(self):
        path = self.write("bad.toml", "[database]\npool_size = \"many\"\n")
        done = fp.run(["--config", path, "config", "check"], self.db)
        self.assertEqual(done.returncode, 2)
        self.assertIn("database.pool_size", done.stderr)
        self.assertIn(":2", done.stderr)

    def test_environment_override_and_bad_environment(self):
        done = fp.run(["config", "check"], self.db, extra_env={"FYREN_SERVER_PORT": "9999"})
        self.assertIn("port = 9999", done.stdout)
        done = fp.run(["config", "check"], self.db, extra_env={"FYREN_SERVER_PORT": "x"})
        self.assertEqual(done.returncode, 2)
        self.assertIn("FYREN_SERVER_PORT", done.stderr)

    def test_unreachable_database_at_start_is_a_clear_failure(self):
        done = fp.run(["--set", f"server.port={fp.free_port()}", "serve"],
                      f"postgresql://fyren@127.0.0.1:{fp.free_port()}/fyren", timeout=30)
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("cannot reach the database", done.stderr)

    def test_unmigrated_database_is_refused_with_advice(self):
        done = fp.run(["--set", f"server.port={fp.free_port()}", "serve"], self.db)
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("fyren migrate", done.stderr)

    def test_unknown_scheme_is_refused(self):
        done = fp.run(["migrate"], "mysql://localhost/fyren")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("mysql", done.stderr)

    def test_migrate_and_demo_data_are_idempotent(self):
        self.assertEqual(fp.run(["migrate"], self.db).returncode, 0)
        again = fp.run(["migrate"], self.db)
        self.assertEqual(again.returncode, 0)
        self.assertIn("Applied 0", again.stdout)
        first = fp.run(["demo-data"], self.db)
        self.assertIn("created", first.stdout)
        second = fp.run(["demo-data"], self.db)
        self.assertEqual(second.returncode, 0)
        self.assertIn("already present", second.stdout)

    def test_keys_init_status_and_rotation(self):
        self.assertEqual(fp.run(["migrate"], self.db).returncode, 0)
        self.assertEqual(fp.run(["demo-data"], self.db).returncode, 0)
        key_file = fp.master_key_path(self.db)
        self.assertEqual(os.stat(key_file).st_mode & 0o777, 0o600)
        # A master key is never overwritten.
        again = fp.run(["keys", "init"], self.db)
        self.assertNotEqual(again.returncode, 0)
        self.assertIn("never overwritten", again.stderr)

        status = fp.run(["keys", "status"], self.db)
        self.assertEqual(status.returncode, 0, status.stderr)
        self.assertIn("encryption  active", status.stdout)
        self.assertIn("blind_index  active", status.stdout)

        rotated = fp.run(["keys", "rotate-data"], self.db)
        self.assertEqual(rotated.returncode, 0, rotated.stderr)
        self.assertIn("new data key", rotated.stdout)

        new_key = os.path.join(self.dir, "new.master.key")
        done = fp.run(["keys", "rotate-master", "--new", new_key], self.db)
        self.assertEqual(done.returncode, 0, done.stderr)
        # The old master no longer wraps any key; the new one wraps all of them.
        status = fp.run(["--set", "keys.master_key_file=" + new_key, "keys", "status"], self.db)
        self.assertNotIn("NOT the current master", status.stdout)
        status = fp.run(["keys", "status"], self.db)
        self.assertIn("NOT the current master", status.stdout)

    def test_master_key_file_readable_by_others_is_refused(self):
        self.assertEqual(fp.run(["migrate"], self.db).returncode, 0)
        self.assertEqual(fp.run(["keys", "init"], self.db).returncode, 0)
        os.chmod(fp.master_key_path(self.db), 0o644)
        done = fp.run(["keys", "status"], self.db)
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("chmod 600", done.stderr)
        self.assertNotIn(open(fp.master_key_path(self.db)).read().splitlines()[1], done.stderr)

    def test_sqlite_backup_of_a_live_database_restores(self):
        server = fp.Server(self.db).start()
        try:
            _, _, before = server.get_json("/api/v1/organisations?limit=200")
            backup = os.path.join(self.dir, "backup.db")
            done = fp.run(["backup", "--to", backup], self.db)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(os.stat(backup).st_mode & 0o777, 0o600)
            # A second backup to the same file is refused rather than overwritten.
            self.assertNotEqual(fp.run(["backup", "--to", backup], self.db).returncode, 0)
        finally:
            self.assertEqual(server.stop(), 0)
            server.close()

        restored_db = "sqlite:" + os.path.join(self.dir, "restored.db")
        done = fp.run(["restore", "--from", backup], restored_db)
        self.assertEqual(done.returncode, 0, done.stderr)
        # Restoring over an existing database needs --force.
        self.assertNotEqual(fp.run(["restore", "--from", backup], restored_db).returncode, 0)
        self.assertEqual(fp.run(["restore", "--from", backup, "--force"], restored_db).returncode,
                         0)
        server = fp.Server(restored_db, prepare=False).start()
        try:
            _, _, after = server.get_json("/api/v1/organisations?limit=200")
            self.assertEqual(before["items"], after["items"])
        finally:
            server.stop()
            server.close()


if __name__ == "__main__":
    unittest.main()
