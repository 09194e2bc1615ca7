#include "domain/sip/sip_diff.h"

#include <gtest/gtest.h>

#include "domain/sip/sip_test_plans.h"

namespace fyren::sip {
namespace {

TEST(SipDiff, SamePlanHasNoDifferences) {
  const PlanDocument plan = testing::ThreeActorPlan();
  EXPECT_TRUE(ComparePlans(plan, plan).empty());
}

TEST(SipDiff, ReorderingGoalsAndNeedsIsNoChange) {
  const PlanDocument before = testing::ThreeActorPlan();
  PlanDocument after = before;
  std::swap(after.goals[0], after.goals[1]);
  std::swap(after.needs[0], after.needs[1]);
  EXPECT_TRUE(ComparePlans(before, after).empty());
}

TEST(SipDiff, FindsEveryKindOfChange) {
  const PlanDocument before = testing::ThreeActorPlan();
  PlanDocument after = before;
  after.goals[1].text = "Få ett arbete";
  after.needs.push_back("Tandvård");
  after.needs.erase(after.needs.begin());
  after.actors.push_back({.key = "af",
                          .kind = "other",
                          .organisation_id = "",
                          .name = "Arbetsförmedlingen",
                          .contact_role = ""});
  after.interventions[0].status = "ended";
  after.interventions[0].status_reason = "income_from_sex_buyer";
  after.interventions[1].planned_end_on = "2026-09-01";
  after.interventions.erase(after.interventions.begin() + 2);  // i-ngo
  after.interventions.push_back({.key = "i-job",
                                 .catalogue_code = "employment_measures",
                                 .actor_key = "af",
                                 .starts_on = "2026-04-01",
                                 .planned_end_on = "",
                                 .status = "planned",
                                 .status_reason = "",
                                 .note = ""});
  after.overall_responsible = "region";
  after.meetings.push_back({.held_on = "2026-03-01", .participants = {"person"}, .note = ""});

  const PlanDiff diff = ComparePlans(before, after);
  EXPECT_EQ(diff.goals_added, std::vector<std::string>{"Få ett arbete"});
  EXPECT_EQ(diff.goals_removed, std::vector<std::string>{"Börja plugga svenska"});
  EXPECT_EQ(diff.needs_added, std::vector<std::string>{"Tandvård"});
  EXPECT_EQ(diff.needs_removed, std::vector<std::string>{"Ekonomi"});
  EXPECT_EQ(diff.actors_added, std::vector<std::string>{"af"});
  EXPECT_TRUE(diff.actors_removed.empty());
  EXPECT_EQ(diff.interventions_added, std::vector<std::string>{"i-job"});
  EXPECT_EQ(diff.interventions_removed, std::vector<std::string>{"i-ngo"});
  ASSERT_EQ(diff.interventions_changed.size(), 2u);
  EXPECT_EQ(diff.interventions_changed[0],
            (InterventionChange{.key = "i-econ",
                                .catalogue_code = "economic_assistance",
                                .changes = {{"status", "active", "ended"},
                                            {"status_reason", "", "income_from_sex_buyer"}}}));
  EXPECT_EQ(diff.interventions_changed[1].changes,
            (std::vector<FieldChange>{{"planned_end_on", "", "2026-09-01"}}));
  ASSERT_TRUE(diff.overall_responsible);
  EXPECT_EQ(diff.overall_responsible->before, "social");
  EXPECT_EQ(diff.overall_responsible->after, "region");
  EXPECT_FALSE(diff.next_follow_up_on);
  EXPECT_EQ(diff.meetings_added, 1u);
  EXPECT_FALSE(diff.empty());
}

}  // namespace
}  // namespace fyren::sip
