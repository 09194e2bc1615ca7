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

CREATE FUNCTION case_list_bump(tenant BIGINT, authority BIGINT) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO case_list_generations (tenant_id, authority_id, generation)
  VALUES (tenant, authority, 1)
  ON CONFLICT (tenant_id, authority_id)
  DO UPDATE SET generation = case_list_generations.generation + 1;
$$;

CREATE FUNCTION exit_cases_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM case_list_bump(NEW.tenant_id, NEW.owning_authority_id);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM case_list_bump(NEW.tenant_id, NEW.owning_authority_id);
    IF OLD.owning_authority_id <> NEW.owning_authority_id THEN
      PERFORM case_list_bump(OLD.tenant_id, OLD.owning_authority_id);
    END IF;
  ELSE
    PERFORM case_list_bump(OLD.tenant_id, OLD.owning_authority_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER exit_cases_list
  AFTER INSERT OR UPDATE OR DELETE ON exit_cases
  FOR EACH ROW EXECUTE FUNCTION exit_cases_list_changed();

CREATE FUNCTION person_staff_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t BIGINT;
  person BIGINT;
  authority BIGINT;
BEGIN
  IF TG_OP = 'DELETE' THEN
    t := OLD.tenant_id;
    person := OLD.person_id;
  ELSE
    t := NEW.tenant_id;
    person := NEW.person_id;
  END IF;
  SELECT owning_authority_id INTO authority FROM persons
  WHERE tenant_id = t AND person_id = person;
  IF FOUND THEN
    PERFORM case_list_bump(t, authority);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER person_staff_list
  AFTER INSERT OR UPDATE OR DELETE ON person_staff
  FOR EACH ROW EXECUTE FUNCTION person_staff_list_changed();

CREATE FUNCTION persons_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM case_list_bump(NEW.tenant_id, NEW.owning_authority_id);
    IF OLD.owning_authority_id <> NEW.owning_authority_id THEN
      PERFORM case_list_bump(OLD.tenant_id, OLD.owning_authority_id);
    END IF;
  ELSE
    PERFORM case_list_bump(OLD.tenant_id, OLD.owning_authority_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER persons_list
  AFTER UPDATE OR DELETE ON persons
  FOR EACH ROW EXECUTE FUNCTION persons_list_changed();

-- A coordinator's name or unit shows in (and filters) the lists of any authority whose cases
-- they hold; such changes are rare, so every list of the tenant starts over.
CREATE FUNCTION users_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_list_generations SET generation = generation + 1 WHERE tenant_id = NEW.tenant_id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_list
  AFTER UPDATE OF display_name, unit_id ON users
  FOR EACH ROW EXECUTE FUNCTION users_list_changed();
