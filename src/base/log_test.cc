#include "base/log.h"

#include <gtest/gtest.h>

#include <limits>

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

TEST(LogTest, WritesDurationsWithThreeDecimalsAndNonFiniteAsNull) {
  const std::string line = FormatLine(
      Level::kInfo, "timing", {{"ms", 1.23456}, {"bad", std::numeric_limits<double>::quiet_NaN()}});
  EXPECT_NE(line.find("\"ms\":1.235"), std::string::npos) << line;
  EXPECT_NE(line.find("\"bad\":null"), std::string::npos) << line;
}

// Lines are written by a background thread; Flush must not return before they are out, and must
// not hang when there is nothing to write.
TEST(LogTest, FlushReturnsAfterLinesAreWritten) {
  Flush();
  for (int i = 0; i < 100; ++i) Debug("log_test.line", {{"i", i}});
  Info("log_test.line", {{"i", 100}});
  Flush();
  Flush();
  SUCCEED();
}

}  // namespace
}  // namespace fyren::base::log
