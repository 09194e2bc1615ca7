#include "base/log.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <regex>

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

// The time is UTC with microseconds, and the part kept per second (AppendTimestamp) agrees with
// the clock: two lines a moment apart carry the current date and time.
TEST(LogTest, StampsEachLineWithTheUtcTimeInMicroseconds) {
  const std::regex stamp(
      R"re(^\{"ts":"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z")re");
  for (int i = 0; i < 2; ++i) {
    const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::string line = FormatLine(Level::kInfo, "tick", {});
    const auto after = std::chrono::system_clock::now();
    std::smatch m;
    ASSERT_TRUE(std::regex_search(line, m, stamp)) << line;
    const std::chrono::year_month_day day{std::chrono::year(std::stoi(m[1])),
                                          std::chrono::month(std::stoul(m[2])),
                                          std::chrono::day(std::stoul(m[3]))};
    const auto at = std::chrono::sys_days(day) + std::chrono::hours(std::stoi(m[4])) +
                    std::chrono::minutes(std::stoi(m[5])) + std::chrono::seconds(std::stoi(m[6])) +
                    std::chrono::microseconds(std::stoi(m[7]));
    EXPECT_GE(at, before);
    EXPECT_LE(at, after);
  }
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
