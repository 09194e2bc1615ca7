// content/referral_recipients.toml: the shipped file parses, and every mistake names the file,
// the entry and the problem.
#include "domain/referral/recipients.h"

#include <gtest/gtest.h>

namespace fyren::referral {
namespace {

TEST(RecipientsTest, ShippedFileParses) {
  auto rules = LoadRecipients();
  ASSERT_TRUE(rules) << rules.error().message;
  EXPECT_FALSE(rules->empty());
}

TEST(RecipientsTest, ParsesKinds) {
  auto rules = ParseRecipients(
      "[[recipient]]\norganisation = \"BH\"\nkinds = [\"child_abuse\", \"consultation\"]\n", "f");
  ASSERT_TRUE(rules) << rules.error().message;
  ASSERT_EQ(rules->size(), 1U);
  EXPECT_EQ(rules->front().organisation, "BH");
  EXPECT_EQ(rules->front().kinds, (std::vector<Kind>{Kind::kChildAbuse, Kind::kConsultation}));
}

TEST(RecipientsTest, ErrorsNameFileEntryAndProblem) {
  const struct {
    const char* text;
    const char* expected;
  } cases[] = {
      {"", "f.toml: needs at least one [[recipient]] entry"},
      {"[[recipient]]\nkinds = [\"child_abuse\"]\n", "recipient 1: organisation is missing"},
      {"[[recipient]]\norganisation = \"BH\"\nkinds = [\"hugs\"]\n",
       "recipient 1 (BH): unknown kind \"hugs\""},
      {"[[recipient]]\norganisation = \"BH\"\nkinds = []\n", "kinds must be a non-empty list"},
      {"[[recipient]]\norganisation = \"BH\"\nkinds = [\"child_abuse\", \"child_abuse\"]\n",
       "listed twice"},
      {"[[recipient]]\norganisation = \"BH\"\nkinds = [\"child_abuse\"]\n[[recipient]]\n"
       "organisation = \"BH\"\nkinds = [\"consultation\"]\n",
       "recipient 2 (BH): organisation is named by an earlier entry"},
      {"[[recipient]\n", "f.toml: line 1"},
  };
  for (const auto& c : cases) {
    auto rules = ParseRecipients(c.text, "f.toml");
    ASSERT_FALSE(rules) << c.text;
    EXPECT_EQ(rules.error().code, base::ErrorCode::kInvalidInput);
    EXPECT_NE(rules.error().message.find(c.expected), std::string::npos) << rules.error().message;
  }
}

}  // namespace
}  // namespace fyren::referral
