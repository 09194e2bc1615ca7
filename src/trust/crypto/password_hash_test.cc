#include "trust/crypto/password_hash.h"

#include <gtest/gtest.h>

namespace fyren::trust::crypto {
namespace {

using base::ErrorCode;

const PasswordCost kTestCost = PasswordCost::Minimum();

TEST(PasswordHashTest, VerifiesTheRightPasswordAndRejectsOthers) {
  auto hash = HashPassword("correct horse battery staple", kTestCost);
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_EQ(hash->find("correct"), std::string::npos);
  EXPECT_EQ(VerifyPassword(*hash, "correct horse battery staple").value_or(false), true);
  EXPECT_EQ(VerifyPassword(*hash, "correct horse battery stapl").value_or(true), false);
  EXPECT_EQ(VerifyPassword(*hash, "").value_or(true), false);
}

TEST(PasswordHashTest, SamePasswordGetsDifferentSalts) {
  auto a = HashPassword("lösenord åäö", kTestCost);
  auto b = HashPassword("lösenord åäö", kTestCost);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword(*b, "lösenord åäö").value_or(false));
}

TEST(PasswordHashTest, MalformedStoredHashIsInternalNotAMismatch) {
  for (const std::string_view bad : {"", "plaintext", "$argon2i$v=19$m=8,t=1,p=1$x$y"}) {
    auto verified = VerifyPassword(bad, "x");
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.error().code, ErrorCode::kInternal);
  }
}

TEST(PasswordHashTest, OverlongPasswordIsRefused) {
  const std::string huge(kMaxPasswordBytes + 1, 'a');
  auto hash = HashPassword(huge, kTestCost);
  ASSERT_FALSE(hash);
  EXPECT_EQ(hash.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(hash.error().field, "password");
  auto ok = HashPassword("a", kTestCost);
  ASSERT_TRUE(ok);
  EXPECT_EQ(VerifyPassword(*ok, huge).value_or(true), false);
}

TEST(PasswordHashTest, NeedsRehashWhenTheCostChanges) {
  auto hash = HashPassword("pw", kTestCost);
  ASSERT_TRUE(hash);
  EXPECT_FALSE(PasswordNeedsRehash(*hash, kTestCost));
  EXPECT_TRUE(PasswordNeedsRehash(*hash, PasswordCost::Moderate()));
  EXPECT_TRUE(PasswordNeedsRehash("garbage", kTestCost));
}

TEST(PasswordHashTest, ProductionCostIsModerate) {
  const PasswordCost moderate = PasswordCost::Moderate();
  EXPECT_EQ(moderate.mem_limit, 256U * 1024 * 1024);
  EXPECT_GE(moderate.ops_limit, 3U);
  EXPECT_GT(PasswordCost::Interactive().mem_limit, PasswordCost::Minimum().mem_limit);
}

}  // namespace
}  // namespace fyren::trust::crypto
