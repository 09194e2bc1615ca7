#include "pages/organisations_page_cache.h"

#include <gtest/gtest.h>

namespace fyren::pages {
namespace {

constexpr organisation::TreeFingerprint kTree{.generation = 40};

TEST(OrganisationsPageCacheTest, HitsOnlyForTheSameFingerprintAndLocale) {
  OrganisationsPageCache cache;
  EXPECT_FALSE(cache.Find("sv", kTree).has_value());
  cache.Store("sv", kTree, "<p>sv</p>");
  EXPECT_EQ(cache.Find("sv", kTree).value_or(""), "<p>sv</p>");
  EXPECT_FALSE(cache.Find("en", kTree).has_value());

  auto added = kTree;
  added.generation += 1;
  EXPECT_FALSE(cache.Find("sv", added).has_value());
  cache.Store("sv", added, "<p>new</p>");
  EXPECT_EQ(cache.Find("sv", added).value_or(""), "<p>new</p>");
  EXPECT_FALSE(cache.Find("sv", kTree).has_value());
}

}  // namespace
}  // namespace fyren::pages
