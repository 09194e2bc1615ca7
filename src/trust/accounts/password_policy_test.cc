#include "trust/accounts/password_policy.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace fyren::trust::accounts {
namespace {

const PasswordBlocklist kList = PasswordBlocklist::FromText(
    "#!comment: a comment line\n#!comment:\n123456\npassword\nCorrectHorse\r\n\n");

TEST(PasswordPolicyTest, SkipsCommentsAndMatchesWithoutCase) {
  EXPECT_EQ(kList.size(), 3u);
  EXPECT_TRUE(kList.Contains("PASSWORD"));
  EXPECT_TRUE(kList.Contains("correcthorse"));
  EXPECT_FALSE(kList.Contains("#!comment: a comment line"));
}

TEST(PasswordPolicyTest, TableOfRules) {
  struct Case {
    std::string_view password;
    std::optional<PasswordProblem> expected;
  };
  const Case cases[] = {
      {"", PasswordProblem::kTooShort},
      {"1234567", PasswordProblem::kTooShort},
      {"abcdefgh", std::nullopt},               // 8 characters, no composition rules
      {"åäöåäöå", PasswordProblem::kTooShort},  // 7 code points, 14 bytes
      {"åäöåäöåä", std::nullopt},
      {"password", PasswordProblem::kCommon},
      {"PassWord", PasswordProblem::kCommon},
      {"anna.berg", PasswordProblem::kSameAsUsername},
      {"ANNA.BERG", PasswordProblem::kSameAsUsername},
      {"tab\there-ok?", PasswordProblem::kNotText},
      {"\xff\xfe broken utf8", PasswordProblem::kNotText},
      {"a long passphrase with spaces", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CheckNewPassword(c.password, "anna.berg", kList), c.expected) << c.password;
  }
}

TEST(PasswordPolicyTest, MaximumCountsCodePoints) {
  std::string ascii(128, 'x');
  EXPECT_EQ(CheckNewPassword(ascii, "u", kList), std::nullopt);
  ascii += 'x';
  EXPECT_EQ(CheckNewPassword(ascii, "u", kList), PasswordProblem::kTooLong);
  std::string swedish;
  for (int i = 0; i < 128; ++i) swedish += "ö";  // 256 bytes, 128 characters
  EXPECT_EQ(CheckNewPassword(swedish, "u", kList), std::nullopt);
}

TEST(PasswordPolicyTest, LoadsDebiansListOrSaysWhatToInstall) {
  auto missing = PasswordBlocklist::Load("/nonexistent/password.lst");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("john-data"), std::string::npos);
  if (!std::filesystem::exists(kDefaultBlocklistPath)) GTEST_SKIP() << "john-data not installed";
  auto list = PasswordBlocklist::Load(kDefaultBlocklistPath);
  ASSERT_TRUE(list);
  EXPECT_GT(list->size(), 3000u);
  EXPECT_TRUE(list->Contains("123456"));
  EXPECT_TRUE(list->Contains("Password1"));
}

}  // namespace
}  // namespace fyren::trust::accounts
