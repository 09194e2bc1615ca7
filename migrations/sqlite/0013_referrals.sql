-- Referrals (issue 5 §4; tables in 0010_concerns.sql): the recipient's start page and inbox count
-- the referrals still waiting for them ("sent") per receiving organisation.
CREATE INDEX referrals_recipient_status ON referrals (tenant_id, recipient_id, status);
