#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "domain/sip/sip_service.h"

namespace fyren::pages {

// The parts of a plan page that depend only on the plan (sip_show_plan, _followups,
// _followup_options and _revisions), rendered and escaped.
struct SipSections {
  std::string plan;
  std::string followups;
  std::string followup_options;  // nothing selected
  std::string revisions;
};

// Rendered plan page parts, by SipPageKey and locale (issue 4, Speed: opening the plan, listing
// its revisions and follow-ups and rendering them was ~40 % of a plan view's CPU). The key's
// generation moves with every change the parts show, through any server (migration 0019), so a
// kept part is the one a fresh read would render. It holds personal data in clear
// (decision 0014): in memory only, handed out only after SipService has decided the viewer's
// access to the case and audited the view, never logged. Bounded: past kMaxEntries everything is
// dropped, and keeping a plan's newer parts drops its older ones. Thread-safe.
class SipSectionsCache {
 public:
  static constexpr std::size_t kMaxEntries = 256;

  [[nodiscard]] std::shared_ptr<const SipSections> Find(const sip::SipPageKey& key,
                                                        std::string_view locale) const {
    if (!key.Keepable()) return nullptr;
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(Key{key, std::string(locale)});
    return found == entries_.end() ? nullptr : found->second;
  }

  // Keeps `sections` for (key, locale) if the key is Keepable; returns them shared.
  std::shared_ptr<const SipSections> Store(const sip::SipPageKey& key, std::string_view locale,
                                           SipSections sections) {
    auto shared = std::make_shared<const SipSections>(std::move(sections));
    if (!key.Keepable()) return shared;
    const std::lock_guard lock(mutex_);
    // The same plan's parts at other generations sit next to each other in key order.
    const sip::SipPageKey first{.tenant = key.tenant, .sip_id = key.sip_id};
    for (auto it = entries_.lower_bound(Key{first, std::string()});
         it != entries_.end() && it->first.first.tenant == key.tenant &&
         it->first.first.sip_id == key.sip_id;) {
      it = it->first.first == key ? std::next(it) : entries_.erase(it);
    }
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[Key{key, std::string(locale)}] = shared;
    return shared;
  }

  [[nodiscard]] std::size_t size() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
  }

 private:
  using Key = std::pair<sip::SipPageKey, std::string>;
  mutable std::mutex mutex_;
  std::map<Key, std::shared_ptr<const SipSections>> entries_;
};

}  // namespace fyren::pages
