#include "domain/screening/instrument_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "domain/screening/instrument_catalog.h"

namespace fyren::screening {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kSource = "content/instruments/demo.toml";

// A valid instrument; each test breaks one thing in it.
std::string Valid() {
  return R"(id = "demo"
version = 2
audience = "youth"
subject_kinds = ["at_risk", "exploits_others"]
title = { sv = "Titel", en = "Title" }
intro = { sv = "Intro", en = "Intro" }

[[items]]
id = "q1"
type = "yes_no_unknown"
text = { sv = "Fråga ett", en = "Question one" }
help = { sv = "Hjälp", en = "Help" }
weights = { yes = 3, unknown = 1 }

[[items]]
id = "q2"
type = "choice"
text = { sv = "Fråga två", en = "Question two" }
options = [ { code = "a", sv = "A", en = "A" }, { code = "b", sv = "B", en = "B" } ]
weights = { b = 2 }

[[items]]
id = "q3"
type = "free_text"
required = false
text = { sv = "Anteckning", en = "Note" }

[scoring]
possible_concern = 2
clear_concern = 4
red_flags = ["q1"]

[[recommendations]]
level = "possible_concern"
action = "consult_competence_centre"
text = { sv = "Rådgör", en = "Consult" }

[[recommendations]]
level = "clear_concern"
action = "report_of_concern"
text = { sv = "Anmäl", en = "Report" }
)";
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string ProblemsOf(const std::string& text, std::string_view source = kSource) {
  auto parsed = ParseInstrument(text, source);
  EXPECT_FALSE(parsed.has_value());
  if (parsed) return {};
  EXPECT_EQ(parsed.error().code, base::ErrorCode::kInvalidInput);
  return parsed.error().message;
}

TEST(InstrumentLoader, ReadsAValidInstrument) {
  auto parsed = ParseInstrument(Valid(), kSource);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->id, "demo");
  EXPECT_EQ(parsed->version, 2);
  EXPECT_EQ(parsed->audience, Audience::kYouth);
  ASSERT_EQ(parsed->items.size(), 3U);
  EXPECT_EQ(parsed->items[0].options.size(), 3U);
  EXPECT_EQ(parsed->items[0].options[0].weight, 3);
  EXPECT_EQ(parsed->items[0].options[1].weight, 0);  // "no" without a weight weighs 0
  EXPECT_TRUE(parsed->items[0].red_flag);
  EXPECT_EQ(parsed->items[1].options[1].label.en, "B");
  EXPECT_FALSE(parsed->items[2].required);
  EXPECT_EQ(parsed->thresholds.possible_concern, 2);
  EXPECT_EQ(parsed->thresholds.clear_concern, 4);
  EXPECT_TRUE(parsed->Allows(SubjectKind::kExploitsOthers));
  EXPECT_EQ(parsed->RecommendationsFor(Level::kClearConcern).size(), 1U);
}

TEST(InstrumentLoader, NamesFileItemAndProblemForAWeightOfAnUnknownAnswer) {
  const std::string message =
      ProblemsOf(Replace(Valid(), "yes = 3, unknown = 1", "yes = 3, maybe = 1"),
                 "content/instruments/demo.toml");
  EXPECT_EQ(message, "content/instruments/demo.toml: item q1: weight for unknown answer 'maybe'");
}

TEST(InstrumentLoader, ReportsASyntaxErrorWithItsLine) {
  EXPECT_THAT(ProblemsOf(Replace(Valid(), "version = 2", "version = = 2")),
              HasSubstr("content/instruments/demo.toml:2:"));
}

TEST(InstrumentLoader, RefusesEachKindOfError) {
  struct Case {
    std::string_view from;
    std::string_view to;
    std::string_view expected;
  };
  const Case cases[] = {
      {R"(id = "demo")", R"(id = "other")", "'id' is 'other' but the file is named demo.toml"},
      {"version = 2", "version = 0", "'version' must be a whole number of at least 1"},
      {R"(audience = "youth")", R"(audience = "pupils")", "audience 'pupils' is not"},
      {R"(title = { sv = "Titel", en = "Title" })", R"(title = { sv = "Titel" })",
       "'title.en' must be non-empty text"},
      {R"(type = "yes_no_unknown")", R"(type = "yes_maybe")",
       "item q1: answer type 'yes_maybe' is not one of"},
      {R"(id = "q2")", R"(id = "q1")", "item q1: the id is used by another item"},
      {R"(options = [ { code = "a", sv = "A", en = "A" }, { code = "b", sv = "B", en = "B" } ])",
       R"(options = [ { code = "a", sv = "A", en = "A" } ])",
       "item q2: a choice needs 'options' with at least two entries"},
      {R"({ code = "b", sv = "B", en = "B" })", R"({ code = "a", sv = "B", en = "B" })",
       "item q2: option 'a' appears twice"},
      {"weights = { b = 2 }", R"(weights = { b = "two" })",
       "item q2: weight for answer 'b' must be a whole number"},
      {"required = false", "required = false\nweights = { x = 1 }",
       "item q3: free text is not scored, so it cannot have 'weights'"},
      {"required = false", R"(required = "no")", "item q3: 'required' must be true or false"},
      {R"(help = { sv = "Hjälp", en = "Help" })", R"(hlep = { sv = "Hjälp", en = "Help" })",
       "item q1: unknown key 'hlep'"},
      {"clear_concern = 4", "clear_concern = 2",
       "'clear_concern' must be greater than 'possible_concern'"},
      {"clear_concern = 4", "clear_concern = 40", "'clear_concern' 40 cannot be reached"},
      {"possible_concern = 2", "possible_concern = 0",
       "'possible_concern' must be a whole number of at least 1"},
      {R"(red_flags = ["q1"])", R"(red_flags = ["q9"])", "red flag 'q9' is not an item"},
      {R"(red_flags = ["q1"])", R"(red_flags = ["q2"])",
       "item q2: a red flag must be a yes_no or yes_no_unknown question"},
      {R"(action = "report_of_concern")", R"(action = "call_someone")",
       "recommendation 2: unknown action 'call_someone'"},
      {R"(level = "clear_concern")", R"(level = "high")", "level 'high' is not"},
      {R"(level = "clear_concern")", R"(level = "possible_concern")",
       "no recommendation for level clear_concern"},
      {R"(subject_kinds = ["at_risk", "exploits_others"])", R"(subject_kinds = ["victim"])",
       "subject kind 'victim' is not at_risk or exploits_others"},
      {"version = 2", "version = 2\ncolour = \"blue\"", "unknown key 'colour'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.expected);
    const std::string message = ProblemsOf(Replace(Valid(), c.from, c.to));
    EXPECT_THAT(message, HasSubstr(c.expected));
    EXPECT_THAT(message, HasSubstr(std::string(kSource) + ": "));
  }
}

TEST(InstrumentLoader, ListsEveryProblemNotOnlyTheFirst) {
  std::string text = Replace(Valid(), "version = 2", "version = -1");
  text = Replace(text, "weights = { b = 2 }", "weights = { z = 2 }");
  const std::string message = ProblemsOf(text);
  EXPECT_THAT(message, HasSubstr("'version'"));
  EXPECT_THAT(message, HasSubstr("item q2: weight for unknown answer 'z'"));
}

TEST(InstrumentCatalog, LoadsTheEmbeddedInstruments) {
  auto catalog = InstrumentCatalog::Load("");
  ASSERT_TRUE(catalog.has_value()) << catalog.error().message;
  for (std::string_view id : {"adult_short", "youth", "easy_read", "indicator_checklist"}) {
    const LoadedInstrument* loaded = catalog->Find(id);
    ASSERT_NE(loaded, nullptr) << id;
    EXPECT_EQ(loaded->scoring.item_count(), loaded->instrument.items.size());
  }
  EXPECT_GE(catalog->Find("indicator_checklist")->instrument.items.size(), 20U);
  EXPECT_EQ(catalog->Find("no_such"), nullptr);
}

TEST(InstrumentCatalog, ALaterFileReplacesAnInstrumentOfTheSameId) {
  const std::string newer = Replace(Valid(), "version = 2", "version = 3");
  auto catalog = InstrumentCatalog::FromFiles(
      {{"content/instruments/demo.toml", Valid()}, {"/srv/licensed/demo.toml", newer}});
  ASSERT_TRUE(catalog.has_value()) << catalog.error().message;
  ASSERT_EQ(catalog->All().size(), 1U);
  EXPECT_EQ(catalog->Find("demo")->instrument.version, 3);
}

TEST(InstrumentCatalog, RefusesAnyBrokenFileAndAMissingDirectory) {
  auto broken = InstrumentCatalog::FromFiles(
      {{"content/instruments/demo.toml", Valid()},
       {"x/demo.toml", Replace(Valid(), "weights = { b = 2 }", "weights = { maybe = 2 }")}});
  ASSERT_FALSE(broken.has_value());
  EXPECT_THAT(broken.error().message, HasSubstr("x/demo.toml: item q2: weight for unknown answer"));
  auto missing = InstrumentCatalog::Load("/nonexistent/instruments");
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error().message, HasSubstr("instruments.dir"));
}

}  // namespace
}  // namespace fyren::screening
