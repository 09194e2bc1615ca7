#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <utility>

#include "base/ids.h"
#include "base/result.h"
#include "domain/concern/concern_store.h"
#include "storage/database.h"

namespace fyren::concern {

// The intake queue's counts per (tenant, authority), kept in this process (issue 5, Speed: the
// counts were three scans of the authority's reports on every view).
//
// An entry is used while both hold:
//  - the authority's queue generation in the database is the one it was computed at. Triggers
//    (migrations/*/0014) move it on in the transaction of every change to the authority's
//    reports or deadlines, so a write through another server on the same PostgreSQL is seen at
//    the next view;
//  - the clock has not reached the earliest due or escalation time among the counted unmet
//    deadlines (overdue and escalated counts change with time alone), nor gone back before the
//    moment of counting.
// Otherwise the counts are taken again (one grouped query) and replace the entry. A view costs
// one point lookup when nothing changed.
//
// Thread-safe: the map is guarded; two views that miss at once both count, and either result is
// right for its generation.
class QueueCountsCache {
 public:
  // The counts at `now_us`, inside the caller's (read) transaction.
  [[nodiscard]] base::Result<QueueCounts> Get(storage::Transaction& tx, base::TenantId tenant,
                                              base::OrganisationId authority, std::int64_t now_us);

 private:
  struct Entry {
    std::int64_t generation = 0;
    std::int64_t counted_at = 0;
    QueueCounts counts;
  };
  std::mutex mutex_;
  std::map<std::pair<std::int64_t, std::int64_t>, Entry> entries_;
};

}  // namespace fyren::concern
