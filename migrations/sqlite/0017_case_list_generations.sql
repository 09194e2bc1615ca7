-- The case lists' generation (issue 4, Speed): a number per authority, incremented in the same
-- transaction as every change that can change what "my cases" or "my unit's cases" show for
-- that authority: a case (number, status, responsible, time of change), a person's team, a
-- person's names, birth year or protection, and the responsible coordinator's name or unit.
-- A server keeps the pages it listed (with the persons' initials) in memory while the number is
-- unchanged (exit_case/case_list_cache.h), and several servers on one database stay correct.
-- Triggers rather than application code, as for the intake queue (0014).
CREATE TABLE case_list_generations (
  tenant_id BIGINT NOT NULL,
  authority_id BIGINT NOT NULL,
  generation BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, authority_id)
);

CREATE TRIGGER exit_cases_list_insert AFTER INSERT ON exit_cases
BEGIN
  INSERT INTO case_list_generations (tenant_id, authority_id, generation)
  VALUES (NEW.tenant_id, NEW.owning_authority_id, 1)
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER exit_cases_list_update AFTER UPDATE ON exit_cases
BEGIN
  INSERT INTO case_list_generations (tenant_id, authority_id, generation)
  VALUES (NEW.tenant_id, NEW.owning_authority_id, 1)
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
  INSERT INTO case_list_generations (tenant_id, authority_id, generation)
  SELECT OLD.tenant_id, OLD.owning_authority_id, 1
  WHERE OLD.owning_authority_id <> NEW.owning_authority_id
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER exit_cases_list_delete AFTER DELETE ON exit_cases
BEGIN
  INSERT INTO case_list_generations (tenant_id, authority_id, generation)
  VALUES (OLD.tenant_id, OLD.owning_authority_id, 1)
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER person_staff_list_insert AFTER INSERT ON person_staff
BEGIN
  INSERT INTO case_list_generations (tenant_id, authority_id, generation)
  SELECT p.tenant_id, p.owning_authority_id, 1 FROM persons p
  WHERE p.tenant_id = NEW.tenant_id AND p.person_id = NEW.person_id
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER person_staff_list_update AFTER UPDATE ON person_staff
BEGIN
  INSERT INTO case_list_generations (tenant_id, authority_id, generation)
  SELECT p.tenant_id, p.owning_authority_id, 1 FROM persons p
  WHERE p.tenant_id = NEW.tenant_id AND p.person_id = NEW.person_id
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER person_staff_list_delete AFTER DELETE ON person_staff
BEGIN
  INSERT INTO case_list_generations (tenant_id, authority_id, generation)
  SELECT p.tenant_id, p.owning_authority_id, 1 FROM persons p
  WHERE p.tenant_id = OLD.tenant_id AND p.person_id = OLD.person_id
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER persons_list_update AFTER UPDATE ON persons
BEGIN
  INSERT INTO case_list_generations (tenant_id, authority_id, generation)
  VALUES (NEW.tenant_id, NEW.owning_authority_id, 1)
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
  INSERT INTO case_list_generations (tenant_id, authority_id, generation)
  SELECT OLD.tenant_id, OLD.owning_authority_id, 1
  WHERE OLD.owning_authority_id <> NEW.owning_authority_id
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER persons_list_delete AFTER DELETE ON persons
BEGIN
  INSERT INTO case_list_generations (tenant_id, authority_id, generation)
  VALUES (OLD.tenant_id, OLD.owning_authority_id, 1)
  ON CONFLICT (tenant_id, authority_id) DO UPDATE SET generation = generation + 1;
END;

-- A coordinator's name or unit shows in (and filters) the lists of any authority whose cases
-- they hold; such changes are rare, so every list of the tenant starts over.
CREATE TRIGGER users_list_update AFTER UPDATE OF display_name, unit_id ON users
BEGIN
  UPDATE case_list_generations SET generation = generation + 1
  WHERE tenant_id = NEW.tenant_id;
END;
