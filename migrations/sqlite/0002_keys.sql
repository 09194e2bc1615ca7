-- Per-tenant data keys (DEKs), each wrapped (encrypted with XChaCha20-Poly1305) by the master
-- key that lives in a file outside the database (docs/decisions/0004-envelope-encryption.md).
-- purpose 'encryption' keys seal sensitive columns; the 'blind_index' key computes keyed hashes
-- for exact lookup of identity numbers. A retired key still decrypts old values; at most one key
-- per tenant and purpose is active (retired_at IS NULL).
CREATE TABLE data_keys (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  key_id BIGINT NOT NULL CHECK (key_id BETWEEN 1 AND 4294967295),
  purpose TEXT NOT NULL CHECK (purpose IN ('encryption', 'blind_index')),
  wrapped_key BLOB NOT NULL,
  master_key_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  retired_at BIGINT,
  PRIMARY KEY (tenant_id, key_id)
);

CREATE UNIQUE INDEX data_keys_active ON data_keys (tenant_id, purpose) WHERE retired_at IS NULL;
