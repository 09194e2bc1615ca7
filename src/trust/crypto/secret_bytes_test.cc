#include "trust/crypto/secret_bytes.h"

#include <gtest/gtest.h>

#include <type_traits>
#include <utility>

namespace fyren::trust::crypto {
namespace {

static_assert(!std::is_copy_constructible_v<SecretBytes>);
static_assert(!std::is_copy_assignable_v<SecretBytes>);
static_assert(std::is_nothrow_move_constructible_v<SecretBytes>);

TEST(SecretBytesTest, NewBufferIsZeroed) {
  const SecretBytes bytes(32);
  ASSERT_EQ(bytes.size(), 32U);
  for (const unsigned char b : bytes.bytes()) EXPECT_EQ(b, 0);
}

TEST(SecretBytesTest, RandomBuffersDiffer) {
  const SecretBytes a = SecretBytes::Random(32);
  const SecretBytes b = SecretBytes::Random(32);
  EXPECT_FALSE(a.Equals(b));
  EXPECT_TRUE(a.Equals(a));
}

TEST(SecretBytesTest, MoveTransfersOwnershipAndEmptiesTheSource) {
  SecretBytes a = SecretBytes::CopyOf(std::string_view("key material"));
  const unsigned char* data = a.data();
  SecretBytes b = std::move(a);
  EXPECT_EQ(b.data(), data);
  EXPECT_EQ(b.size(), 12U);
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_EQ(a.data(), nullptr);

  SecretBytes c(4);
  c = std::move(b);
  EXPECT_EQ(c.data(), data);
  EXPECT_TRUE(c.Equals(SecretBytes::CopyOf(std::string_view("key material"))));
}

TEST(SecretBytesTest, EmptyIsValid) {
  const SecretBytes empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_TRUE(empty.Equals(SecretBytes(0)));
  EXPECT_FALSE(empty.Equals(SecretBytes(1)));
}

TEST(SecretBytesTest, WipeClearsTheString) {
  std::string text = "plaintext";
  Wipe(text);
  EXPECT_TRUE(text.empty());
}

}  // namespace
}  // namespace fyren::trust::crypto
