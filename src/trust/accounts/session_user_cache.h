#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "base/ids.h"
#include "trust/accounts/account.h"

namespace fyren::trust::accounts {

// What signed-in requests read of their user (AccountStore::FindSessionUser: unit, authority,
// roles, active, locked, demo), by user and the generations it was read at (issue 3 and 4,
// Speed: reading it was ~6 % of an audited page view's CPU, at every request). The generations
// move in the transaction of every change it can show, through any server or by hand
// (migrations 0018, 0020), and they are read in the request's own session lookup, so a kept
// answer is the one a fresh read would give: a removed role or a deactivated or locked account
// takes effect at the user's next request. No personal data: ids, flags and roles only.
// Bounded: past kMaxUsers every entry is dropped. Thread-safe.
class SessionUserCache {
 public:
  static constexpr std::size_t kMaxUsers = 4096;

  [[nodiscard]] std::optional<SessionUser> Find(base::TenantId tenant, std::int64_t user_id,
                                                const SessionUserGenerations& at) const {
    const std::lock_guard lock(mutex_);
    const auto found = users_.find({tenant.value(), user_id});
    if (found == users_.end() || found->second.at != at) return std::nullopt;
    return found->second.user;
  }

  void Store(base::TenantId tenant, const SessionUserGenerations& at, const SessionUser& user) {
    const std::lock_guard lock(mutex_);
    if (users_.size() >= kMaxUsers) users_.clear();
    users_.insert_or_assign({tenant.value(), user.user_id}, Entry{.at = at, .user = user});
  }

 private:
  struct Entry {
    SessionUserGenerations at;
    SessionUser user;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::int64_t, std::int64_t>, Entry> users_;
};

}  // namespace fyren::trust::accounts
