-- Reports of concern (orosanmälan) about a child, their legal deadlines and history; referrals
-- between organisations; anonymous consultations to the competence centre (issue 5 §3–4).
-- A report is owned by the receiving social committee (an authority). The child's details, the
-- concern, the reporter's contact and the assessment note are sealed with XChaCha20-Poly1305
-- bound to (tenant, table, column, row id) (src/app/encrypted_columns.cc). What the queue sorts
-- and counts on (authority, status, times, deadlines) is plain so the queue needs no decryption.

CREATE TABLE concern_reports (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  report_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  -- "OA-CEN-2026-0042": per receiving authority and year (concern_reference_counters).
  reference TEXT NOT NULL,
  receiving_authority_id BIGINT NOT NULL,
  district TEXT NOT NULL DEFAULT '',
  reporter_user_id BIGINT NOT NULL,
  reporter_unit_id BIGINT,
  child_known BIGINT NOT NULL CHECK (child_known IN (0, 1)),
  child_name BLOB,
  child_description BLOB,
  concern_text BLOB NOT NULL,
  reporter_contact BLOB NOT NULL,
  -- The screening (helper module) the report came from, if any: its public id.
  screening_public_id TEXT,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'received', 'assessed',
    'investigating', 'not_opened', 'closed')),
  received_at BIGINT NOT NULL,
  -- When intake first opened it: the reporter's receipt shows "received by intake".
  intake_opened_at BIGINT,
  assessment_outcome TEXT CHECK (assessment_outcome IS NULL OR assessment_outcome IN (
    'immediate_protection', 'no_immediate_protection')),
  assessment_note BLOB,
  assessed_at BIGINT,
  assessed_by BIGINT,
  decision TEXT CHECK (decision IS NULL OR decision IN ('open_investigation', 'no_investigation')),
  decision_date TEXT,
  decided_at BIGINT,
  decided_by BIGINT,
  closed_at BIGINT,
  closed_by BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, report_id),
  UNIQUE (tenant_id, public_id),
  UNIQUE (tenant_id, reference),
  FOREIGN KEY (tenant_id, receiving_authority_id) REFERENCES organisations (tenant_id,
    organisation_id),
  FOREIGN KEY (tenant_id, reporter_user_id) REFERENCES users (tenant_id, user_id)
);

-- The intake queue: one authority, new first, newest first.
CREATE INDEX concern_reports_queue ON concern_reports (tenant_id, receiving_authority_id,
  status, received_at);
CREATE INDEX concern_reports_reporter ON concern_reports (tenant_id, reporter_user_id);

CREATE TABLE concern_reference_counters (
  tenant_id BIGINT NOT NULL,
  authority_id BIGINT NOT NULL,
  year BIGINT NOT NULL,
  last_number BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, authority_id, year)
);

-- Each report's deadlines as computed at receipt from content/deadlines.toml (the rule in force
-- when the report came in). met_at when the event in met_by was recorded; waived when it no
-- longer applies (no investigation opened).
CREATE TABLE concern_deadlines (
  tenant_id BIGINT NOT NULL,
  report_id BIGINT NOT NULL,
  code TEXT NOT NULL,
  met_by TEXT NOT NULL CHECK (met_by IN ('assessment', 'decision', 'closed')),
  due_at BIGINT NOT NULL,
  escalate_at BIGINT,
  met_at BIGINT,
  waived BIGINT NOT NULL DEFAULT 0 CHECK (waived IN (0, 1)),
  PRIMARY KEY (tenant_id, report_id, code),
  FOREIGN KEY (tenant_id, report_id) REFERENCES concern_reports (tenant_id, report_id)
);

-- No index on (met_at, due_at): the overdue counts look deadlines up per report by the primary
-- key; such an index made SQLite scan every unmet deadline per report (10,000 reports: 58 s).

-- What happened to a report, in order (the page's history; the audit log holds the who-read).
CREATE TABLE concern_events (
  tenant_id BIGINT NOT NULL,
  event_id BIGINT NOT NULL,
  report_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('submitted', 'opened', 'assessed', 'decided', 'closed')),
  user_id BIGINT NOT NULL,
  occurred_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, event_id),
  FOREIGN KEY (tenant_id, report_id) REFERENCES concern_reports (tenant_id, report_id)
);

CREATE INDEX concern_events_report ON concern_events (tenant_id, report_id, occurred_at);

-- A referral from one organisation (the sender's unit) to another (a unit such as Barnahus, the
-- competence centre or a district coordinator, or a partner such as an NGO), optionally from a
-- screening, a case or a report. Visible to the sending and the receiving organisation only.
CREATE TABLE referrals (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  referral_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('adult_support', 'child_abuse', 'consultation',
    'partner_support')),
  sender_user_id BIGINT NOT NULL,
  sender_unit_id BIGINT NOT NULL,
  sender_authority_id BIGINT,
  recipient_id BIGINT NOT NULL,
  source_kind TEXT NOT NULL DEFAULT 'none' CHECK (source_kind IN ('none', 'screening', 'case',
    'report')),
  source_public_id TEXT,
  person_summary BLOB,
  message BLOB NOT NULL,
  status TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'received', 'accepted',
    'declined', 'done')),
  decline_reason BLOB,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, referral_id),
  UNIQUE (tenant_id, public_id),
  FOREIGN KEY (tenant_id, recipient_id) REFERENCES organisations (tenant_id, organisation_id),
  FOREIGN KEY (tenant_id, sender_unit_id) REFERENCES organisations (tenant_id, organisation_id)
);

CREATE INDEX referrals_sender ON referrals (tenant_id, sender_unit_id, created_at);
CREATE INDEX referrals_recipient ON referrals (tenant_id, recipient_id, created_at);

CREATE TABLE referral_events (
  tenant_id BIGINT NOT NULL,
  event_id BIGINT NOT NULL,
  referral_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  occurred_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, event_id),
  FOREIGN KEY (tenant_id, referral_id) REFERENCES referrals (tenant_id, referral_id)
);

CREATE INDEX referral_events_referral ON referral_events (tenant_id, referral_id, occurred_at);

-- An anonymous consultation: a question without personal data from a unit to the competence
-- centre, and its answer. Sealed anyway: staff write free text and may slip.
CREATE TABLE consultations (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  consultation_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  asker_user_id BIGINT NOT NULL,
  asker_unit_id BIGINT NOT NULL,
  question BLOB NOT NULL,
  answer BLOB,
  answered_by BIGINT,
  answered_at BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, consultation_id),
  UNIQUE (tenant_id, public_id)
);

CREATE INDEX consultations_asker ON consultations (tenant_id, asker_unit_id, created_at);
CREATE INDEX consultations_open ON consultations (tenant_id, answered_at, created_at);
