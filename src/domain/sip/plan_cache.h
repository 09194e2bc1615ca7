#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "domain/sip/sip_plan.h"

namespace fyren::sip {

// Plan documents this process has opened, by (tenant, revision id) and the exact sealed text
// they were opened from. A saved revision is never changed (a save adds a revision; key rotation
// wraps keys, it does not rewrite documents), so an entry is found again at every view of that
// revision, on every server; and since the sealed text must be byte for byte the one the
// request read, a row changed behind the application's back is opened (and its tampering
// detected) again, never answered from memory. Opening a plan (decrypting it and parsing its
// JSON) was a quarter of a SIP page view's time.
//
// What is kept is personal data in clear, in this process's memory only, as it is during any
// request: the master key is in the same memory, so keeping opened plans adds no reader who could
// not already decrypt them. A kept plan is handed out only to SipService, after it has checked the
// viewer's access to the case and read the revision row again in that request. Bounded: past
// kMaxPlans every kept plan is dropped. Thread-safe.
class PlanCache {
 public:
  static constexpr std::size_t kMaxPlans = 512;

  [[nodiscard]] std::shared_ptr<const PlanDocument> Find(std::int64_t tenant,
                                                         std::int64_t revision_id,
                                                         std::string_view sealed) const {
    const std::lock_guard lock(mutex_);
    const auto found = plans_.find({tenant, revision_id});
    if (found == plans_.end() || found->second.sealed != sealed) return nullptr;
    return found->second.plan;
  }

  void Store(std::int64_t tenant, std::int64_t revision_id, std::string sealed,
             std::shared_ptr<const PlanDocument> plan) {
    const std::lock_guard lock(mutex_);
    if (plans_.size() >= kMaxPlans) plans_.clear();
    plans_.insert_or_assign({tenant, revision_id},
                            Entry{.sealed = std::move(sealed), .plan = std::move(plan)});
  }

 private:
  struct Entry {
    std::string sealed;
    std::shared_ptr<const PlanDocument> plan;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::int64_t, std::int64_t>, Entry> plans_;
};

}  // namespace fyren::sip
