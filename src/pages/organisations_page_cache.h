#pragma once

#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/organisation/organisation.h"

namespace fyren::pages {

// The last organisations page body rendered per locale, with the tree it was rendered from.
// The tree changes rarely but is read on every request; comparing it with the remembered one
// (every field the page shows) is far cheaper than building and rendering the view again.
// The service is still asked for the tree each time, so a change shows on the next request.
// Thread-safe.
class OrganisationsPageCache {
 public:
  // The remembered body when `tree` equals the tree it was rendered from.
  [[nodiscard]] std::optional<std::string> Find(
      std::string_view locale, std::span<const organisation::Organisation> tree) const;
  void Store(std::string_view locale, std::span<const organisation::Organisation> tree,
             std::string body);

 private:
  struct Entry {
    std::vector<organisation::Organisation> tree;
    std::string body;
    bool valid = false;
  };
  Entry& Slot(std::string_view locale) { return locale == "en" ? en_ : sv_; }
  const Entry& Slot(std::string_view locale) const { return locale == "en" ? en_ : sv_; }

  mutable std::shared_mutex mutex_;
  Entry sv_;
  Entry en_;
};

}  // namespace fyren::pages
