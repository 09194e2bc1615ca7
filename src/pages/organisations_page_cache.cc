#include "pages/organisations_page_cache.h"

#include <algorithm>

namespace fyren::pages {
namespace {

bool SameOnPage(const organisation::Organisation& a, const organisation::Organisation& b) {
  return a.id == b.id && a.parent == b.parent && a.kind == b.kind &&
         a.partner_type == b.partner_type && a.public_id == b.public_id && a.name_sv == b.name_sv &&
         a.name_en == b.name_en && a.description_sv == b.description_sv &&
         a.description_en == b.description_en;
}

}  // namespace

std::optional<std::string> OrganisationsPageCache::Find(
    std::string_view locale, std::span<const organisation::Organisation> tree) const {
  const std::shared_lock lock(mutex_);
  const Entry& entry = Slot(locale);
  if (!entry.valid || !std::ranges::equal(entry.tree, tree, SameOnPage)) return std::nullopt;
  return entry.body;
}

void OrganisationsPageCache::Store(std::string_view locale,
                                   std::span<const organisation::Organisation> tree,
                                   std::string body) {
  const std::unique_lock lock(mutex_);
  Entry& entry = Slot(locale);
  entry.tree.assign(tree.begin(), tree.end());
  entry.body = std::move(body);
  entry.valid = true;
}

}  // namespace fyren::pages
