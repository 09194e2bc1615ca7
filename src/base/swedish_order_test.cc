#include "base/swedish_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace fyren::base {
namespace {

TEST(SwedishOrderTest, SortsSwedishLettersAfterZ) {
  std::vector<std::string> names = {"Östra", "Ängby", "Åby", "Zeta", "alfa", "Beta"};
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return SwedishSortKey(a) < SwedishSortKey(b);
  });
  EXPECT_EQ(names, (std::vector<std::string>{"alfa", "Beta", "Zeta", "Åby", "Ängby", "Östra"}));
}

TEST(SwedishOrderTest, IgnoresCase) {
  EXPECT_EQ(SwedishSortKey("KAST"), SwedishSortKey("kast"));
  EXPECT_EQ(SwedishSortKey("Öster"), SwedishSortKey("öster"));
}

}  // namespace
}  // namespace fyren::base
