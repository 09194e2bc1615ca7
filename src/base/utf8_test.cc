#include "base/utf8.h"

#include <gtest/gtest.h>

namespace fyren::base {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Hisingen"));
  EXPECT_TRUE(IsValidUtf8("Sydväst, Göteborg & Co"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x8C\x8A"));  // U+1F30A
}

TEST(Utf8Test, RejectsMalformedText) {
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("caf\xC3"));           // truncated
}

}  // namespace
}  // namespace fyren::base
