-- Exit cases (issue 4, "Person and case" and "Consent"): an adult's way out of prostitution or
-- trafficking, coordinated by one authority's coordinator. A case belongs to one person and is
-- owned by that person's authority; access to a case is access to its person (the person's case
-- team in person_staff, emergency grants, protected identity), so no team table of its own.
-- The only free text (the closing note) is sealed, bound to (tenant, table, column, row id)
-- (src/domain/exit_case/exit_case_columns.h).

CREATE TABLE exit_cases (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  case_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  -- "<authority code>-<year>-<seq 4 digits>", e.g. "SN-CEN-2026-0007" (case_number_counters).
  case_number TEXT NOT NULL,
  person_id BIGINT NOT NULL,
  owning_authority_id BIGINT NOT NULL,
  -- The coordinator: an active user of the owning authority, also on the person's team.
  responsible_user_id BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'closed')),
  closed_reason TEXT CHECK (closed_reason IS NULL OR closed_reason IN ('goals_reached',
    'moved_away', 'person_declined', 'no_contact', 'transferred', 'deceased', 'other')),
  closed_note BYTEA,
  version BIGINT NOT NULL DEFAULT 1,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, case_id),
  UNIQUE (tenant_id, public_id),
  UNIQUE (tenant_id, case_number),
  -- A closed case always says why.
  CHECK ((status = 'closed') = (closed_reason IS NOT NULL)),
  FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, person_id),
  FOREIGN KEY (tenant_id, owning_authority_id) REFERENCES organisations (tenant_id, organisation_id),
  FOREIGN KEY (tenant_id, responsible_user_id) REFERENCES users (tenant_id, user_id)
);

CREATE INDEX exit_cases_authority_status ON exit_cases (tenant_id, owning_authority_id, status);
CREATE INDEX exit_cases_responsible ON exit_cases (tenant_id, responsible_user_id);
CREATE INDEX exit_cases_person ON exit_cases (tenant_id, person_id);
-- A person has at most one case that is not closed; the service reports it as a field problem
-- first, this index catches two coordinators opening one at the same moment.
CREATE UNIQUE INDEX exit_cases_one_open ON exit_cases (tenant_id, person_id)
  WHERE status <> 'closed';

-- The last sequence number handed out per authority and year; incremented with
-- INSERT ... ON CONFLICT DO UPDATE ... RETURNING inside the case's insert transaction, so two
-- servers on one database never hand out the same number.
CREATE TABLE case_number_counters (
  tenant_id BIGINT NOT NULL,
  authority_id BIGINT NOT NULL,
  year BIGINT NOT NULL,
  last_seq BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, authority_id, year),
  FOREIGN KEY (tenant_id, authority_id) REFERENCES organisations (tenant_id, organisation_id)
);

-- Every status change of a case (opening included: from_status NULL), kept for the history.
CREATE TABLE exit_case_events (
  tenant_id BIGINT NOT NULL,
  event_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  at BIGINT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  reason TEXT,
  PRIMARY KEY (tenant_id, event_id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES exit_cases (tenant_id, case_id)
);

CREATE INDEX exit_case_events_case ON exit_case_events (tenant_id, case_id, at);

-- Consent as records. Active = not withdrawn and not expired at the time of reading; computed
-- at every read (never cached) so a withdrawal stops sharing at once.
CREATE TABLE consents (
  tenant_id BIGINT NOT NULL,
  consent_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  case_id BIGINT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('sip_planning', 'share_with_organisation',
    'statistics')),
  -- The organisation shared with (purpose share_with_organisation only).
  organisation_id BIGINT,
  -- Comma-separated SIP parts the organisation may see: goals, interventions, meetings,
  -- followups, contact. Empty unless shared.
  scope TEXT NOT NULL DEFAULT '',
  how_given TEXT NOT NULL CHECK (how_given IN ('written', 'oral', 'digital')),
  recorded_by BIGINT NOT NULL,
  given_at BIGINT NOT NULL,
  expires_at BIGINT,
  withdrawn_at BIGINT,
  withdrawn_by BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, consent_id),
  UNIQUE (tenant_id, public_id),
  CHECK ((purpose = 'share_with_organisation') = (organisation_id IS NOT NULL)),
  FOREIGN KEY (tenant_id, case_id) REFERENCES exit_cases (tenant_id, case_id),
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, organisation_id)
);

CREATE INDEX consents_case ON consents (tenant_id, case_id);
CREATE INDEX consents_organisation ON consents (tenant_id, organisation_id);
