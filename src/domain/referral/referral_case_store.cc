#include "domain/referral/referral_case_store.h"

namespace fyren::referral {
namespace {

constexpr std::string_view kInsertCaseLink =
    "INSERT INTO referral_cases (tenant_id, referral_id, case_id, case_public_id, case_number, "
    "user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";

constexpr std::string_view kCaseLinkOfReferral =
    "SELECT case_id, case_public_id, case_number, user_id, created_at FROM referral_cases "
    "WHERE tenant_id = $1 AND referral_id = $2";

constexpr std::string_view kReferralOfCase =
    "SELECT r.public_id FROM referral_cases c JOIN referrals r ON r.tenant_id = c.tenant_id AND "
    "r.referral_id = c.referral_id WHERE c.tenant_id = $1 AND c.case_id = $2";

}  // namespace

base::Status ReferralCaseStore::Insert(storage::Transaction& tx, base::TenantId tenant,
                                       std::int64_t referral_id, const CaseLink& link) {
  auto done =
      tx.Execute(kInsertCaseLink, {tenant.value(), referral_id, link.case_id, link.case_public_id,
                                   link.case_number, link.user_id, link.created_at});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Result<std::optional<CaseLink>> ReferralCaseStore::ForReferral(storage::Transaction& tx,
                                                                     base::TenantId tenant,
                                                                     std::int64_t referral_id) {
  auto rows = tx.Query(kCaseLinkOfReferral, {tenant.value(), referral_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<CaseLink>();
  const storage::Row& row = rows->front();
  return std::optional(CaseLink{.case_id = row.Int(0),
                                .case_public_id = row.Text(1),
                                .case_number = row.Text(2),
                                .user_id = row.Int(3),
                                .created_at = row.Int(4)});
}

base::Result<std::optional<std::string>> ReferralCaseStore::ReferralOfCase(storage::Transaction& tx,
                                                                           base::TenantId tenant,
                                                                           std::int64_t case_id) {
  auto rows = tx.Query(kReferralOfCase, {tenant.value(), case_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<std::string>();
  return std::optional(rows->front().Text(0));
}

}  // namespace fyren::referral
