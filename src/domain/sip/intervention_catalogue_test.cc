#include "domain/sip/intervention_catalogue.h"

#include <gtest/gtest.h>

namespace fyren::sip {
namespace {

constexpr std::string_view kEntry = R"(
[[intervention]]
code = "housing"
name_sv = "Boende"
name_en = "Housing"
description_sv = "b"
description_en = "h"
foundation = true

[[intervention]]
code = "therapy"
name_sv = "Terapi"
name_en = "Therapy"
description_sv = "t"
description_en = "t"
rests_on = ["housing"]
)";

TEST(InterventionCatalogue, TheEmbeddedCatalogueIsValidAndComplete) {
  auto catalogue = InterventionCatalogue::LoadEmbedded();
  ASSERT_TRUE(catalogue) << catalogue.error().message;
  for (std::string_view code :
       {"economic_assistance", "protected_housing", "housing_with_support", "protection",
        "mika_counselling", "trauma_treatment", "addiction_care", "health_care",
        "employment_measures", "social_insurance", "migration_matters", "legal_support",
        "interpreter", "ngo_support", "other"}) {
    EXPECT_NE(catalogue->Find(code), nullptr) << code;
  }
  for (std::string_view foundation :
       {"economic_assistance", "protected_housing", "housing_with_support", "protection"}) {
    EXPECT_TRUE(catalogue->Find(foundation)->foundation) << foundation;
  }
  EXPECT_FALSE(catalogue->Find("trauma_treatment")->foundation);
  const auto dependents = catalogue->DependentsOf("economic_assistance");
  EXPECT_NE(std::find(dependents.begin(), dependents.end(), "employment_measures"),
            dependents.end());
  EXPECT_EQ(catalogue->Find("health_care")->Name("en"), "Health care");
  EXPECT_EQ(catalogue->Find("health_care")->Name("sv"), "Hälso- och sjukvård");
}

TEST(InterventionCatalogue, ParsesEntriesAndDependencies) {
  auto catalogue = InterventionCatalogue::Parse(kEntry, "test.toml");
  ASSERT_TRUE(catalogue) << catalogue.error().message;
  ASSERT_EQ(catalogue->entries().size(), 2u);
  EXPECT_TRUE(catalogue->Find("housing")->foundation);
  EXPECT_FALSE(catalogue->Find("therapy")->foundation);
  EXPECT_EQ(catalogue->DependentsOf("housing"), std::vector<std::string>{"therapy"});
  EXPECT_EQ(catalogue->Find("nothing"), nullptr);
}

struct BadCase {
  std::string text;
  std::string expected;  // part of the message
};

TEST(InterventionCatalogue, RefusesBrokenEntriesNamingFileAndEntry) {
  const std::string base = std::string(kEntry);
  const std::vector<BadCase> cases{
      {base + R"(
[[intervention]]
code = "housing"
name_sv = "x"
name_en = "x"
description_sv = "x"
description_en = "x"
)",
       "intervention 'housing': the code is used twice"},
      {base + R"(
[[intervention]]
code = "lonely"
name_sv = "x"
description_sv = "x"
description_en = "x"
)",
       "intervention 'lonely': 'name_en' must be text"},
      {base + R"(
[[intervention]]
code = "needy"
name_sv = "x"
name_en = "x"
description_sv = "x"
description_en = "x"
rests_on = ["missing_code"]
)",
       "intervention 'needy': 'rests_on' names an unknown code 'missing_code'"},
      {base + R"(
[[intervention]]
code = "Bad Code"
name_sv = "x"
name_en = "x"
description_sv = "x"
description_en = "x"
)",
       "'code' may hold only"},
      {"title = 'nothing'", "no [[intervention]] entries"},
      {"[[intervention", "test.toml:1"},
  };
  for (const BadCase& c : cases) {
    auto catalogue = InterventionCatalogue::Parse(c.text, "test.toml");
    ASSERT_FALSE(catalogue) << c.expected;
    EXPECT_EQ(catalogue.error().code, base::ErrorCode::kInvalidInput);
    EXPECT_NE(catalogue.error().message.find("test.toml"), std::string::npos)
        << catalogue.error().message;
    EXPECT_NE(catalogue.error().message.find(c.expected), std::string::npos)
        << catalogue.error().message;
  }
}

}  // namespace
}  // namespace fyren::sip
