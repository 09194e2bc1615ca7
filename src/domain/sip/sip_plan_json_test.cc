#include "domain/sip/sip_plan_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/sip/sip_test_plans.h"

namespace fyren::sip {
namespace {

TEST(SipPlanJson, RoundTripsEveryField) {
  const PlanDocument plan = testing::ThreeActorPlan();
  auto back = DecodePlan(EncodePlan(plan));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, plan);
}

TEST(SipPlanJson, RoundTripsAnEmptyPlan) {
  auto back = DecodePlan(EncodePlan(PlanDocument{}));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, PlanDocument{});
}

TEST(SipPlanJson, MissingMembersAreEmpty) {
  auto plan = DecodePlan(R"({"needs": ["Boende"], "interventions": [{"key": "a"}]})");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->needs, std::vector<std::string>{"Boende"});
  ASSERT_EQ(plan->interventions.size(), 1u);
  EXPECT_EQ(plan->interventions[0].key, "a");
  EXPECT_TRUE(plan->interventions[0].status.empty());
  EXPECT_TRUE(plan->goals.empty());
}

TEST(SipPlanJson, WrongTypesNameTheirPath) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {R"([])", "plan"},
      {R"({"goals": {}})", "goals"},
      {R"({"goals": [1]})", "goals[0]"},
      {R"({"needs": ["a", 2]})", "needs[1]"},
      {R"({"interventions": [{"key": "a"}, {"status": 3}]})", "interventions[1].status"},
      {R"({"meetings": [{"participants": "all"}]})", "meetings[0].participants"},
      {R"({"overall_responsible": true})", "overall_responsible"},
  };
  for (const auto& [text, field] : cases) {
    auto plan = DecodePlan(text);
    ASSERT_FALSE(plan) << text;
    EXPECT_EQ(plan.error().code, base::ErrorCode::kInvalidInput);
    EXPECT_EQ(plan.error().field, field) << text;
  }
}

TEST(SipPlanJson, RefusesTextThatIsNotJson) {
  auto plan = DecodePlan("{not json");
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, base::ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace fyren::sip
