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
) WITHOUT ROWID;

CREATE TRIGGER users_generation_update AFTER UPDATE ON users
BEGIN
  INSERT INTO user_generations (tenant_id, user_id, generation)
  VALUES (NEW.tenant_id, NEW.user_id, 1)
  ON CONFLICT (tenant_id, user_id) DO UPDATE SET generation = generation + 1;
  INSERT INTO user_generations (tenant_id, user_id, generation)
  VALUES (OLD.tenant_id, OLD.user_id, 1)
  ON CONFLICT (tenant_id, user_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER users_generation_delete AFTER DELETE ON users
BEGIN
  INSERT INTO user_generations (tenant_id, user_id, generation)
  VALUES (OLD.tenant_id, OLD.user_id, 1)
  ON CONFLICT (tenant_id, user_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER user_roles_generation_insert AFTER INSERT ON user_roles
BEGIN
  INSERT INTO user_generations (tenant_id, user_id, generation)
  VALUES (NEW.tenant_id, NEW.user_id, 1)
  ON CONFLICT (tenant_id, user_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER user_roles_generation_update AFTER UPDATE ON user_roles
BEGIN
  INSERT INTO user_generations (tenant_id, user_id, generation)
  VALUES (NEW.tenant_id, NEW.user_id, 1)
  ON CONFLICT (tenant_id, user_id) DO UPDATE SET generation = generation + 1;
  INSERT INTO user_generations (tenant_id, user_id, generation)
  VALUES (OLD.tenant_id, OLD.user_id, 1)
  ON CONFLICT (tenant_id, user_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER user_roles_generation_delete AFTER DELETE ON user_roles
BEGIN
  INSERT INTO user_generations (tenant_id, user_id, generation)
  VALUES (OLD.tenant_id, OLD.user_id, 1)
  ON CONFLICT (tenant_id, user_id) DO UPDATE SET generation = generation + 1;
END;

-- Users that exist already start at a number of their own.
INSERT INTO user_generations (tenant_id, user_id, generation)
SELECT tenant_id, user_id, 1 FROM users;
