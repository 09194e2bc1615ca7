-- The organisation tree's generation (issue 4, Speed): a number per tenant, incremented in the
-- same transaction as every change to the tenant's organisations. The organisations page and the
-- names a plan shows are kept in memory while it is unchanged (OrganisationStore::Fingerprint).
-- It replaces an aggregate over every organisation row (count, sum of versions, latest update),
-- which each SIP page view computed (8 % of its time) and which a writer that forgot to bump a
-- version could fool; triggers cannot be forgotten.
CREATE TABLE organisation_generations (
  tenant_id BIGINT NOT NULL PRIMARY KEY,
  generation BIGINT NOT NULL
);

CREATE FUNCTION organisations_generation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t BIGINT;
BEGIN
  IF TG_OP = 'DELETE' THEN
    t := OLD.tenant_id;
  ELSE
    t := NEW.tenant_id;
  END IF;
  INSERT INTO organisation_generations (tenant_id, generation) VALUES (t, 1)
  ON CONFLICT (tenant_id)
  DO UPDATE SET generation = organisation_generations.generation + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER organisations_generation
  AFTER INSERT OR UPDATE OR DELETE ON organisations
  FOR EACH ROW EXECUTE FUNCTION organisations_generation_changed();

-- Trees that exist already start at a number of their own.
INSERT INTO organisation_generations (tenant_id, generation)
SELECT DISTINCT tenant_id, 1 FROM organisations;
