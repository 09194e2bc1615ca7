#include "domain/exit_case/case_list_cache.h"

#include <iterator>
#include <limits>
#include <utility>

namespace fyren::exit_case {

std::shared_ptr<const CaseListPage> CaseListCache::Find(const Key& key,
                                                        std::int64_t generation) const {
  const std::lock_guard lock(mutex_);
  const auto found = entries_.find(key);
  if (found == entries_.end() || found->second.generation != generation) return nullptr;
  return found->second.page;
}

std::uint64_t CaseListCache::Store(Key key, std::int64_t generation, CaseListPage page) {
  const std::lock_guard lock(mutex_);
  page.version = ++last_version_;
  if (entries_.size() >= kMaxPages) entries_.clear();
  // Pages of the authority listed before a change are never given out again: drop them now
  // rather than keep persons' initials in memory until their users come back.
  constexpr std::int64_t kLeast = std::numeric_limits<std::int64_t>::min();
  const Key first{.tenant = key.tenant,
                  .authority = key.authority,
                  .user = kLeast,
                  .unit = kLeast,
                  .unit_list = false,
                  .status = {},
                  .number_pattern = {},
                  .page = std::numeric_limits<int>::min()};
  for (auto it = entries_.lower_bound(first); it != entries_.end() &&
                                              it->first.tenant == key.tenant &&
                                              it->first.authority == key.authority;) {
    it = it->second.generation < generation ? entries_.erase(it) : std::next(it);
  }
  entries_.insert_or_assign(std::move(key),
                            Entry{.generation = generation,
                                  .page = std::make_shared<const CaseListPage>(std::move(page))});
  return last_version_;
}

}  // namespace fyren::exit_case
