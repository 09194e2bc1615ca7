"""Generator for bench/intake_queue.sh (issue 5, Speed): N synthetic reports of concern (default
10,000) to the Centrum committee, written straight into a SQLite database that already has the
demo data, with the deadlines the server would have computed (content/deadlines.toml:
same day, 14 days, 4 months; approximated in UTC here, which is close enough for a load test).

  python3 bench/concern_reports.py DATABASE_PATH [N]

The queue reads only plain columns (status, times, deadlines), so the sealed columns hold random
bytes: these reports list and count like real ones but cannot be opened. Never run it on a
database with real data. Standard library only."""
import os
import random
import sqlite3
import sys
import time

DAY_US = 24 * 3600 * 1_000_000
BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
STATUSES = ["new", "received", "assessed", "investigating", "not_opened", "closed"]


def main(path, count):
    rng = random.Random(42)
    now = int(time.time() * 1_000_000)
    db = sqlite3.connect(path, timeout=30)
    tenant, authority = db.execute(
        "SELECT tenant_id, organisation_id FROM organisations WHERE code = 'CEN'").fetchone()
    reporter, unit = db.execute(
        "SELECT user_id, unit_id FROM users WHERE username = 'demo.school'").fetchone()
    first = db.execute("SELECT COALESCE(MAX(last_number), 0) FROM concern_reference_counters "
                       "WHERE authority_id = ?", (authority,)).fetchone()[0]
    base_id = now * 16
    with db:
        for i in range(count):
            report_id = base_id + i
            received = now - rng.randrange(0, 200 * DAY_US)
            status = rng.choice(STATUSES) if received < now - DAY_US else "new"
            blob = os.urandom(48)
            db.execute(
                "INSERT INTO concern_reports (tenant_id, report_id, public_id, reference, "
                "receiving_authority_id, district, reporter_user_id, reporter_unit_id, "
                "child_known, child_description, concern_text, reporter_contact, status, "
                "received_at, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'centrum', "
                "?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                (tenant, report_id, "".join(rng.choice(BASE32) for _ in range(26)),
                 f"OA-CEN-BENCH-{first + i + 1:06d}", authority, reporter, unit, i % 2, blob,
                 blob, blob, status, received, received, received))
            assessed = status not in ("new", "received")
            decided = status in ("investigating", "not_opened", "closed")
            for code, met_by, due, escalate, met in (
                    ("protection_assessment", "assessment", received + DAY_US // 2,
                     received + DAY_US, received + 3600_000_000 if assessed else None),
                    ("investigation_decision", "decision", received + 14 * DAY_US, None,
                     received + 10 * DAY_US if decided else None),
                    ("investigation", "closed", received + 122 * DAY_US, None,
                     received + 100 * DAY_US if status == "closed" else None)):
                waived = 1 if code == "investigation" and status == "not_opened" else 0
                db.execute(
                    "INSERT INTO concern_deadlines (tenant_id, report_id, code, met_by, due_at, "
                    "escalate_at, met_at, waived) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (tenant, report_id, code, met_by, due, escalate, met, waived))
    db.close()
    print(f"{count} synthetic reports of concern for CEN")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 10_000)
