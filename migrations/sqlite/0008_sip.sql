-- The coordinated individual plan (SIP) of an exit case (issue 4 §3, src/domain/sip). One plan
-- per case, created on its first save. Every save is a new immutable revision holding the whole
-- plan as sealed JSON (goals in the person's own words, needs, notes and reasons are free text,
-- so they exist only inside sealed blobs), bound to (tenant, table, column, revision_id).
-- sip_interventions is a plain projection of the current revision (codes, keys, statuses and
-- dates only) for tasks, the continuity guard and lists; the service rewrites it in the same
-- transaction as the revision. Dates the task job looks for are plain ISO 'YYYY-MM-DD' text,
-- indexed by (tenant, date).

CREATE TABLE sips (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  sip_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  case_id BIGINT NOT NULL,
  current_revision BIGINT NOT NULL,
  -- Optimistic concurrency: the version a save must name (HTTP ETag / the form's hidden field).
  version BIGINT NOT NULL DEFAULT 1,
  next_follow_up_on TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, sip_id),
  UNIQUE (tenant_id, public_id),
  UNIQUE (tenant_id, case_id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES exit_cases (tenant_id, case_id)
);

CREATE INDEX sips_next_follow_up ON sips (tenant_id, next_follow_up_on);

CREATE TABLE sip_revisions (
  tenant_id BIGINT NOT NULL,
  sip_id BIGINT NOT NULL,
  revision BIGINT NOT NULL,
  -- The row id the sealed columns are bound to (one per revision, never reused).
  revision_id BIGINT NOT NULL,
  document BLOB NOT NULL,
  change_note BLOB,
  saved_by BIGINT NOT NULL,
  saved_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, sip_id, revision),
  UNIQUE (tenant_id, revision_id),
  FOREIGN KEY (tenant_id, sip_id) REFERENCES sips (tenant_id, sip_id),
  FOREIGN KEY (tenant_id, saved_by) REFERENCES users (tenant_id, user_id)
);

CREATE TABLE sip_interventions (
  tenant_id BIGINT NOT NULL,
  sip_id BIGINT NOT NULL,
  intervention_key TEXT NOT NULL,
  catalogue_code TEXT NOT NULL,
  actor_key TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'paused', 'ended', 'refused')),
  starts_on TEXT NOT NULL,
  planned_end_on TEXT,
  is_foundation BIGINT NOT NULL DEFAULT 0 CHECK (is_foundation IN (0, 1)),
  PRIMARY KEY (tenant_id, sip_id, intervention_key),
  FOREIGN KEY (tenant_id, sip_id) REFERENCES sips (tenant_id, sip_id)
);

CREATE INDEX sip_interventions_planned_end ON sip_interventions (tenant_id, planned_end_on);

-- The follow-up log: appended, never edited. The outcome is free text, sealed.
CREATE TABLE sip_followups (
  tenant_id BIGINT NOT NULL,
  followup_id BIGINT NOT NULL,
  sip_id BIGINT NOT NULL,
  held_on TEXT NOT NULL,
  -- NULL: about the whole plan.
  intervention_key TEXT,
  outcome BLOB NOT NULL,
  author_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, followup_id),
  FOREIGN KEY (tenant_id, sip_id) REFERENCES sips (tenant_id, sip_id),
  FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, user_id)
);

CREATE INDEX sip_followups_sip ON sip_followups (tenant_id, sip_id, held_on);
