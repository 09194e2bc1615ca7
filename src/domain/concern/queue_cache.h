#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "domain/concern/concern.h"
#include "domain/concern/concern_store.h"
#include "storage/database.h"

namespace fyren::concern {

// What one view of the intake queue shows, as read from the store: the authority's counts and
// one page of rows (reference, district, status, deadlines: no sealed column, nothing opened).
struct QueueSnapshot {
  QueueCounts counts;
  int page = 1;  // the asked page, clamped to the pages there are
  int pages = 1;
  std::shared_ptr<const std::vector<QueueStoredRow>> rows;
  // Nonzero when the rows are the cache's kept page: the same number for every view the page
  // serves, a new number for every page read (QueuePage::rows_version).
  std::uint64_t rows_version = 0;
};

// The intake queue per (tenant, authority), kept in this process between views (issue 5, Speed:
// counting and reading a page of 10,000 reports was most of a view's time).
//
// What is kept is used while both hold:
//  - the authority's queue generation in the database is the one it was read at. Triggers
//    (migrations/*/0014) move it on in the transaction of every change to the authority's
//    reports or deadlines, so a write through another server on the same PostgreSQL is seen at
//    the next view;
//  - the clock has not reached the earliest due or escalation time among the authority's unmet
//    deadlines (which reports are overdue or escalated changes with time alone), nor gone back
//    before the moment of reading.
// Otherwise the counts (one grouped query) and the asked page are read again and replace what
// was kept. A view costs one point lookup when nothing changed. The rows hold no personal data
// in clear: the queue opens no sealed column.
//
// Thread-safe: the map is guarded; two views that miss at once both read, and either result is
// right for its generation.
class QueueCache {
 public:
  // The counts and the filter's page at `now_us`, inside the caller's (read) transaction.
  [[nodiscard]] base::Result<QueueSnapshot> Get(storage::Transaction& tx, base::TenantId tenant,
                                                base::OrganisationId authority,
                                                const QueueFilter& filter, std::int64_t now_us);

 private:
  // (status as a number, -1 for every status; overdue only; page)
  using PageKey = std::tuple<int, bool, int>;
  // Pages kept per authority before they are all dropped: a bound on memory for a user who pages
  // through everything, far above what the intake of one committee looks at between changes.
  static constexpr std::size_t kMaxPages = 64;

  struct KeptPage {
    std::shared_ptr<const std::vector<QueueStoredRow>> rows;
    std::uint64_t version = 0;
  };
  struct Entry {
    std::int64_t generation = 0;
    std::int64_t read_at = 0;
    QueueCounts counts;
    std::map<PageKey, KeptPage> pages;

    [[nodiscard]] bool Holds(std::int64_t generation_now, std::int64_t now_us) const;
  };
  // The entry for the key, current at `generation` and `now_us` (counts read again if not).
  base::Result<QueueCounts> Counts(storage::Transaction& tx, base::TenantId tenant,
                                   base::OrganisationId authority, std::int64_t generation,
                                   std::int64_t now_us);

  std::mutex mutex_;
  std::map<std::pair<std::int64_t, std::int64_t>, Entry> entries_;
  std::uint64_t last_version_ = 0;  // guarded by mutex_
};

}  // namespace fyren::concern
