#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "domain/stats/stat_fact.h"
#include "storage/database.h"

namespace fyren::stats {

// One counted category in one period (for statistics pages and tests).
struct FactCount {
  std::string category;
  std::int64_t count = 0;
};

// SQL for stat_facts (migrations/*/0012_tasks.sql). Runs in the caller's transaction; scoped by
// tenant. Failures: database errors pass through; a fact with an unknown age band or gender
// code violates the table's CHECK and fails the caller's transaction.
class FactStore {
 public:
  // Writes `fact`. The row gets a random id and the start of the UTC day of `now_us` as its
  // time, so it cannot be joined back to the audit trail or a case by its timing.
  [[nodiscard]] static base::Status Record(storage::Transaction& tx, base::TenantId tenant,
                                           const StatFact& fact, std::int64_t now_us);

  // Facts per category in `period` for `authority_id`, by category.
  [[nodiscard]] static base::Result<std::vector<FactCount>> CountByCategory(
      storage::Transaction& tx, base::TenantId tenant, std::string_view period,
      std::int64_t authority_id);
};

}  // namespace fyren::stats
