#include "trust/audit/bulk_access.h"

#include <algorithm>
#include <map>

namespace fyren::trust::audit {
namespace {

// Slides a window of `rule.window` over one user's accesses [begin, end) and appends the runs.
void ScanUser(std::span<const PersonAccess> user, const BulkRule& rule,
              std::vector<BulkAccess>& runs) {
  const std::int64_t window_us =
      std::chrono::duration_cast<std::chrono::microseconds>(rule.window).count();
  std::map<std::int64_t, int> in_window;  // person -> entries in the window
  std::size_t first = 0;
  bool open = false;  // the last run in `runs` belongs to this user and may still grow
  for (std::size_t last = 0; last < user.size(); ++last) {
    ++in_window[user[last].person_id];
    while (user[last].occurred_at - user[first].occurred_at >= window_us) {
      auto it = in_window.find(user[first].person_id);
      if (--it->second == 0) in_window.erase(it);
      ++first;
    }
    const auto distinct = static_cast<std::int64_t>(in_window.size());
    if (distinct <= rule.threshold) continue;
    if (open && runs.back().to_us >= user[first].occurred_at) {
      runs.back().to_us = user[last].occurred_at;
      runs.back().distinct_persons = std::max(runs.back().distinct_persons, distinct);
    } else {
      runs.push_back(BulkAccess{.user_id = user[last].user_id,
                                .from_us = user[first].occurred_at,
                                .to_us = user[last].occurred_at,
                                .distinct_persons = distinct});
      open = true;
    }
  }
}

}  // namespace

std::vector<BulkAccess> FindBulkAccess(std::span<const PersonAccess> accesses,
                                       const BulkRule& rule) {
  std::vector<BulkAccess> runs;
  std::size_t begin = 0;
  while (begin < accesses.size()) {
    std::size_t end = begin;
    while (end < accesses.size() && accesses[end].user_id == accesses[begin].user_id) ++end;
    ScanUser(accesses.subspan(begin, end - begin), rule, runs);
    begin = end;
  }
  std::stable_sort(runs.begin(), runs.end(),
                   [](const BulkAccess& a, const BulkAccess& b) { return a.to_us > b.to_us; });
  return runs;
}

}  // namespace fyren::trust::audit
