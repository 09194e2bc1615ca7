#include "domain/concern/queue_cache.h"

#include <algorithm>

namespace fyren::concern {

bool QueueCache::Entry::Holds(std::int64_t generation_now, std::int64_t now_us) const {
  return generation == generation_now && now_us >= read_at &&
         (!counts.next_change || now_us < *counts.next_change);
}

base::Result<QueueCounts> QueueCache::Counts(storage::Transaction& tx, base::TenantId tenant,
                                             base::OrganisationId authority,
                                             std::int64_t generation, std::int64_t now_us) {
  const std::pair key{tenant.value(), authority.value()};
  {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(key);
    if (found != entries_.end() && found->second.Holds(generation, now_us)) {
      return found->second.counts;
    }
  }
  auto counts = ConcernStore::CountQueueByStatus(tx, tenant, authority, now_us);
  if (!counts) return std::unexpected(counts.error());
  const std::lock_guard lock(mutex_);
  entries_[key] =
      Entry{.generation = generation, .read_at = now_us, .counts = *counts, .pages = {}};
  return counts;
}

base::Result<QueueSnapshot> QueueCache::Get(storage::Transaction& tx, base::TenantId tenant,
                                            base::OrganisationId authority,
                                            const QueueFilter& filter, std::int64_t now_us) {
  // The generation first: what is read after it is at least as new, so a write that lands in
  // between only costs one more read at the next view, never a stale queue.
  auto generation = ConcernStore::QueueGeneration(tx, tenant, authority);
  if (!generation) return std::unexpected(generation.error());
  auto counts = Counts(tx, tenant, authority, *generation, now_us);
  if (!counts) return std::unexpected(counts.error());

  QueueSnapshot snapshot;
  const std::int64_t total = counts->Total(filter.status, filter.overdue_only);
  snapshot.pages =
      static_cast<int>(std::max<std::int64_t>(1, (total + kQueuePageSize - 1) / kQueuePageSize));
  snapshot.page = std::clamp(filter.page, 1, snapshot.pages);
  snapshot.counts = std::move(*counts);

  const std::pair key{tenant.value(), authority.value()};
  const PageKey page_key{filter.status ? static_cast<int>(*filter.status) : -1, filter.overdue_only,
                         snapshot.page};
  {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(key);
    if (found != entries_.end() && found->second.Holds(*generation, now_us)) {
      const auto page = found->second.pages.find(page_key);
      if (page != found->second.pages.end()) {
        snapshot.rows = page->second.rows;
        snapshot.rows_version = page->second.version;
        return snapshot;
      }
    }
  }
  auto rows = ConcernStore::Queue(tx, tenant, authority, filter.status, filter.overdue_only, now_us,
                                  kQueuePageSize, (snapshot.page - 1) * kQueuePageSize);
  if (!rows) return std::unexpected(rows.error());
  snapshot.rows = std::make_shared<const std::vector<QueueStoredRow>>(std::move(*rows));
  const std::lock_guard lock(mutex_);
  const auto found = entries_.find(key);
  // Kept only beside the counts it was read with; if another view replaced them meanwhile, this
  // page is still right for this view but is not kept.
  if (found != entries_.end() && found->second.Holds(*generation, now_us)) {
    auto& pages = found->second.pages;
    if (pages.size() >= kMaxPages) pages.clear();
    snapshot.rows_version = ++last_version_;
    pages[page_key] = KeptPage{.rows = snapshot.rows, .version = snapshot.rows_version};
  }
  return snapshot;
}

}  // namespace fyren::concern
