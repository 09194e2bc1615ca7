-- One-time invitation links (issue 3, item 2). An administrator invites a user; the user opens
-- the link once to choose a password, then signs in and enrols TOTP. Only a BLAKE2b hash of the
-- token is kept (like sessions and recovery codes), so a leaked database or backup holds no live
-- link. An invite ends when it is used, revoked (a new invite for the same user revokes the old
-- one) or expired (72 hours); rows stay as history.

CREATE TABLE invites (
  tenant_id BIGINT NOT NULL,
  invite_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  token_hash BYTEA NOT NULL UNIQUE,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  revoked_at BIGINT,
  PRIMARY KEY (tenant_id, invite_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id)
);

CREATE INDEX invites_user ON invites (tenant_id, user_id);
