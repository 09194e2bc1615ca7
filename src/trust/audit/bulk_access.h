#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

namespace fyren::trust::audit {

// "Many records in a short time" (DESIGN.md, Audit): a user who touched more than `threshold`
// distinct persons within any `window`. Computed when a reviewer asks, from the entries already
// in the log, so the read path writes nothing extra for it.
struct BulkRule {
  std::int64_t threshold = 20;
  std::chrono::minutes window{10};
};

// One person-related entry: who, when (µs since the epoch), which person.
struct PersonAccess {
  std::int64_t user_id = 0;
  std::int64_t occurred_at = 0;
  std::int64_t person_id = 0;
};

// A run of bulk access by one user: from the first to the last entry of the windows that broke
// the rule (overlapping windows merge into one run), and the most distinct persons seen in one
// window.
struct BulkAccess {
  std::int64_t user_id = 0;
  std::int64_t from_us = 0;
  std::int64_t to_us = 0;
  std::int64_t distinct_persons = 0;
  bool operator==(const BulkAccess&) const = default;
};

// The runs in `accesses`, which must be sorted by (user_id, occurred_at); newest run first.
// O(n log n) time and O(persons in one window) memory. Pure; thread-safe.
[[nodiscard]] std::vector<BulkAccess> FindBulkAccess(std::span<const PersonAccess> accesses,
                                                     const BulkRule& rule);

}  // namespace fyren::trust::audit
