#include "domain/tasks/scheduler_store.h"

namespace fyren::tasks {
namespace {

constexpr std::string_view kFindJobRow =
    "SELECT 1 FROM job_runs WHERE tenant_id = $1 AND job_name = $2";

constexpr std::string_view kEnsureJobRow =
    "INSERT INTO job_runs (tenant_id, job_name) VALUES ($1, $2) "
    "ON CONFLICT (tenant_id, job_name) DO NOTHING";

// SKIP LOCKED: a second server does not queue behind the first; it sees no row and skips.
constexpr std::string_view kLockJobRowPostgres =
    "SELECT last_run_at FROM job_runs WHERE tenant_id = $1 AND job_name = $2 "
    "FOR UPDATE SKIP LOCKED";
constexpr std::string_view kLockJobRowSqlite =
    "SELECT last_run_at FROM job_runs WHERE tenant_id = $1 AND job_name = $2";

constexpr std::string_view kRecordRun =
    "UPDATE job_runs SET holder = $3, last_run_at = $4 WHERE tenant_id = $1 AND job_name = $2";

constexpr std::string_view kDueFollowUps =
    "SELECT s.sip_id, s.case_id, c.responsible_user_id, s.next_follow_up_on FROM sips s "
    "JOIN exit_cases c ON c.tenant_id = s.tenant_id AND c.case_id = s.case_id "
    "WHERE s.tenant_id = $1 AND s.next_follow_up_on IS NOT NULL AND s.next_follow_up_on <> '' "
    "AND s.next_follow_up_on <= $2 AND c.status <> 'closed' ORDER BY s.sip_id";

constexpr std::string_view kEndingInterventions =
    "SELECT i.sip_id, s.case_id, c.responsible_user_id, i.intervention_key, i.catalogue_code, "
    "i.planned_end_on FROM sip_interventions i "
    "JOIN sips s ON s.tenant_id = i.tenant_id AND s.sip_id = i.sip_id "
    "JOIN exit_cases c ON c.tenant_id = s.tenant_id AND c.case_id = s.case_id "
    "WHERE i.tenant_id = $1 AND i.status = 'active' AND i.planned_end_on IS NOT NULL "
    "AND i.planned_end_on <> '' AND i.planned_end_on <= $2 AND c.status <> 'closed' "
    "ORDER BY i.sip_id, i.intervention_key";

constexpr std::string_view kExpiringConsents =
    "SELECT k.consent_id, k.case_id, c.responsible_user_id, k.purpose, k.expires_at "
    "FROM consents k JOIN exit_cases c ON c.tenant_id = k.tenant_id AND c.case_id = k.case_id "
    "WHERE k.tenant_id = $1 AND k.withdrawn_at IS NULL AND k.expires_at IS NOT NULL "
    "AND k.expires_at > $2 AND k.expires_at <= $3 AND c.status <> 'closed' "
    "ORDER BY k.consent_id";

}  // namespace

base::Status SchedulerStore::EnsureJob(storage::Transaction& tx, base::TenantId tenant,
                                       std::string_view job_name) {
  // Look before inserting: on PostgreSQL an INSERT that meets a row another pass is updating
  // waits for that pass to end, while a plain read does not.
  auto existing = tx.Query(kFindJobRow, {tenant.value(), job_name});
  if (!existing) return std::unexpected(existing.error());
  if (!existing->empty()) return base::Ok();
  if (auto ensured = tx.Execute(kEnsureJobRow, {tenant.value(), job_name}); !ensured) {
    return std::unexpected(ensured.error());
  }
  return base::Ok();
}

base::Result<bool> SchedulerStore::ClaimPass(storage::Transaction& tx, base::TenantId tenant,
                                             std::string_view job_name, std::string_view holder,
                                             std::int64_t now_us, std::int64_t min_gap_us) {
  const std::string_view lock =
      tx.backend() == storage::Backend::kPostgres ? kLockJobRowPostgres : kLockJobRowSqlite;
  auto rows = tx.Query(lock, {tenant.value(), job_name});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return false;  // another server holds the lease right now
  if (min_gap_us > 0 && now_us - rows->front().Int(0) < min_gap_us) return false;
  if (auto recorded = tx.Execute(kRecordRun, {tenant.value(), job_name, holder, now_us});
      !recorded) {
    return std::unexpected(recorded.error());
  }
  return true;
}

base::Result<std::vector<DueFollowUp>> SchedulerStore::DueFollowUps(storage::Transaction& tx,
                                                                    base::TenantId tenant,
                                                                    std::string_view until_date) {
  auto rows = tx.Query(kDueFollowUps, {tenant.value(), until_date});
  if (!rows) return std::unexpected(rows.error());
  std::vector<DueFollowUp> due;
  for (const storage::Row& row : *rows) {
    due.push_back(DueFollowUp{.sip_id = row.Int(0),
                              .case_id = row.Int(1),
                              .coordinator_user_id = row.Int(2),
                              .follow_up_on = row.Text(3)});
  }
  return due;
}

base::Result<std::vector<EndingIntervention>> SchedulerStore::EndingInterventions(
    storage::Transaction& tx, base::TenantId tenant, std::string_view until_date) {
  auto rows = tx.Query(kEndingInterventions, {tenant.value(), until_date});
  if (!rows) return std::unexpected(rows.error());
  std::vector<EndingIntervention> due;
  for (const storage::Row& row : *rows) {
    due.push_back(EndingIntervention{.sip_id = row.Int(0),
                                     .case_id = row.Int(1),
                                     .coordinator_user_id = row.Int(2),
                                     .intervention_key = row.Text(3),
                                     .catalogue_code = row.Text(4),
                                     .planned_end_on = row.Text(5)});
  }
  return due;
}

base::Result<std::vector<ExpiringConsent>> SchedulerStore::ExpiringConsents(
    storage::Transaction& tx, base::TenantId tenant, std::int64_t now_us, std::int64_t until_us) {
  auto rows = tx.Query(kExpiringConsents, {tenant.value(), now_us, until_us});
  if (!rows) return std::unexpected(rows.error());
  std::vector<ExpiringConsent> due;
  for (const storage::Row& row : *rows) {
    due.push_back(ExpiringConsent{.consent_id = row.Int(0),
                                  .case_id = row.Int(1),
                                  .coordinator_user_id = row.Int(2),
                                  .purpose = row.Text(3),
                                  .expires_at = row.Int(4)});
  }
  return due;
}

}  // namespace fyren::tasks
