-- The audit log (DESIGN.md, Audit; src/trust/audit): one hash chain per tenant. Entries hold ids
-- and codes only, never names, identity numbers or free text. hash = BLAKE2b-256(prev_hash ||
-- canonical encoding of every other column), see src/trust/audit/canonical_encoding.h.
CREATE TABLE audit_entries (
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
  prev_hash BYTEA NOT NULL CHECK (length(prev_hash) = 32),
  hash BYTEA NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (tenant_id, seq)
);

-- For the log-review pages: a person's access history, a user's activity, flagged access.
CREATE INDEX audit_entries_person ON audit_entries (tenant_id, person_id, seq)
  WHERE person_id IS NOT NULL;
CREATE INDEX audit_entries_user ON audit_entries (tenant_id, actor_user_id, seq)
  WHERE actor_user_id IS NOT NULL;
CREATE INDEX audit_entries_flagged ON audit_entries (tenant_id, seq) WHERE flags <> 0;

-- The last entry of each tenant's chain. Writers lock this row (SELECT ... FOR UPDATE) before
-- appending, so two servers appending for one tenant never fork the chain; `fyren audit verify`
-- compares it with the last entry to notice a deleted tail.
CREATE TABLE audit_heads (
  tenant_id BIGINT NOT NULL PRIMARY KEY REFERENCES tenants (tenant_id),
  seq BIGINT NOT NULL CHECK (seq >= 0),
  hash BYTEA NOT NULL CHECK (length(hash) = 32)
);

-- Append-only. The application has no UPDATE or DELETE for audit_entries; these triggers stop
-- anyone else who connects with the application's role. A superuser or the table owner can still
-- disable or drop them: the hash chain and `fyren audit verify` (and the optional syslog mirror)
-- are what detect that.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_entries_append_only
  BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entries_no_truncate
  BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- A head only moves forward.
CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.tenant_id = OLD.tenant_id AND NEW.seq > OLD.seq THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_heads only moves forward: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_heads_forward_only
  BEFORE UPDATE OR DELETE ON audit_heads
  FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
CREATE TRIGGER audit_heads_no_truncate
  BEFORE TRUNCATE ON audit_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward_only();
