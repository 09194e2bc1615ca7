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

CREATE TRIGGER organisations_generation_insert AFTER INSERT ON organisations
BEGIN
  INSERT INTO organisation_generations (tenant_id, generation) VALUES (NEW.tenant_id, 1)
  ON CONFLICT (tenant_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER organisations_generation_update AFTER UPDATE ON organisations
BEGIN
  INSERT INTO organisation_generations (tenant_id, generation) VALUES (NEW.tenant_id, 1)
  ON CONFLICT (tenant_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER organisations_generation_delete AFTER DELETE ON organisations
BEGIN
  INSERT INTO organisation_generations (tenant_id, generation) VALUES (OLD.tenant_id, 1)
  ON CONFLICT (tenant_id) DO UPDATE SET generation = generation + 1;
END;

-- Trees that exist already start at a number of their own.
INSERT INTO organisation_generations (tenant_id, generation)
SELECT DISTINCT tenant_id, 1 FROM organisations;
