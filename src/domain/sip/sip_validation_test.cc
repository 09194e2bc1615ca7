#include "domain/sip/sip_validation.h"

#include <gtest/gtest.h>

#include "domain/sip/sip_test_plans.h"

namespace fyren::sip {
namespace {

class SipValidation : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = InterventionCatalogue::LoadEmbedded();
    ASSERT_TRUE(loaded) << loaded.error().message;
    catalogue_ = std::move(*loaded);
  }
  std::vector<std::string> Codes(const PlanDocument& plan, bool case_open = true) const {
    const ValidationContext context{
        .catalogue = catalogue_,
        .organisation_exists =
            [](std::string_view id) { return id == "unit-id" || id == "region-id"; },
        .case_open = case_open};
    std::vector<std::string> codes;
    for (const FieldProblem& p : ValidatePlan(plan, context)) codes.push_back(p.code);
    return codes;
  }
  InterventionCatalogue catalogue_;
};

TEST_F(SipValidation, AValidPlanHasNoProblems) {
  EXPECT_TRUE(Codes(testing::ThreeActorPlan()).empty());
}

TEST_F(SipValidation, ReportsEveryProblemAtOnceWithStableCodes) {
  PlanDocument plan = testing::ThreeActorPlan();
  plan.interventions[0].planned_end_on = "2025-12-31";  // before its start
  plan.interventions[1].actor_key = "police";           // not an actor
  plan.interventions[2].note = std::string(kMaxTextLength + 1, 'a');
  plan.interventions[2].catalogue_code = "spa_weekend";
  plan.actors[1].organisation_id = "nowhere";
  plan.goals[0].added_on = "2026-02-30";
  plan.overall_responsible = "someone";
  plan.meetings[0].participants.push_back("ghost");
  plan.next_follow_up_on = "soon";
  EXPECT_EQ(Codes(plan), (std::vector<std::string>{
                             "goals[0].added_on.bad_date",
                             "actors[1].organisation_id.unknown",
                             "interventions[0].planned_end_on.before_start",
                             "interventions[1].actor_key.unknown",
                             "interventions[2].catalogue_code.unknown",
                             "interventions[2].note.too_long",
                             "overall_responsible.unknown",
                             "meetings[0].participants[3].unknown",
                             "next_follow_up_on.bad_date",
                         }));
}

TEST_F(SipValidation, TextLimitCountsCharactersNotBytes) {
  PlanDocument plan = testing::ThreeActorPlan();
  std::string max;
  for (std::size_t i = 0; i < kMaxTextLength; ++i) max += "å";  // two bytes each
  plan.goals[0].text = max;
  EXPECT_TRUE(Codes(plan).empty());
  plan.goals[0].text += "a";
  EXPECT_EQ(Codes(plan), std::vector<std::string>{"goals[0].text.too_long"});
  plan.goals[0].text = "\xff";
  EXPECT_EQ(Codes(plan), std::vector<std::string>{"goals[0].text.invalid_text"});
}

TEST_F(SipValidation, ListLimits) {
  PlanDocument plan = testing::ThreeActorPlan();
  plan.needs.assign(kMaxListItems + 1, "n");
  const auto base = plan.interventions[2];
  for (std::size_t i = 0; plan.interventions.size() <= kMaxInterventions; ++i) {
    auto copy = base;
    copy.key = "x" + std::to_string(i);
    plan.interventions.push_back(copy);
  }
  EXPECT_EQ(Codes(plan), (std::vector<std::string>{"needs.too_many", "interventions.too_many"}));
}

TEST_F(SipValidation, StoppingAnInterventionInAnOpenCaseNeedsAReason) {
  PlanDocument plan = testing::ThreeActorPlan();
  for (const char* status : {"ended", "refused", "paused"}) {
    plan.interventions[0].status = status;
    plan.interventions[0].status_reason = "";
    EXPECT_EQ(Codes(plan), std::vector<std::string>{"interventions[0].status_reason.required"})
        << status;
    EXPECT_TRUE(Codes(plan, /*case_open=*/false).empty()) << status;
    plan.interventions[0].status_reason = "income_from_sex_buyer";
    EXPECT_TRUE(Codes(plan).empty()) << status;
  }
  plan.interventions[0].status_reason = "bad_luck";
  EXPECT_EQ(Codes(plan), std::vector<std::string>{"interventions[0].status_reason.unknown"});
  plan.interventions[0].status = "finished";
  plan.interventions[0].status_reason = "";
  EXPECT_EQ(Codes(plan), std::vector<std::string>{"interventions[0].status.unknown"});
}

TEST_F(SipValidation, ActorsNeedAKindAndAnOrganisationOrName) {
  PlanDocument plan = testing::ThreeActorPlan();
  plan.actors[0].organisation_id = "";
  plan.actors[1].kind = "friend";
  plan.actors[2].name = "";
  plan.actors.push_back(plan.actors[0]);
  plan.actors.back().organisation_id = "unit-id";
  EXPECT_EQ(Codes(plan), (std::vector<std::string>{
                             "actors[0].organisation_id.required", "actors[1].kind.unknown",
                             "actors[2].name.required", "actors[3].key.duplicate"}));
}

TEST_F(SipValidation, PreparePlanDropsEmptyRowsAndFillsDefaults) {
  PlanDocument plan;
  plan.goals = {{.text = "  Eget boende ", .added_on = ""}, {.text = " ", .added_on = ""}};
  plan.needs = {"", " Ekonomi"};
  plan.actors = {
      {.key = "", .kind = "other", .organisation_id = "", .name = "Vän", .contact_role = ""},
      {.key = "", .kind = "unit", .organisation_id = "", .name = "", .contact_role = ""}};
  plan.interventions = {{},
                        {.key = "",
                         .catalogue_code = "interpreter",
                         .actor_key = "",
                         .starts_on = "2026-01-01",
                         .planned_end_on = "",
                         .status = "",
                         .status_reason = "",
                         .note = ""}};
  const PlanDocument prepared = PreparePlan(plan, "2026-05-01");
  ASSERT_EQ(prepared.goals.size(), 1u);
  EXPECT_EQ(prepared.goals[0].text, "Eget boende");
  EXPECT_EQ(prepared.goals[0].added_on, "2026-05-01");
  EXPECT_EQ(prepared.needs, std::vector<std::string>{"Ekonomi"});
  ASSERT_EQ(prepared.actors.size(), 1u);
  EXPECT_FALSE(prepared.actors[0].key.empty());
  ASSERT_EQ(prepared.interventions.size(), 1u);
  EXPECT_FALSE(prepared.interventions[0].key.empty());
  EXPECT_EQ(prepared.interventions[0].status, "planned");
}

TEST_F(SipValidation, FollowUps) {
  const PlanDocument plan = testing::ThreeActorPlan();
  EXPECT_TRUE(ValidateFollowUp(plan, "2026-03-01", "i-econ", "Gick bra").empty());
  EXPECT_TRUE(ValidateFollowUp(plan, "2026-03-01", "", "Hela planen").empty());
  std::vector<std::string> codes;
  for (const auto& p : ValidateFollowUp(plan, "2026-13-01", "nope", "")) codes.push_back(p.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"held_on.bad_date", "intervention_key.unknown",
                                             "outcome.required"}));
}

}  // namespace
}  // namespace fyren::sip
