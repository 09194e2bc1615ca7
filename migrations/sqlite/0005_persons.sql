-- The person register (DESIGN.md, Tenancy and Data protection): a person is owned by one
-- authority (a social committee, a secrecy boundary); the same human registered by two committees
-- is two rows. Names, identity numbers, languages, contact details and the emergency-access reason
-- are sealed with XChaCha20-Poly1305 bound to (tenant, table, column, row id)
-- (src/domain/person/person_columns.h). Exact identity-number lookup uses a keyed blind index,
-- never plaintext. The columns the access policy needs (owning authority, protected identity, the
-- case team) are plain so a decision costs one indexed read.

CREATE TABLE persons (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  person_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  owning_authority_id BIGINT NOT NULL,
  identity_kind TEXT NOT NULL
    CHECK (identity_kind IN ('personnummer', 'samordningsnummer', 'reserve', 'alias')),
  -- Sealed normalised number (12 digits, or the reserve number as written); NULL for an alias.
  identity_number BLOB,
  -- Keyed BLAKE2b of the normalised number; NULL for an alias (nothing to match on).
  identity_blind_index BLOB,
  given_name BLOB,
  family_name BLOB,
  alias BLOB,
  -- Plain: lists show initials and birth year, and statistics use age bands.
  birth_year BIGINT,
  gender TEXT NOT NULL DEFAULT 'not_stated'
    CHECK (gender IN ('woman', 'man', 'non_binary', 'other', 'not_stated')),
  -- Sealed comma-separated language codes (ISO 639-1): a language can point to an origin.
  languages BLOB,
  interpreter_needed BIGINT NOT NULL DEFAULT 0 CHECK (interpreter_needed IN (0, 1)),
  protected_identity BIGINT NOT NULL DEFAULT 0 CHECK (protected_identity IN (0, 1)),
  phone BLOB,
  email BLOB,
  address BLOB,
  created_by BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, person_id),
  UNIQUE (tenant_id, public_id),
  FOREIGN KEY (tenant_id, owning_authority_id) REFERENCES organisations (tenant_id, organisation_id)
);

-- One identity number is registered once per authority (search before create catches it first;
-- this index catches two registrations racing). Aliases have no index value and never collide.
CREATE UNIQUE INDEX persons_identity ON persons (tenant_id, owning_authority_id,
  identity_blind_index);
CREATE INDEX persons_authority ON persons (tenant_id, owning_authority_id);

-- The case team (on_team) and the protected person's named-staff list (named_for_protected).
CREATE TABLE person_staff (
  tenant_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  on_team BIGINT NOT NULL DEFAULT 1 CHECK (on_team IN (0, 1)),
  named_for_protected BIGINT NOT NULL DEFAULT 0 CHECK (named_for_protected IN (0, 1)),
  added_by BIGINT NOT NULL,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, person_id, user_id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, person_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id)
);

CREATE INDEX person_staff_user ON person_staff (tenant_id, user_id);

-- Nödåtkomst: a time-limited opening of one person's record for one user, with a reason
-- (category code + sealed free text), shown to the authority's log reviewers.
CREATE TABLE emergency_access_grants (
  tenant_id BIGINT NOT NULL,
  grant_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  reason_category TEXT NOT NULL CHECK (reason_category IN ('immediate_danger', 'urgent_support',
    'colleague_absent', 'other')),
  reason_text BLOB NOT NULL,
  granted_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, grant_id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, person_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id)
);

CREATE INDEX emergency_access_grants_person_user ON emergency_access_grants (tenant_id, person_id,
  user_id, expires_at);
