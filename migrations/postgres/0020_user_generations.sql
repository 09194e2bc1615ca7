-- A user's generation (issue 3 and 4, Speed): a number per user, incremented in the same
-- transaction as every change to the user's row or roles. With the organisation tree's
-- generation (0018) it says whether what a signed-in request needs of its user (unit, authority,
-- roles, active, locked, demo: AccountStore::FindSessionUser) is still what a server read
-- before, so the server keeps it in memory between requests (accounts/session_user_cache.h) and
-- a change through any server, or by hand, shows at the user's next request.
CREATE TABLE user_generations (
  tenant_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  generation BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);

CREATE FUNCTION user_generation_bump(tenant BIGINT, u BIGINT) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO user_generations (tenant_id, user_id, generation) VALUES (tenant, u, 1)
  ON CONFLICT (tenant_id, user_id) DO UPDATE SET generation = user_generations.generation + 1;
$$;

-- users and user_roles both carry (tenant_id, user_id).
CREATE FUNCTION user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM user_generation_bump(NEW.tenant_id, NEW.user_id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM user_generation_bump(OLD.tenant_id, OLD.user_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_generation
  AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION user_changed();

CREATE TRIGGER user_roles_generation
  AFTER INSERT OR UPDATE OR DELETE ON user_roles
  FOR EACH ROW EXECUTE FUNCTION user_changed();

-- Users that exist already start at a number of their own.
INSERT INTO user_generations (tenant_id, user_id, generation)
SELECT tenant_id, user_id, 1 FROM users;
