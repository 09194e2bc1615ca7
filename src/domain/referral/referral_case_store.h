#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::referral {

// The exit case an accepted adult_support referral was continued in (referral_cases, migration
// 0015). The case number and public id are not personal data.
struct CaseLink {
  std::int64_t case_id = 0;
  std::string case_public_id;
  std::string case_number;
  std::int64_t user_id = 0;
  std::int64_t created_at = 0;
};

// SQL for referral_cases, and nothing else. Every function runs inside the caller's
// transaction. Stateless.
class ReferralCaseStore {
 public:
  // kConflict when the referral already has a case (the primary key).
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, base::TenantId tenant,
                                           std::int64_t referral_id, const CaseLink& link);
  [[nodiscard]] static base::Result<std::optional<CaseLink>> ForReferral(storage::Transaction& tx,
                                                                         base::TenantId tenant,
                                                                         std::int64_t referral_id);
  // The public id of the referral a case was started from, if any.
  [[nodiscard]] static base::Result<std::optional<std::string>> ReferralOfCase(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t case_id);
};

}  // namespace fyren::referral
