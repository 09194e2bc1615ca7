-- The SIP page's generation (issue 4, Speed): a number per plan, incremented in the same
-- transaction as every change the plan's page shows: the plan row, its revisions and follow-ups,
-- and, for every plan of the tenant, a user's display name (the page names who saved each
-- revision and wrote each follow-up) and any organisation (the plan names its actors by their
-- organisations). Both of the last are rare administrative changes; moving every plan's number
-- with them keeps the page's own read to one lookup. A server keeps the rendered plan, follow-ups
-- and revision list in memory while the number is unchanged (pages/sip_sections_cache.h); a row
-- changed behind the application's back moves it too, so it is opened (and its tampering
-- detected) again.
CREATE TABLE sip_generations (
  tenant_id BIGINT NOT NULL,
  sip_id BIGINT NOT NULL,
  generation BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, sip_id)
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

-- A user's name or an organisation: every plan of the tenant shows it.
CREATE FUNCTION sip_tenant_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t BIGINT;
BEGIN
  IF TG_OP = 'DELETE' THEN
    t := OLD.tenant_id;
  ELSE
    t := NEW.tenant_id;
  END IF;
  UPDATE sip_generations SET generation = generation + 1 WHERE tenant_id = t;
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_name_sip_generation
  AFTER UPDATE OF display_name ON users
  FOR EACH ROW EXECUTE FUNCTION sip_tenant_changed();

CREATE TRIGGER users_sip_generation_delete
  AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION sip_tenant_changed();

CREATE TRIGGER organisations_sip_generation
  AFTER INSERT OR UPDATE OR DELETE ON organisations
  FOR EACH ROW EXECUTE FUNCTION sip_tenant_changed();

-- Plans that exist already start at a number of their own.
INSERT INTO sip_generations (tenant_id, sip_id, generation) SELECT tenant_id, sip_id, 1 FROM sips;
