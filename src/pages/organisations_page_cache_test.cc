#include "pages/organisations_page_cache.h"

#include <gtest/gtest.h>

namespace fyren::pages {
namespace {

constexpr organisation::TreeFingerprint kTree{.rows = 40, .version_sum = 40, .last_updated_at = 7};

TEST(OrganisationsPageCacheTest, HitsOnlyForTheSameFingerprintAndLocale) {
  OrganisationsPageCache cache;
  EXPECT_FALSE(cache.Find("sv", kTree).has_value());
  cache.Store("sv", kTree, "<p>sv</p>");
  EXPECT_EQ(cache.Find("sv", kTree).value_or(""), "<p>sv</p>");
  EXPECT_FALSE(cache.Find("en", kTree).has_value());

  auto added = kTree;
  added.rows += 1;
  auto renamed = kTree;
  renamed.version_sum += 1;
  auto touched = kTree;
  touched.last_updated_at += 1;
  for (const auto& changed : {added, renamed, touched}) {
    EXPECT_FALSE(cache.Find("sv", changed).has_value());
  }
  cache.Store("sv", added, "<p>new</p>");
  EXPECT_EQ(cache.Find("sv", added).value_or(""), "<p>new</p>");
  EXPECT_FALSE(cache.Find("sv", kTree).has_value());
}

}  // namespace
}  // namespace fyren::pages
