-- The SIP page's generations (issue 4, Speed). sip_generations holds a number per plan,
-- incremented in the same transaction as every change to the plan row, its revisions or its
-- follow-ups; user_name_generations a number per tenant, incremented whenever a user's display
-- name changes (the page names who saved each revision and wrote each follow-up). A server keeps
-- the rendered plan, follow-ups and revision list in memory while both numbers and the
-- organisation tree's (0018) are unchanged (pages/sip_sections_cache.h); a row changed behind
-- the application's back moves them too, so it is opened (and its tampering detected) again.
CREATE TABLE sip_generations (
  tenant_id BIGINT NOT NULL,
  sip_id BIGINT NOT NULL,
  generation BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, sip_id)
);

CREATE TABLE user_name_generations (
  tenant_id BIGINT NOT NULL PRIMARY KEY,
  generation BIGINT NOT NULL
);

CREATE FUNCTION sip_generation_bump(tenant BIGINT, sip BIGINT) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO sip_generations (tenant_id, sip_id, generation) VALUES (tenant, sip, 1)
  ON CONFLICT (tenant_id, sip_id) DO UPDATE SET generation = sip_generations.generation + 1;
$$;

-- sips, sip_revisions and sip_followups all carry (tenant_id, sip_id).
CREATE FUNCTION sip_page_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM sip_generation_bump(NEW.tenant_id, NEW.sip_id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM sip_generation_bump(OLD.tenant_id, OLD.sip_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER sips_generation
  AFTER INSERT OR UPDATE OR DELETE ON sips
  FOR EACH ROW EXECUTE FUNCTION sip_page_changed();

CREATE TRIGGER sip_revisions_generation
  AFTER INSERT OR UPDATE OR DELETE ON sip_revisions
  FOR EACH ROW EXECUTE FUNCTION sip_page_changed();

CREATE TRIGGER sip_followups_generation
  AFTER INSERT OR UPDATE OR DELETE ON sip_followups
  FOR EACH ROW EXECUTE FUNCTION sip_page_changed();

CREATE FUNCTION users_name_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t BIGINT;
BEGIN
  IF TG_OP = 'DELETE' THEN
    t := OLD.tenant_id;
  ELSE
    t := NEW.tenant_id;
  END IF;
  INSERT INTO user_name_generations (tenant_id, generation) VALUES (t, 1)
  ON CONFLICT (tenant_id)
  DO UPDATE SET generation = user_name_generations.generation + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_name_generation_update
  AFTER UPDATE OF display_name ON users
  FOR EACH ROW EXECUTE FUNCTION users_name_changed();

CREATE TRIGGER users_name_generation_delete
  AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION users_name_changed();

-- Plans and tenants that exist already start at a number of their own.
INSERT INTO sip_generations (tenant_id, sip_id, generation) SELECT tenant_id, sip_id, 1 FROM sips;
INSERT INTO user_name_generations (tenant_id, generation) SELECT tenant_id, 1 FROM tenants;
