#include "domain/stats/fact_store.h"

#include <cstring>

#include "base/random.h"

namespace fyren::stats {
namespace {

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

constexpr std::string_view kInsert =
    "INSERT INTO stat_facts (tenant_id, fact_id, period, authority_id, district, age_band, "
    "gender, category, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

constexpr std::string_view kCountByCategory =
    "SELECT category, COUNT(*) FROM stat_facts WHERE tenant_id = $1 AND period = $2 "
    "AND authority_id = $3 GROUP BY category ORDER BY category";

// base::NewRowId carries the creation millisecond in its high bits; a fact must not.
std::int64_t RandomFactId() {
  const std::string bytes = base::RandomBytes(sizeof(std::uint64_t));
  std::uint64_t value = 0;
  std::memcpy(&value, bytes.data(), sizeof value);
  return static_cast<std::int64_t>(value >> 1U);  // positive
}

}  // namespace

base::Status FactStore::Record(storage::Transaction& tx, base::TenantId tenant,
                               const StatFact& fact, std::int64_t now_us) {
  const std::int64_t day_start = now_us - (now_us % kMicrosPerDay);
  auto inserted = tx.Execute(kInsert, {tenant.value(), RandomFactId(), fact.period,
                                       fact.authority_id, storage::Param(fact.district),
                                       fact.age_band, fact.gender, fact.category, day_start});
  if (!inserted) return std::unexpected(inserted.error());
  return base::Ok();
}

base::Result<std::vector<FactCount>> FactStore::CountByCategory(storage::Transaction& tx,
                                                                base::TenantId tenant,
                                                                std::string_view period,
                                                                std::int64_t authority_id) {
  auto rows = tx.Query(kCountByCategory, {tenant.value(), period, authority_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<FactCount> counts;
  for (const storage::Row& row : *rows) {
    counts.push_back(FactCount{.category = row.Text(0), .count = row.Int(1)});
  }
  return counts;
}

}  // namespace fyren::stats
