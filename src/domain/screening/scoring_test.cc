#include "domain/screening/scoring.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/screening/answers.h"
#include "domain/screening/instrument_catalog.h"
#include "domain/screening/instrument_loader.h"

namespace fyren::screening {
namespace {

using ::testing::ElementsAre;

// possible ≥ 3, clear ≥ 6; q1 yes is a red flag; q4 is optional free text.
constexpr std::string_view kInstrument = R"(id = "t"
version = 1
audience = "adult"
subject_kinds = ["at_risk"]
title = { sv = "T", en = "T" }
intro = { sv = "I", en = "I" }
[[items]]
id = "q1"
type = "yes_no"
text = { sv = "1", en = "1" }
weights = { yes = 1 }
[[items]]
id = "q2"
type = "scale0_3"
text = { sv = "2", en = "2" }
weights = { "1" = 1, "2" = 2, "3" = 3 }
[[items]]
id = "q3"
type = "yes_no_unknown"
text = { sv = "3", en = "3" }
weights = { yes = 3, unknown = 1 }
[[items]]
id = "q4"
type = "free_text"
required = false
text = { sv = "4", en = "4" }
[scoring]
possible_concern = 3
clear_concern = 6
red_flags = ["q1"]
[[recommendations]]
level = "possible_concern"
action = "consult_competence_centre"
text = { sv = "R", en = "R" }
[[recommendations]]
level = "clear_concern"
action = "report_of_concern"
text = { sv = "A", en = "A" }
)";

class ScoringTest : public ::testing::Test {
 protected:
  ScoringTest() : instrument_(*ParseInstrument(kInstrument, "t.toml")), table_(instrument_) {}

  Score ScoreOf(std::vector<AnswerInput> answers) {
    const EncodedAnswers encoded = EncodeAnswers(instrument_, answers);
    EXPECT_TRUE(encoded.problems.empty());
    return table_.Evaluate(encoded.indexes);
  }

  Instrument instrument_;
  ScoringTable table_;
};

TEST_F(ScoringTest, BelowPossibleIsNoConcern) {
  const Score s = ScoreOf({{"q1", "no"}, {"q2", "2"}, {"q3", "no"}});
  EXPECT_EQ(s.points, 2);
  EXPECT_EQ(s.level, Level::kNoConcern);
  EXPECT_TRUE(s.missing_required.empty());
}

TEST_F(ScoringTest, AtThePossibleThresholdIsPossibleConcern) {
  const Score s = ScoreOf({{"q1", "no"}, {"q2", "2"}, {"q3", "unknown"}});
  EXPECT_EQ(s.points, 3);
  EXPECT_EQ(s.level, Level::kPossibleConcern);
}

TEST_F(ScoringTest, AtTheClearThresholdIsClearConcern) {
  const Score s = ScoreOf({{"q1", "no"}, {"q2", "3"}, {"q3", "yes"}});
  EXPECT_EQ(s.points, 6);
  EXPECT_EQ(s.level, Level::kClearConcern);
  EXPECT_FALSE(s.red_flag);
}

TEST_F(ScoringTest, ARedFlagIsClearConcernWhateverTheScore) {
  const Score s = ScoreOf({{"q1", "yes"}, {"q2", "0"}, {"q3", "no"}});
  EXPECT_EQ(s.points, 1);
  EXPECT_TRUE(s.red_flag);
  EXPECT_EQ(s.level, Level::kClearConcern);
}

TEST_F(ScoringTest, EachMissingRequiredItemIsAProblem) {
  const EncodedAnswers encoded = EncodeAnswers(instrument_, std::vector<AnswerInput>{{"q2", "1"}});
  const Score s = table_.Evaluate(encoded.indexes);
  EXPECT_THAT(s.missing_required, ElementsAre(0, 2));  // q4 is optional
  const auto problems = MissingProblems(instrument_, s.missing_required);
  ASSERT_EQ(problems.size(), 2U);
  EXPECT_EQ(problems[0].field, "q1");
  EXPECT_EQ(problems[0].code, "answer.required");
  EXPECT_EQ(problems[1].field, "q3");
}

TEST_F(ScoringTest, ARequiredFreeTextLeftEmptyIsMissing) {
  instrument_.items[3].required = true;
  const ScoringTable table(instrument_);
  auto encoded = EncodeAnswers(
      instrument_, std::vector<AnswerInput>{{"q1", "no"}, {"q2", "0"}, {"q3", "no"}, {"q4", ""}});
  EXPECT_THAT(table.Evaluate(encoded.indexes).missing_required, ElementsAre(3));
  encoded = EncodeAnswers(
      instrument_, std::vector<AnswerInput>{{"q1", "no"}, {"q2", "0"}, {"q3", "no"}, {"q4", "x"}});
  EXPECT_TRUE(table.Evaluate(encoded.indexes).missing_required.empty());
}

TEST_F(ScoringTest, AnswersThatAreNotOptionsAreProblemsPerItem) {
  const EncodedAnswers encoded = EncodeAnswers(
      instrument_, std::vector<AnswerInput>{{"q1", "maybe"}, {"q2", "4"}, {"q9", "yes"}});
  ASSERT_EQ(encoded.problems.size(), 3U);
  EXPECT_EQ(encoded.problems[0].field, "q1");
  EXPECT_EQ(encoded.problems[0].code, "answer.invalid");
  EXPECT_EQ(encoded.problems[1].field, "q2");
  EXPECT_EQ(encoded.problems[2].code, "answer.unknown_item");
}

TEST_F(ScoringTest, AShortOrOutOfRangeAnswerArrayCountsAsUnanswered) {
  const std::vector<std::uint8_t> answers = {1, 9};
  EXPECT_THAT(table_.Evaluate(answers).missing_required, ElementsAre(1, 2));
}

TEST_F(ScoringTest, AnswersRoundTripThroughJson) {
  const EncodedAnswers encoded = EncodeAnswers(
      instrument_,
      std::vector<AnswerInput>{{"q1", "yes"}, {"q2", "2"}, {"q3", "unknown"}, {"q4", "ä \"x\""}});
  const std::string json = AnswersToJson(instrument_, encoded);
  auto back = AnswersFromJson(json);
  ASSERT_TRUE(back.has_value());
  const EncodedAnswers again = EncodeAnswers(instrument_, *back);
  EXPECT_EQ(again.indexes, encoded.indexes);
  EXPECT_EQ(again.free_texts, encoded.free_texts);
  EXPECT_FALSE(AnswersFromJson("[1]").has_value());
}

TEST(SyntheticInstrument, TheBenchmarkInstrumentHasFortyItemsAndScores) {
  std::ifstream in(std::string(FYREN_SOURCE_DIR) + "/bench/instruments/synthetic_40.toml");
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = ParseInstrument(text.str(), "bench/instruments/synthetic_40.toml");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->items.size(), 40U);
  const ScoringTable table(*parsed);
  std::vector<std::uint8_t> all_first(40, 0);  // q4 (yes_no) "yes" is a red flag
  EXPECT_EQ(table.Evaluate(all_first).level, Level::kClearConcern);
  std::vector<std::uint8_t> all_last(40, 1);
  all_last[3] = 1;  // q4 "no"
  EXPECT_TRUE(table.Evaluate(all_last).missing_required.empty());
}

}  // namespace
}  // namespace fyren::screening
