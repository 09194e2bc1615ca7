#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace fyren::pages {

// Rendered pieces of pages, by the version of the data they show and the locale. A version is a
// number a service hands out with data that reads the same for every view that gets it (the
// intake queue's page of rows while its queue generation holds, say); 0 means "not cacheable".
// The piece is rendered once per locale and version, then copied into each page. Bounded: past
// kMaxEntries every entry is dropped (versions only grow, so old ones are never asked for
// again). Holds only what the caller stores: the intake queue's rows carry no personal data; a
// case list's rows carry the initials and birth years of the listing user's own cases, and
// their version is only ever handed to that user (exit_case/case_list_cache.h). Memory only.
// Thread-safe.
class FragmentCache {
 public:
  static constexpr std::size_t kMaxEntries = 64;

  [[nodiscard]] std::shared_ptr<const std::string> Find(std::uint64_t version,
                                                        std::string_view locale) const {
    if (version == 0) return nullptr;
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(Key{version, std::string(locale)});
    return found == entries_.end() ? nullptr : found->second;
  }

  // Keeps `html` for (version, locale) and returns it shared; version 0 keeps nothing.
  std::shared_ptr<const std::string> Store(std::uint64_t version, std::string_view locale,
                                           std::string html) {
    auto shared = std::make_shared<const std::string>(std::move(html));
    if (version == 0) return shared;
    const std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[Key{version, std::string(locale)}] = shared;
    return shared;
  }

 private:
  using Key = std::pair<std::uint64_t, std::string>;
  mutable std::mutex mutex_;
  std::map<Key, std::shared_ptr<const std::string>> entries_;
};

}  // namespace fyren::pages
