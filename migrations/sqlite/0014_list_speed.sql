-- Speed of the busiest lists (issues 4 and 5, Speed; measured with bench/exit_cases.sh and
-- bench/intake_queue.sh, figures in docs/performance.md).

-- "My cases" and "my unit's cases" (exit_case_store.cc kListOnTeam / kListForUnit) list an
-- authority's cases newest-changed first, 50 to a page. Without this index every view read and
-- sorted all of the authority's cases (5,000 in the bench: ~40 ms on SQLite); with it the list
-- walks the authority's cases in order and stops at the page's end (~0.6 ms).
CREATE INDEX exit_cases_authority_updated ON exit_cases (tenant_id, owning_authority_id,
  updated_at, case_id);

-- The intake queue (concern_store.cc kQueue): new reports first, then the rest, each newest
-- first, as two ordered walks of this index that stop at the page's end (10,000 reports: ~25 ms
-- per view with a sort of all of them, ~0.1 ms with this index).
CREATE INDEX concern_reports_received ON concern_reports (tenant_id, receiving_authority_id,
  received_at, report_id);

-- The intake queue's counts (issue 5, Speed): a per-authority generation number, incremented in
-- the same transaction as every change to that authority's reports or their deadlines, so a
-- server may keep the queue's counts in memory while the number is unchanged (and no counted
-- deadline has come due) and several servers on one database stay correct. Triggers rather
-- than application code, so no write path (present or future, or a bulk load) can forget it.
CREATE TABLE concern_queue_generations (
  tenant_id BIGINT NOT NULL,
  authority_id BIGINT NOT NULL,
  generation BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, authority_id)
);

CREATE TRIGGER concern_reports_queue_insert AFTER INSERT ON concern_reports
BEGIN
  INSERT INTO concern_queue_generations (tenant_id, authority_id, generation)
  VALUES (NEW.tenant_id, NEW.receiving_authority_id, 1)
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER concern_reports_queue_update AFTER UPDATE ON concern_reports
BEGIN
  INSERT INTO concern_queue_generations (tenant_id, authority_id, generation)
  VALUES (NEW.tenant_id, NEW.receiving_authority_id, 1)
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
  -- A report moved to another committee changes that committee's queue too.
  INSERT INTO concern_queue_generations (tenant_id, authority_id, generation)
  SELECT OLD.tenant_id, OLD.receiving_authority_id, 1
  WHERE OLD.receiving_authority_id <> NEW.receiving_authority_id
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER concern_reports_queue_delete AFTER DELETE ON concern_reports
BEGIN
  INSERT INTO concern_queue_generations (tenant_id, authority_id, generation)
  VALUES (OLD.tenant_id, OLD.receiving_authority_id, 1)
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER concern_deadlines_queue_insert AFTER INSERT ON concern_deadlines
BEGIN
  INSERT INTO concern_queue_generations (tenant_id, authority_id, generation)
  SELECT r.tenant_id, r.receiving_authority_id, 1 FROM concern_reports r
  WHERE r.tenant_id = NEW.tenant_id AND r.report_id = NEW.report_id
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER concern_deadlines_queue_update AFTER UPDATE ON concern_deadlines
BEGIN
  INSERT INTO concern_queue_generations (tenant_id, authority_id, generation)
  SELECT r.tenant_id, r.receiving_authority_id, 1 FROM concern_reports r
  WHERE r.tenant_id = NEW.tenant_id AND r.report_id = NEW.report_id
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER concern_deadlines_queue_delete AFTER DELETE ON concern_deadlines
BEGIN
  INSERT INTO concern_queue_generations (tenant_id, authority_id, generation)
  SELECT r.tenant_id, r.receiving_authority_id, 1 FROM concern_reports r
  WHERE r.tenant_id = OLD.tenant_id AND r.report_id = OLD.report_id
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;
