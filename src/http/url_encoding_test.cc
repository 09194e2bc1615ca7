#include "http/url_encoding.h"

#include <gtest/gtest.h>

namespace fyren::http {
namespace {

TEST(PercentDecodeTest, DecodesEscapesAndPlus) {
  EXPECT_EQ(PercentDecode("a%20b", false), "a b");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("%C3%A5%c3%a4", false), "\xC3\xA5\xC3\xA4");
  EXPECT_EQ(PercentDecode("", false), "");
}

TEST(PercentDecodeTest, RejectsBrokenEscapes) {
  for (const char* text : {"%", "%4", "a%", "%zz", "%4g", "%%41"}) {
    EXPECT_FALSE(PercentDecode(text, false)) << text;
  }
}

TEST(PercentDecodeTest, RejectsMalformedUtf8) {
  for (const char* text : {"%C3", "%C3%28", "%ED%A0%80", "%C0%AF", "%F5%80%80%80", "\xff"}) {
    EXPECT_FALSE(PercentDecode(text, false)) << text;
  }
}

TEST(PercentEncodeTest, KeepsOnlyUnreserved) {
  EXPECT_EQ(PercentEncode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(PercentEncode("a b/&=?%+"), "a%20b%2F%26%3D%3F%25%2B");
  EXPECT_EQ(PercentEncode("\xC3\xA5"), "%C3%A5");
}

TEST(PercentEncodeTest, RoundTrips) {
  const std::string text = "Åsa & Örjan / 100% = ?";
  EXPECT_EQ(PercentDecode(PercentEncode(text), true), text);
}

TEST(ParseUrlEncodedTest, ParsesPairsInOrder) {
  const auto pairs = ParseUrlEncoded("b=2&a=1&a=3&empty=&flag&&x=%C3%A5+y");
  ASSERT_TRUE(pairs);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"b", "2"}, {"a", "1"}, {"a", "3"}, {"empty", ""}, {"flag", ""}, {"x", "\xC3\xA5 y"}};
  EXPECT_EQ(*pairs, expected);
}

TEST(ParseUrlEncodedTest, RejectsAnyBrokenPart) {
  EXPECT_FALSE(ParseUrlEncoded("a=1&b=%zz"));
  EXPECT_FALSE(ParseUrlEncoded("%ff=1"));
  EXPECT_TRUE(ParseUrlEncoded("")->empty());
}

}  // namespace
}  // namespace fyren::http
