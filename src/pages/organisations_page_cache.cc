#include "pages/organisations_page_cache.h"

#include <mutex>

namespace fyren::pages {

std::optional<std::string> OrganisationsPageCache::Find(
    std::string_view locale, const organisation::TreeFingerprint& fingerprint) const {
  const std::shared_lock lock(mutex_);
  const Entry& entry = Slot(locale);
  if (!entry.valid || entry.fingerprint != fingerprint) return std::nullopt;
  return entry.body;
}

void OrganisationsPageCache::Store(std::string_view locale,
                                   const organisation::TreeFingerprint& fingerprint,
                                   std::string body) {
  const std::unique_lock lock(mutex_);
  Entry& entry = Slot(locale);
  entry.fingerprint = fingerprint;
  entry.body = std::move(body);
  entry.valid = true;
}

}  // namespace fyren::pages
