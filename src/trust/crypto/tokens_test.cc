#include "trust/crypto/tokens.h"

#include <gtest/gtest.h>

#include <set>

namespace fyren::trust::crypto {
namespace {

TEST(TokensTest, RandomTokenIsUrlSafeAnd256Bits) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = NewRandomToken();
    ASSERT_EQ(token.size(), 43U);
    for (const char c : token) {
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << c;
    }
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 100U);
}

TEST(TokensTest, TokenHashIsStableAndDistinct) {
  const std::string token = NewRandomToken();
  EXPECT_EQ(TokenHash(token).size(), 32U);
  EXPECT_EQ(TokenHash(token), TokenHash(token));
  EXPECT_NE(TokenHash(token), TokenHash(NewRandomToken()));
  EXPECT_EQ(TokenHash(token).find(token), std::string::npos);
}

TEST(TokensTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", ""));
}

}  // namespace
}  // namespace fyren::trust::crypto
