#include "pages/organisations_page_cache.h"

#include <gtest/gtest.h>

#include <vector>

namespace fyren::pages {
namespace {

std::vector<organisation::Organisation> Tree() {
  organisation::Organisation org;
  org.id = base::OrganisationId(1);
  org.public_id = "p1";
  org.name_sv = "Nämnd";
  org.name_en = "Committee";
  return {org};
}

TEST(OrganisationsPageCacheTest, HitsOnlyForTheSameTreeAndLocale) {
  OrganisationsPageCache cache;
  auto tree = Tree();
  EXPECT_FALSE(cache.Find("sv", tree).has_value());
  cache.Store("sv", tree, "<p>sv</p>");
  EXPECT_EQ(cache.Find("sv", tree).value_or(""), "<p>sv</p>");
  EXPECT_FALSE(cache.Find("en", tree).has_value());

  for (auto change :
       {+[](organisation::Organisation& o) { o.name_en = "Renamed"; },
        +[](organisation::Organisation& o) { o.description_sv = "Ny"; },
        +[](organisation::Organisation& o) { o.kind = organisation::OrganisationKind::kPartner; },
        +[](organisation::Organisation& o) { o.parent = base::OrganisationId(9); }}) {
    auto changed = Tree();
    change(changed.front());
    EXPECT_FALSE(cache.Find("sv", changed).has_value());
  }
  auto longer = Tree();
  longer.push_back(longer.front());
  EXPECT_FALSE(cache.Find("sv", longer).has_value());
}

}  // namespace
}  // namespace fyren::pages
