#include "base/log.h"

#include <gtest/gtest.h>

namespace fyren::base::log {
namespace {

TEST(LogTest, FormatsFieldsAsOneJsonObject) {
  const std::string line =
      FormatLine(Level::kInfo, "request", {{"status", 200}, {"route", "/healthz"}, {"ok", true}});
  EXPECT_EQ(line.front(), '{');
  EXPECT_EQ(line.back(), '}');
  EXPECT_NE(line.find("\"event\":\"request\""), std::string::npos);
  EXPECT_NE(line.find("\"status\":200"), std::string::npos);
  EXPECT_NE(line.find("\"route\":\"/healthz\""), std::string::npos);
  EXPECT_NE(line.find("\"ok\":true"), std::string::npos);
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(LogTest, EscapesQuotesControlCharactersAndInvalidUtf8) {
  std::string out;
  AppendJsonEscaped(out, "a\"b\\c\nd\x01\xff");
  EXPECT_EQ(out, "a\\\"b\\\\c\\nd\\u0001\xEF\xBF\xBD");
}

}  // namespace
}  // namespace fyren::base::log
