-- An accepted adult_support referral continued in an exit case (issue 5 §4: "an adult: into an
-- exit case"). One row per referral, written in the same transaction as the case and the
-- referral's move to "done" (ExitCaseService::Open with a referral, referral::CaseHandover).
-- The case number and public id are kept here so the referral module shows the recipient the
-- case without reading the exit case tables; neither is personal data. The sender never sees
-- this row's case columns (secrecy between committees).
CREATE TABLE referral_cases (
  tenant_id BIGINT NOT NULL,
  referral_id BIGINT NOT NULL,
  case_id BIGINT NOT NULL,
  case_public_id TEXT NOT NULL,
  case_number TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, referral_id),
  FOREIGN KEY (tenant_id, referral_id) REFERENCES referrals (tenant_id, referral_id)
);

CREATE INDEX referral_cases_case ON referral_cases (tenant_id, case_id);
