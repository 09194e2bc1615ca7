#include "domain/sip/continuity_guard.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <tuple>
#include <vector>

namespace fyren::sip {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A slice of content/catalogues/interventions.toml.
ContinuityCatalogue Catalogue() {
  return {
      {"economic_assistance", {.foundation = true, .rests_on = {}}},
      {"protected_housing", {.foundation = true, .rests_on = {"economic_assistance"}}},
      {"trauma_treatment", {.foundation = false, .rests_on = {"protected_housing"}}},
      {"employment_measures", {.foundation = false, .rests_on = {"economic_assistance"}}},
      {"mika_counselling", {.foundation = false, .rests_on = {}}},
      {"ngo_support", {.foundation = false, .rests_on = {}}},
  };
}

InterventionState I(std::string key, std::string code, std::string status,
                    std::string reason = "") {
  return {.key = std::move(key),
          .code = std::move(code),
          .status = std::move(status),
          .reason = std::move(reason)};
}

std::vector<InterventionState> Plan() {
  return {I("ea", "economic_assistance", "active"), I("ph", "protected_housing", "active"),
          I("tt", "trauma_treatment", "active"), I("em", "employment_measures", "planned"),
          I("mk", "mika_counselling", "active")};
}

std::vector<GuardEvent> Evaluate(const std::vector<InterventionState>& before,
                                 const std::vector<InterventionState>& after,
                                 bool case_open = true) {
  return EvaluateContinuity(before, after, Catalogue(), case_open);
}

TEST(ContinuityGuardTest, UnchangedPlanHasNoEvents) {
  EXPECT_THAT(Evaluate(Plan(), Plan()), IsEmpty());
}

TEST(ContinuityGuardTest, StartingOrActivatingHasNoEvents) {
  auto after = Plan();
  after[3].status = "active";
  after.push_back(I("ngo", "ngo_support", "planned"));
  EXPECT_THAT(Evaluate(Plan(), after), IsEmpty());
}

TEST(ContinuityGuardTest, ClosedOrPausedCaseHasNoEvents) {
  auto after = Plan();
  after[0].status = "ended";
  after[0].reason = "income_from_sex_buyer";
  EXPECT_THAT(Evaluate(Plan(), after, /*case_open=*/false), IsEmpty());
}

TEST(ContinuityGuardTest, EndingEconomicAssistanceForIncomeFromBuyerShowsAllGuidance) {
  auto after = Plan();
  after[0].status = "ended";
  after[0].reason = "income_from_sex_buyer";
  const auto events = Evaluate(Plan(), after);
  ASSERT_EQ(events.size(), 1U);
  const GuardEvent& e = events[0];
  EXPECT_EQ(e.intervention_key, "ea");
  EXPECT_EQ(e.catalogue_code, "economic_assistance");
  EXPECT_EQ(e.new_status, "ended");
  EXPECT_EQ(e.reason_code, "income_from_sex_buyer");
  EXPECT_TRUE(e.needs_confirmation);
  // Rests on it by catalogue: protected_housing, employment_measures (planned); every other
  // active one is at risk because a foundation stops.
  EXPECT_THAT(e.dependents, ElementsAre("ph", "tt", "em", "mk"));
  EXPECT_THAT(
      e.guidance_keys,
      ElementsAre("continuity.income_from_sex_buyer", "continuity.foundation",
                  "continuity.economic_assistance", "continuity.dependents", "continuity.notify"));
}

TEST(ContinuityGuardTest, FoundationNeedsConfirmationWhateverTheReason) {
  auto after = Plan();
  after[1].status = "ended";
  after[1].reason = "goals_reached";
  const auto events = Evaluate(Plan(), after);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_TRUE(events[0].needs_confirmation);
  EXPECT_THAT(events[0].dependents, ElementsAre("ea", "tt", "mk"));
  EXPECT_THAT(events[0].guidance_keys,
              ElementsAre("continuity.foundation", "continuity.dependents", "continuity.notify"));
}

TEST(ContinuityGuardTest, OrdinaryInterventionWithOrdinaryReasonNeedsNoConfirmation) {
  auto after = Plan();
  after[4].status = "ended";
  after[4].reason = "goals_reached";
  const auto events = Evaluate(Plan(), after);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_FALSE(events[0].needs_confirmation);
  EXPECT_THAT(events[0].dependents, IsEmpty());
  EXPECT_THAT(events[0].guidance_keys, IsEmpty());
  EXPECT_FALSE(AnyNeedsConfirmation(events));
}

TEST(ContinuityGuardTest, DidNotFollowPlanNeedsConfirmationOnAnyIntervention) {
  auto after = Plan();
  after[4].status = "ended";
  after[4].reason = "did_not_follow_plan";
  const auto events = Evaluate(Plan(), after);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_TRUE(events[0].needs_confirmation);
  EXPECT_THAT(events[0].guidance_keys,
              ElementsAre("continuity.did_not_follow_plan", "continuity.notify"));
  EXPECT_TRUE(AnyNeedsConfirmation(events));
}

TEST(ContinuityGuardTest, IncomeFromBuyerNeedsConfirmationOnAnyIntervention) {
  auto after = Plan();
  after[4].status = "refused";
  after[4].reason = "income_from_sex_buyer";
  const auto events = Evaluate(Plan(), after);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].new_status, "refused");
  EXPECT_TRUE(events[0].needs_confirmation);
}

TEST(ContinuityGuardTest, DependentsByCatalogueOnlyWhenNotAFoundation) {
  auto after = Plan();
  after[2] = I("tt", "trauma_treatment", "active");
  after.push_back(I("tt2", "trauma_treatment", "ended"));  // already over: not at risk
  auto before = after;
  // Trauma treatment rests on protected housing; ending mika (not a foundation) lists nothing,
  // but a non-foundation that others rest on lists them by catalogue.
  ContinuityCatalogue catalogue = Catalogue();
  catalogue["mika_counselling"].rests_on = {};
  catalogue["trauma_treatment"].rests_on = {"mika_counselling"};
  after[4].status = "paused";
  after[4].reason = "person_declined";
  const auto events = EvaluateContinuity(before, after, catalogue, true);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_THAT(events[0].dependents, ElementsAre("tt"));
  EXPECT_FALSE(events[0].needs_confirmation);
  EXPECT_THAT(events[0].guidance_keys, ElementsAre("continuity.paused", "continuity.dependents"));
}

TEST(ContinuityGuardTest, PausingAFoundationCountsAndSecondPauseDoesNot) {
  auto paused = Plan();
  paused[0].status = "paused";
  paused[0].reason = "other";
  const auto first = Evaluate(Plan(), paused);
  ASSERT_EQ(first.size(), 1U);
  EXPECT_EQ(first[0].new_status, "paused");
  EXPECT_TRUE(first[0].needs_confirmation);
  EXPECT_THAT(Evaluate(paused, paused), IsEmpty());
}

TEST(ContinuityGuardTest, EndingAPausedInterventionCounts) {
  auto paused = Plan();
  paused[4].status = "paused";
  auto ended = paused;
  ended[4].status = "ended";
  ended[4].reason = "moved";
  const auto events = Evaluate(paused, ended);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].new_status, "ended");
  EXPECT_FALSE(events[0].needs_confirmation);
}

TEST(ContinuityGuardTest, NewInterventionRecordedAsRefusedCounts) {
  auto after = Plan();
  after.push_back(I("ea2", "economic_assistance", "refused", "income_from_sex_buyer"));
  const auto events = Evaluate(Plan(), after);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].intervention_key, "ea2");
  EXPECT_TRUE(events[0].needs_confirmation);
}

TEST(ContinuityGuardTest, RemovingAnActiveFoundationCannotBypassTheGuard) {
  auto after = Plan();
  after.erase(after.begin());  // economic assistance deleted instead of ended
  const auto events = Evaluate(Plan(), after);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].new_status, kRemovedStatus);
  EXPECT_EQ(events[0].reason_code, "");
  EXPECT_TRUE(events[0].needs_confirmation);
  EXPECT_THAT(events[0].dependents, ElementsAre("ph", "tt", "em", "mk"));
  EXPECT_THAT(events[0].guidance_keys,
              ElementsAre("continuity.foundation", "continuity.economic_assistance",
                          "continuity.removed", "continuity.dependents", "continuity.notify"));
}

TEST(ContinuityGuardTest, RemovingAPlannedOrEndedInterventionIsOrdinaryEditing) {
  auto before = Plan();
  before[4].status = "ended";
  before[4].reason = "goals_reached";
  auto after = before;
  after.erase(after.begin() + 4);  // mika (ended)
  after.erase(after.begin() + 3);  // employment (planned)
  EXPECT_THAT(Evaluate(before, after), IsEmpty());
}

TEST(ContinuityGuardTest, UnknownCodeIsNeitherFoundationNorDependent) {
  auto before = Plan();
  before.push_back(I("x", "not_in_catalogue", "active"));
  auto after = before;
  after[5].status = "ended";
  after[5].reason = "other";
  const auto events = Evaluate(before, after);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_FALSE(events[0].needs_confirmation);
  EXPECT_THAT(events[0].dependents, IsEmpty());
}

TEST(ContinuityGuardTest, SeveralEventsInPlanOrder) {
  auto after = Plan();
  after[4].status = "ended";
  after[4].reason = "goals_reached";
  after[1].status = "ended";
  after[1].reason = "moved";
  const auto events = Evaluate(Plan(), after);
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].intervention_key, "ph");
  EXPECT_EQ(events[1].intervention_key, "mk");
  // The stopped mika is no longer at risk from housing ending.
  EXPECT_THAT(events[0].dependents, ElementsAre("ea", "tt"));
  EXPECT_TRUE(AnyNeedsConfirmation(events));
}

TEST(ContinuityGuardTest, PlanDocumentsWithTheEmbeddedCatalogue) {
  const auto catalogue = InterventionCatalogue::LoadEmbedded();
  ASSERT_TRUE(catalogue) << catalogue.error().detail;
  PlanDocument before;
  for (const auto& [key, code, status] : {std::tuple{"ea", "economic_assistance", "active"},
                                          std::tuple{"hs", "housing_with_support", "active"},
                                          std::tuple{"ng", "ngo_support", "planned"}}) {
    Intervention intervention;
    intervention.key = key;
    intervention.catalogue_code = code;
    intervention.status = status;
    before.interventions.push_back(intervention);
  }
  PlanDocument after = before;
  after.interventions[0].status = "ended";
  after.interventions[0].status_reason = "income_from_sex_buyer";
  const auto events = EvaluateContinuity(before, after, *catalogue, /*case_open=*/true);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_TRUE(events[0].needs_confirmation);
  EXPECT_EQ(events[0].reason_code, "income_from_sex_buyer");
  EXPECT_THAT(events[0].dependents, ElementsAre("hs"));
  EXPECT_THAT(EvaluateContinuity(before, after, *catalogue, /*case_open=*/false), IsEmpty());
}

}  // namespace
}  // namespace fyren::sip
