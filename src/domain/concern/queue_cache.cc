#include "domain/concern/queue_counts_cache.h"

namespace fyren::concern {

base::Result<QueueCounts> QueueCountsCache::Get(storage::Transaction& tx, base::TenantId tenant,
                                                base::OrganisationId authority,
                                                std::int64_t now_us) {
  // The generation first: counts read after it are at least as new, so a write that lands in
  // between only costs one more count at the next view, never a stale figure.
  auto generation = ConcernStore::QueueGeneration(tx, tenant, authority);
  if (!generation) return std::unexpected(generation.error());
  const std::pair key{tenant.value(), authority.value()};
  {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(key);
    if (found != entries_.end()) {
      const Entry& e = found->second;
      if (e.generation == *generation && now_us >= e.counted_at &&
          (!e.counts.next_change || now_us < *e.counts.next_change)) {
        return e.counts;
      }
    }
  }
  auto counts = ConcernStore::CountQueueByStatus(tx, tenant, authority, now_us);
  if (!counts) return std::unexpected(counts.error());
  const std::lock_guard lock(mutex_);
  entries_[key] = Entry{.generation = *generation, .counted_at = now_us, .counts = *counts};
  return counts;
}

}  // namespace fyren::concern
