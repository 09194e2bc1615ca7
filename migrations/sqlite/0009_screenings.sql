-- Recorded screenings (issue 5 §2): a structured set of questions asked of or about someone, the
-- level the server computed from the instrument's rules, and who recorded it. Against a
-- registered person (person_id) or anonymously (age band, gender and setting only: no names).
-- The answers are sealed JSON bound to (tenant, screenings, answers, screening id)
-- (src/domain/screening/screening_columns.h). Level, subject kind and instrument are plain: the
-- recommendation and the follow-up links (report of concern, referral) are computed from them,
-- and statistics count them without opening the answers.

CREATE TABLE screenings (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  screening_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  owning_authority_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  recorded_by BIGINT NOT NULL,
  -- NULL for an anonymous screening.
  person_id BIGINT,
  age_band TEXT CHECK (age_band IS NULL OR age_band IN
    ('under_13', '13_15', '16_17', '18_20', '21_29', '30_49', '50_plus', 'unknown')),
  gender TEXT CHECK (gender IS NULL OR gender IN
    ('woman', 'man', 'non_binary', 'other', 'not_stated')),
  setting TEXT CHECK (setting IS NULL OR setting IN
    ('school', 'social_services', 'disability_support', 'health_care', 'outreach', 'other')),
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('at_risk', 'exploits_others')),
  instrument_id TEXT NOT NULL,
  instrument_version BIGINT NOT NULL,
  score BIGINT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('no_concern', 'possible_concern', 'clear_concern')),
  answers BLOB NOT NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, screening_id),
  UNIQUE (tenant_id, public_id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, person_id),
  FOREIGN KEY (tenant_id, recorded_by) REFERENCES users (tenant_id, user_id),
  FOREIGN KEY (tenant_id, owning_authority_id) REFERENCES organisations (tenant_id, organisation_id),
  -- Anonymous means exactly that: no person, and then the three describing fields are given.
  CHECK (person_id IS NOT NULL OR (age_band IS NOT NULL AND gender IS NOT NULL AND setting IS NOT NULL))
);

CREATE INDEX screenings_person ON screenings (tenant_id, person_id, recorded_at);
CREATE INDEX screenings_recorded_by ON screenings (tenant_id, recorded_by, recorded_at);
