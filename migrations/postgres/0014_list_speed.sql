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

CREATE FUNCTION concern_queue_bump(tenant BIGINT, authority BIGINT) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO concern_queue_generations (tenant_id, authority_id, generation)
  VALUES (tenant, authority, 1)
  ON CONFLICT (tenant_id, authority_id)
  DO UPDATE SET generation = concern_queue_generations.generation + 1;
$$;

CREATE FUNCTION concern_reports_queue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM concern_queue_bump(NEW.tenant_id, NEW.receiving_authority_id);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM concern_queue_bump(NEW.tenant_id, NEW.receiving_authority_id);
    -- A report moved to another committee changes that committee's queue too.
    IF OLD.receiving_authority_id <> NEW.receiving_authority_id THEN
      PERFORM concern_queue_bump(OLD.tenant_id, OLD.receiving_authority_id);
    END IF;
  ELSE
    PERFORM concern_queue_bump(OLD.tenant_id, OLD.receiving_authority_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER concern_reports_queue
  AFTER INSERT OR UPDATE OR DELETE ON concern_reports
  FOR EACH ROW EXECUTE FUNCTION concern_reports_queue_changed();

CREATE FUNCTION concern_deadlines_queue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t BIGINT;
  report BIGINT;
  authority BIGINT;
BEGIN
  IF TG_OP = 'DELETE' THEN
    t := OLD.tenant_id;
    report := OLD.report_id;
  ELSE
    t := NEW.tenant_id;
    report := NEW.report_id;
  END IF;
  SELECT receiving_authority_id INTO authority FROM concern_reports
  WHERE tenant_id = t AND report_id = report;
  IF FOUND THEN
    PERFORM concern_queue_bump(t, authority);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER concern_deadlines_queue
  AFTER INSERT OR UPDATE OR DELETE ON concern_deadlines
  FOR EACH ROW EXECUTE FUNCTION concern_deadlines_queue_changed();
