-- The audit table is stored in its key order (issues 3 and 4, Speed). Until now SQLite kept each
-- entry twice: the row under a hidden rowid, and its key (tenant_id, seq) in a separate index.
-- A table WITHOUT ROWID is the key's b-tree itself, so every audited request inserts into one
-- b-tree fewer, each group commit writes fewer pages, and `fyren audit verify` reads the chain
-- in order from one b-tree. Nothing else changes: the same columns, constraints, indexes and
-- append-only triggers (0004), and every entry, hash and chain head as it was.
--
-- SQLite cannot change a table's storage in place, so the table is copied and the copy takes its
-- name, in this migration's single transaction. The copy needs as much room again as the audit
-- table for the duration (docs/operations.md, Install and upgrade). DROP TABLE removes the
-- old table's triggers before it deletes anything, so the append-only triggers do not stop it;
-- they are created again below, on the new table.
CREATE TABLE audit_entries_0021 (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  seq BIGINT NOT NULL CHECK (seq >= 1),
  occurred_at BIGINT NOT NULL,
  actor_user_id BIGINT,
  unit_id BIGINT,
  authority_id BIGINT,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  record_type TEXT,
  record_id BIGINT,
  person_id BIGINT,
  purpose TEXT NOT NULL,
  flags BIGINT NOT NULL,
  request_id TEXT NOT NULL,
  prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
  hash BLOB NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (tenant_id, seq)
) WITHOUT ROWID;

INSERT INTO audit_entries_0021 (tenant_id, seq, occurred_at, actor_user_id, unit_id,
                                authority_id, action, outcome, record_type, record_id, person_id,
                                purpose, flags, request_id, prev_hash, hash)
SELECT tenant_id, seq, occurred_at, actor_user_id, unit_id, authority_id, action, outcome,
       record_type, record_id, person_id, purpose, flags, request_id, prev_hash, hash
FROM audit_entries
ORDER BY tenant_id, seq;

DROP TABLE audit_entries;
ALTER TABLE audit_entries_0021 RENAME TO audit_entries;

CREATE INDEX audit_entries_person ON audit_entries (tenant_id, person_id, seq)
  WHERE person_id IS NOT NULL;
CREATE INDEX audit_entries_user ON audit_entries (tenant_id, actor_user_id, seq)
  WHERE actor_user_id IS NOT NULL;
CREATE INDEX audit_entries_flagged ON audit_entries (tenant_id, seq) WHERE flags <> 0;

CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit_entries is append-only: UPDATE refused');
END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'audit_entries is append-only: DELETE refused');
END;
