#include "domain/sip/sip_plan.h"

#include <algorithm>

#include "base/random.h"

namespace fyren::sip {

const std::vector<std::string_view>& ActorKinds() {
  static const std::vector<std::string_view> kinds{kActorUnit, kActorOrganisation, kActorOther};
  return kinds;
}

const std::vector<std::string_view>& InterventionStatuses() {
  static const std::vector<std::string_view> statuses{kStatusPlanned, kStatusActive, kStatusPaused,
                                                      kStatusEnded, kStatusRefused};
  return statuses;
}

const std::vector<std::string_view>& StatusReasons() {
  static const std::vector<std::string_view> reasons{
      kReasonGoalsReached,       kReasonPersonDeclined, kReasonDidNotFollowPlan,
      kReasonIncomeFromSexBuyer, kReasonMoved,          kReasonOther};
  return reasons;
}

bool IsStopStatus(std::string_view status) {
  return status == kStatusEnded || status == kStatusRefused || status == kStatusPaused;
}

const PlanActor* PlanDocument::FindActor(std::string_view key) const {
  const auto it = std::find_if(actors.begin(), actors.end(),
                               [&](const PlanActor& actor) { return actor.key == key; });
  return it == actors.end() ? nullptr : &*it;
}

const Intervention* PlanDocument::FindIntervention(std::string_view key) const {
  const auto it =
      std::find_if(interventions.begin(), interventions.end(),
                   [&](const Intervention& intervention) { return intervention.key == key; });
  return it == interventions.end() ? nullptr : &*it;
}

std::string NewPlanKey() {
  // 10 base32 characters (50 bits) are plenty inside one plan; the public id alphabet keeps the
  // key safe in form field names and URLs.
  return base::NewPublicId().substr(0, 10);
}

}  // namespace fyren::sip
