-- Tasks, the background job's lease, and de-identified statistics facts (issue 4 §4 and §5;
-- DESIGN.md, "Data protection" and "Past one machine").

-- A task in one user's inbox. Tasks carry no personal data: the kind, the due date, the case it is
-- about (an internal id; the inbox shows the case number) and a payload of codes and ids only.
-- `source_key` names what made the task (e.g. "sip:<sip_id>:followup:<date>"), unique per tenant
-- and kind, so a job pass that runs twice, or on two servers at once, creates a task only once
-- (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE tasks (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  task_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  -- The assignee: a task is only theirs (others get 404 as for a missing task).
  user_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('follow_up_due', 'intervention_ends', 'consent_expires',
    'continuity_guard')),
  case_id BIGINT,
  source_key TEXT NOT NULL,
  -- The Swedish calendar date the task is due, 'YYYY-MM-DD' (sorts as text).
  due_on TEXT NOT NULL,
  -- JSON of codes and internal ids (catalogue code, intervention key, consent purpose...).
  payload TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'dismissed')),
  created_at BIGINT NOT NULL,
  done_at BIGINT,
  done_by BIGINT,
  PRIMARY KEY (tenant_id, task_id),
  UNIQUE (tenant_id, public_id),
  UNIQUE (tenant_id, kind, source_key),
  CHECK ((state = 'open') = (done_at IS NULL)),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES exit_cases (tenant_id, case_id)
);

-- The inbox: one user's open tasks by due date (overdue first).
CREATE INDEX tasks_inbox ON tasks (tenant_id, user_id, state, due_on);

-- One row per tenant and background job. A pass locks its row (PostgreSQL: FOR UPDATE SKIP
-- LOCKED; SQLite: the single writer lock), so with several servers on one database only one runs
-- a pass at a time and the others skip; `last_run_at` keeps N servers from running N passes per
-- interval between them.
CREATE TABLE job_runs (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  job_name TEXT NOT NULL,
  holder TEXT NOT NULL DEFAULT '',
  last_run_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, job_name)
);

-- De-identified facts for follow-up statistics, written by domain services in the same
-- transaction as the event they count. No person id, no case id, no free text; created_at is
-- the start of the UTC day and fact_id is random, so a fact cannot be joined back to the audit
-- trail by time. Published tables suppress small counts.
CREATE TABLE stat_facts (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  fact_id BIGINT NOT NULL,
  period TEXT NOT NULL,  -- 'YYYY-MM'
  authority_id BIGINT NOT NULL,
  district TEXT,
  age_band TEXT NOT NULL CHECK (age_band IN ('0-17', '18-24', '25-34', '35-44', '45-54',
    '55-64', '65+', 'unknown')),
  gender TEXT NOT NULL CHECK (gender IN ('woman', 'man', 'non_binary', 'other', 'not_stated')),
  category TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, fact_id),
  FOREIGN KEY (tenant_id, authority_id) REFERENCES organisations (tenant_id, organisation_id)
);

CREATE INDEX stat_facts_period ON stat_facts (tenant_id, period, category);
