// Deadline content (content/deadlines.toml) and deadline arithmetic in Swedish local time.
#include "domain/concern/deadline_rules.h"

#include <gtest/gtest.h>

#include "base/swedish_time.h"
#include "domain/concern/districts.h"

namespace fyren::concern {
namespace {

std::int64_t Local(int year, int month, int day, int hour, int minute = 0) {
  return base::FromSwedishLocal(base::SwedishLocalTime{
      .year = year, .month = month, .day = day, .hour = hour, .minute = minute, .second = 0});
}

constexpr std::string_view kValid = R"(
[[deadline]]
code = "protection_assessment"
from = "received"
duration = "0d"
escalate_after = "24h"
met_by = "assessment"
title_sv = "a"
title_en = "b"
legal_source_sv = "c"
legal_source_en = "d"
)";

TEST(DeadlineRules, ShippedFileLoads) {
  auto rules = LoadDeadlineRules();
  ASSERT_TRUE(rules) << rules.error().message;
  ASSERT_EQ(rules->size(), 3U);
  EXPECT_EQ((*rules)[0].code, "protection_assessment");
  EXPECT_EQ((*rules)[0].met_by, MetBy::kAssessment);
  ASSERT_TRUE((*rules)[0].escalate_after);
  EXPECT_EQ((*rules)[0].escalate_after->unit, DeadlineDuration::Unit::kHours);
  EXPECT_EQ((*rules)[1].duration.amount, 14);
  EXPECT_EQ((*rules)[2].duration.unit, DeadlineDuration::Unit::kMonths);
  EXPECT_FALSE((*rules)[2].legal_source_sv.empty());
}

TEST(DeadlineRules, ParsesDurations) {
  EXPECT_EQ(ParseDuration("0d")->amount, 0);
  EXPECT_EQ(ParseDuration("24h")->unit, DeadlineDuration::Unit::kHours);
  EXPECT_EQ(ParseDuration("4mo")->unit, DeadlineDuration::Unit::kMonths);
  for (const std::string_view bad : {"", "d", "-1d", "14", "14x", "1.5d", "99999d", "4 mo"}) {
    EXPECT_FALSE(ParseDuration(bad)) << bad;
  }
}

TEST(DeadlineRules, ErrorsNameFileEntryAndProblem) {
  const struct {
    std::string_view change_from;
    std::string_view change_to;
    std::string_view expected;
  } cases[] = {
      {"duration = \"0d\"", "duration = \"14x\"",
       "f.toml: deadline 1 (protection_assessment): duration \"14x\" is not like"},
      {"met_by = \"assessment\"", "met_by = \"lunch\"", "met_by \"lunch\" is not"},
      {"from = \"received\"", "from = \"sent\"", "from must be \"received\""},
      {"title_en = \"b\"", "", "title_en is missing"},
      {"code = \"protection_assessment\"", "code = \"Bad Code\"", "deadline 1 (Bad Code): code"},
      {"escalate_after = \"24h\"", "escalate_after = \"soon\"", "escalate_after \"soon\""},
  };
  for (const auto& c : cases) {
    std::string text(kValid);
    text.replace(text.find(c.change_from), c.change_from.size(), c.change_to);
    auto parsed = ParseDeadlineRules(text, "f.toml");
    ASSERT_FALSE(parsed) << c.change_to;
    EXPECT_EQ(parsed.error().code, base::ErrorCode::kInvalidInput);
    EXPECT_NE(parsed.error().message.find(c.expected), std::string::npos) << parsed.error().message;
  }
  auto twice = ParseDeadlineRules(std::string(kValid) + std::string(kValid), "f.toml");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("deadline 2 (protection_assessment): code is used"),
            std::string::npos);
  EXPECT_FALSE(ParseDeadlineRules("", "f.toml"));
  auto broken = ParseDeadlineRules("[[deadline]\n", "f.toml");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("f.toml: line 1"), std::string::npos);
}

TEST(DeadlineRules, SameDayEndsAtLocalMidnight) {
  const auto zero = *ParseDuration("0d");
  // Winter (CET): received 15:00 on 2 March, due at local midnight = 23:00 UTC.
  EXPECT_EQ(DeadlineEnd(zero, Local(2026, 3, 2, 15)), Local(2026, 3, 3, 0));
  // Just after midnight still that day.
  EXPECT_EQ(DeadlineEnd(zero, Local(2026, 3, 2, 0, 5)), Local(2026, 3, 3, 0));
  // Summer (CEST) and the day of the spring switch (23 hours long).
  EXPECT_EQ(DeadlineEnd(zero, Local(2026, 7, 1, 23, 59)), Local(2026, 7, 2, 0));
  EXPECT_EQ(DeadlineEnd(zero, Local(2026, 3, 29, 10)), Local(2026, 3, 30, 0));
  EXPECT_EQ(Local(2026, 3, 30, 0) - Local(2026, 3, 29, 0), 23LL * 3600 * 1'000'000);
}

TEST(DeadlineRules, HoursDaysAndMonths) {
  const std::int64_t received = Local(2026, 3, 28, 15);
  // 24 hours across the spring switch: exact hours, so 16:00 local the next day.
  EXPECT_EQ(DeadlineEnd(*ParseDuration("24h"), received), Local(2026, 3, 29, 16));
  // 14 days: the end of the 14th local day after receipt.
  EXPECT_EQ(DeadlineEnd(*ParseDuration("14d"), received), Local(2026, 4, 12, 0));
  // 4 months from 28 March: the end of 28 July.
  EXPECT_EQ(DeadlineEnd(*ParseDuration("4mo"), received), Local(2026, 7, 29, 0));
  // 4 months from 31 October: the end of the last day of February.
  EXPECT_EQ(DeadlineEnd(*ParseDuration("4mo"), Local(2026, 10, 31, 9)), Local(2027, 3, 1, 0));
}

TEST(DeadlineRules, States) {
  EXPECT_EQ(StateAt(100, std::nullopt, false, 99), DeadlineState::kOpen);
  EXPECT_EQ(StateAt(100, std::nullopt, false, 100), DeadlineState::kOverdue);
  EXPECT_EQ(StateAt(100, 150, false, 200), DeadlineState::kMet);
  EXPECT_EQ(StateAt(100, std::nullopt, true, 200), DeadlineState::kNotApplicable);
}

TEST(Districts, ShippedFileLoadsAndErrorsAreNamed) {
  auto districts = LoadDistricts();
  ASSERT_TRUE(districts) << districts.error().message;
  EXPECT_GE(districts->size(), 4U);
  auto missing = ParseDistricts("[[district]]\ncode = \"a\"\nname = \"A\"\n", "d.toml");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "d.toml: district 1 (a): committee is missing");
  auto twice = ParseDistricts(
      "[[district]]\ncode = \"a\"\nname = \"A\"\ncommittee = \"C\"\n"
      "[[district]]\ncode = \"a\"\nname = \"B\"\ncommittee = \"C\"\n",
      "d.toml");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().message, "d.toml: district 2 (a): code is used by an earlier entry");
}

}  // namespace
}  // namespace fyren::concern
