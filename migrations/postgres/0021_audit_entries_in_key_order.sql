-- On SQLite this migration stores the audit table in its key order (WITHOUT ROWID). PostgreSQL
-- keeps every table as a heap with separate indexes, so there is nothing to change here; the
-- migration exists so that both backends count the same schema versions. The comment it leaves
-- says where the table's rules are.
COMMENT ON TABLE audit_entries IS
  'Append-only, hash-chained audit trail per tenant (migrations 0004, 0021; src/trust/audit)';
