-- The SIP page's generations (issue 4, Speed). sip_generations holds a number per plan,
-- incremented in the same transaction as every change to the plan row, its revisions or its
-- follow-ups; user_name_generations a number per tenant, incremented whenever a user's display
-- name changes (the page names who saved each revision and wrote each follow-up). A server keeps
-- the rendered plan, follow-ups and revision list in memory while both numbers and the
-- organisation tree's (0018) are unchanged (pages/sip_sections_cache.h); a row changed behind
-- the application's back moves them too, so it is opened (and its tampering detected) again.
-- WITHOUT ROWID: every page view reads both by key, and a keyed table is one B-tree, not two.
CREATE TABLE sip_generations (
  tenant_id BIGINT NOT NULL,
  sip_id BIGINT NOT NULL,
  generation BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, sip_id)
) WITHOUT ROWID;

CREATE TABLE user_name_generations (
  tenant_id BIGINT NOT NULL PRIMARY KEY,
  generation BIGINT NOT NULL
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

CREATE TRIGGER users_name_generation_update AFTER UPDATE OF display_name ON users
BEGIN
  INSERT INTO user_name_generations (tenant_id, generation) VALUES (NEW.tenant_id, 1)
  ON CONFLICT (tenant_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER users_name_generation_delete AFTER DELETE ON users
BEGIN
  INSERT INTO user_name_generations (tenant_id, generation) VALUES (OLD.tenant_id, 1)
  ON CONFLICT (tenant_id) DO UPDATE SET generation = generation + 1;
END;

-- Plans and tenants that exist already start at a number of their own.
INSERT INTO sip_generations (tenant_id, sip_id, generation) SELECT tenant_id, sip_id, 1 FROM sips;
INSERT INTO user_name_generations (tenant_id, generation) SELECT tenant_id, 1 FROM tenants;
