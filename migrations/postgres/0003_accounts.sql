-- Local accounts, their roles, second factor (TOTP) and recovery codes; server-side sessions;
-- sign-in throttling counters (DESIGN.md: rate-limit counters live in the database so every
-- server sees them). No token or code is stored in clear: sessions and recovery codes keep a
-- BLAKE2b hash, TOTP secrets are sealed (XChaCha20-Poly1305) bound to their row.

CREATE TABLE users (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  user_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  unit_id BIGINT NOT NULL,
  password_hash TEXT NOT NULL,
  -- The confirmed TOTP secret, sealed; NULL until the user has enrolled.
  totp_secret BYTEA,
  -- A secret shown as a QR code but not yet confirmed with a code from the app.
  totp_pending_secret BYTEA,
  -- The last TOTP time step accepted, so a code cannot be used twice.
  totp_last_step BIGINT NOT NULL DEFAULT 0,
  totp_enrolled_at BIGINT,
  is_demo BIGINT NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  locked_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, user_id),
  UNIQUE (tenant_id, public_id),
  UNIQUE (tenant_id, username),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES organisations (tenant_id, organisation_id)
);

CREATE TABLE user_roles (
  tenant_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('system_administrator', 'authority_administrator',
    'coordinator', 'social_worker', 'intake_worker', 'school_health_staff', 'barnahus_staff',
    'competence_centre_staff', 'outreach_worker', 'analyst', 'log_reviewer',
    'external_partner')),
  PRIMARY KEY (tenant_id, user_id, role),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id)
);

-- Single-use codes for when the authenticator app is lost; only their hash is kept.
CREATE TABLE recovery_codes (
  tenant_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  code_hash BYTEA NOT NULL,
  created_at BIGINT NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (tenant_id, user_id, code_hash),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id)
);

-- stage: 'password' (password checked, TOTP code next), 'enroll' (password checked, TOTP must be
-- set up first) or 'full'. Only 'full' sessions may see anything beyond the sign-in pages.
CREATE TABLE sessions (
  tenant_id BIGINT NOT NULL,
  session_id BIGINT NOT NULL,
  token_hash BYTEA NOT NULL UNIQUE,
  public_handle TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('password', 'enroll', 'full')),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  authenticated_at BIGINT NOT NULL,
  mfa_at BIGINT,
  ended_at BIGINT,
  end_reason TEXT,
  PRIMARY KEY (tenant_id, session_id),
  UNIQUE (tenant_id, public_handle),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id)
);

CREATE INDEX sessions_user ON sessions (tenant_id, user_id);

-- Failed sign-ins per subject: 'a:<user id>' for an account, 'i:<hash of the address>' for a
-- client address (a hash, so the table holds no addresses). Old rows are pruned.
CREATE TABLE sign_in_failures (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  subject TEXT NOT NULL,
  failures BIGINT NOT NULL,
  window_started_at BIGINT NOT NULL,
  last_failure_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, subject)
);
