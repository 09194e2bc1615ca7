#pragma once

#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "domain/organisation/organisation.h"

namespace fyren::pages {

// The last organisations page body rendered per locale, with the fingerprint of the tree it was
// rendered from. The tree changes rarely but the page is read on every request; asking the
// database for the fingerprint (one aggregate row) is far cheaper than reading, sorting and
// rendering the whole tree again. The fingerprint is read from the database on every request,
// so a change made through any server shows on the next request. Thread-safe.
class OrganisationsPageCache {
 public:
  // The remembered body when it was rendered from a tree with this fingerprint.
  [[nodiscard]] std::optional<std::string> Find(
      std::string_view locale, const organisation::TreeFingerprint& fingerprint) const;
  // Remember `body`. Pass the fingerprint read BEFORE the tree the body was rendered from: if the
  // tree changed in between, the next request sees a newer fingerprint and renders again.
  void Store(std::string_view locale, const organisation::TreeFingerprint& fingerprint,
             std::string body);

 private:
  struct Entry {
    organisation::TreeFingerprint fingerprint;
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
