-- The SIP page's generation (issue 4, Speed): a number per plan, incremented in the same
-- transaction as every change the plan's page shows: the plan row, its revisions and follow-ups,
-- and, for every plan of the tenant, a user's display name (the page names who saved each
-- revision and wrote each follow-up) and any organisation (the plan names its actors by their
-- organisations). Both of the last are rare administrative changes; moving every plan's number
-- with them keeps the page's own read to one lookup. A server keeps the rendered plan, follow-ups
-- and revision list in memory while the number is unchanged (pages/sip_sections_cache.h); a row
-- changed behind the application's back moves it too, so it is opened (and its tampering
-- detected) again.
-- WITHOUT ROWID: every page view reads it by key, and a keyed table is one B-tree, not two.
CREATE TABLE sip_generations (
  tenant_id BIGINT NOT NULL,
  sip_id BIGINT NOT NULL,
  generation BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, sip_id)
) WITHOUT ROWID;

CREATE TRIGGER sips_generation_insert AFTER INSERT ON sips
BEGIN
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (NEW.tenant_id, NEW.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER sips_generation_update AFTER UPDATE ON sips
BEGIN
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (NEW.tenant_id, NEW.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (OLD.tenant_id, OLD.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER sips_generation_delete AFTER DELETE ON sips
BEGIN
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (OLD.tenant_id, OLD.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER sip_revisions_generation_insert AFTER INSERT ON sip_revisions
BEGIN
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (NEW.tenant_id, NEW.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER sip_revisions_generation_update AFTER UPDATE ON sip_revisions
BEGIN
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (NEW.tenant_id, NEW.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (OLD.tenant_id, OLD.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER sip_revisions_generation_delete AFTER DELETE ON sip_revisions
BEGIN
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (OLD.tenant_id, OLD.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER sip_followups_generation_insert AFTER INSERT ON sip_followups
BEGIN
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (NEW.tenant_id, NEW.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER sip_followups_generation_update AFTER UPDATE ON sip_followups
BEGIN
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (NEW.tenant_id, NEW.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (OLD.tenant_id, OLD.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER sip_followups_generation_delete AFTER DELETE ON sip_followups
BEGIN
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (OLD.tenant_id, OLD.sip_id, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER users_name_sip_generation_update AFTER UPDATE OF display_name ON users
BEGIN
  UPDATE sip_generations SET generation = generation + 1 WHERE tenant_id = NEW.tenant_id;
END;

CREATE TRIGGER users_sip_generation_delete AFTER DELETE ON users
BEGIN
  UPDATE sip_generations SET generation = generation + 1 WHERE tenant_id = OLD.tenant_id;
END;

CREATE TRIGGER organisations_sip_generation_insert AFTER INSERT ON organisations
BEGIN
  UPDATE sip_generations SET generation = generation + 1 WHERE tenant_id = NEW.tenant_id;
END;

CREATE TRIGGER organisations_sip_generation_update AFTER UPDATE ON organisations
BEGIN
  UPDATE sip_generations SET generation = generation + 1 WHERE tenant_id = NEW.tenant_id;
END;

CREATE TRIGGER organisations_sip_generation_delete AFTER DELETE ON organisations
BEGIN
  UPDATE sip_generations SET generation = generation + 1 WHERE tenant_id = OLD.tenant_id;
END;

-- Plans that exist already start at a number of their own.
INSERT INTO sip_generations (tenant_id, sip_id, generation) SELECT tenant_id, sip_id, 1 FROM sips;
