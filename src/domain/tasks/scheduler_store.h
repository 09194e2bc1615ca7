#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::tasks {

// A SIP whose next follow-up is due (sips.next_follow_up_on), in a case that is not closed.
struct DueFollowUp {
  std::int64_t sip_id = 0;
  std::int64_t case_id = 0;
  std::int64_t coordinator_user_id = 0;  // exit_cases.responsible_user_id
  std::string follow_up_on;              // 'YYYY-MM-DD'
};

// An active intervention whose planned end is near (sip_interventions.planned_end_on).
struct EndingIntervention {
  std::int64_t sip_id = 0;
  std::int64_t case_id = 0;
  std::int64_t coordinator_user_id = 0;
  std::string intervention_key;
  std::string catalogue_code;
  std::string planned_end_on;  // 'YYYY-MM-DD'
};

// An active consent (not withdrawn, not yet expired) whose expiry is near.
struct ExpiringConsent {
  std::int64_t consent_id = 0;
  std::int64_t case_id = 0;
  std::int64_t coordinator_user_id = 0;
  std::string purpose;
  std::int64_t expires_at = 0;
};

// The SQL of the task scheduler's pass: the job lease (job_runs) and the due items it reads from
// the exit-case and SIP tables (migrations 0007, 0008). Runs in the caller's write transaction;
// scoped by tenant; reads no sealed column and no personal data.
class SchedulerStore {
 public:
  // Creates the tenant's job_runs row for `job_name` if it is missing. Commit this before a
  // pass: on PostgreSQL, a second server's insert of the same row would otherwise wait for the
  // first server's whole pass instead of skipping it.
  [[nodiscard]] static base::Status EnsureJob(storage::Transaction& tx, base::TenantId tenant,
                                              std::string_view job_name);
  // Takes the tenant's lease on `job_name` (the row EnsureJob made) for this transaction.
  // PostgreSQL: the row is locked with FOR UPDATE SKIP LOCKED, so while another server holds it
  // this returns false at once instead of waiting; SQLite: the write transaction already holds
  // the single writer lock. Also false when the row is missing, or when the job last ran less
  // than `min_gap_us` before `now_us` (several servers share one interval). On true, records
  // `holder` and `now_us` as the latest run.
  [[nodiscard]] static base::Result<bool> ClaimPass(storage::Transaction& tx, base::TenantId tenant,
                                                    std::string_view job_name,
                                                    std::string_view holder, std::int64_t now_us,
                                                    std::int64_t min_gap_us);

  // Follow-ups due on or before `until_date` ('YYYY-MM-DD').
  [[nodiscard]] static base::Result<std::vector<DueFollowUp>> DueFollowUps(
      storage::Transaction& tx, base::TenantId tenant, std::string_view until_date);
  // Active interventions planned to end on or before `until_date`.
  [[nodiscard]] static base::Result<std::vector<EndingIntervention>> EndingInterventions(
      storage::Transaction& tx, base::TenantId tenant, std::string_view until_date);
  // Active consents that expire after `now_us` and no later than `until_us`.
  [[nodiscard]] static base::Result<std::vector<ExpiringConsent>> ExpiringConsents(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t now_us, std::int64_t until_us);
};

}  // namespace fyren::tasks
