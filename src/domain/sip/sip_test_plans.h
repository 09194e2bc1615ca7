#pragma once

#include "domain/sip/sip_plan.h"

namespace fyren::sip::testing {

// A valid plan with three interventions from three actors (economic assistance from the unit,
// trauma treatment from the region, NGO support from someone named), used by several tests.
inline PlanDocument ThreeActorPlan() {
  PlanDocument plan;
  plan.goals = {{.text = "Ha ett eget boende", .added_on = "2026-01-10"},
                {.text = "Börja plugga svenska", .added_on = "2026-01-10"}};
  plan.needs = {"Ekonomi", "Boende"};
  plan.actors = {{.key = "social",
                  .kind = "unit",
                  .organisation_id = "unit-id",
                  .name = "",
                  .contact_role = "samordnare"},
                 {.key = "region",
                  .kind = "organisation",
                  .organisation_id = "region-id",
                  .name = "",
                  .contact_role = "kurator"},
                 {.key = "ngo",
                  .kind = "other",
                  .organisation_id = "",
                  .name = "Föreningen Exempel",
                  .contact_role = ""}};
  plan.interventions = {{.key = "i-econ",
                         .catalogue_code = "economic_assistance",
                         .actor_key = "social",
                         .starts_on = "2026-01-10",
                         .planned_end_on = "2026-07-01",
                         .status = "active",
                         .status_reason = "",
                         .note = ""},
                        {.key = "i-trauma",
                         .catalogue_code = "trauma_treatment",
                         .actor_key = "region",
                         .starts_on = "2026-02-01",
                         .planned_end_on = "",
                         .status = "planned",
                         .status_reason = "",
                         .note = "Väntar på tid"},
                        {.key = "i-ngo",
                         .catalogue_code = "ngo_support",
                         .actor_key = "ngo",
                         .starts_on = "2026-01-15",
                         .planned_end_on = "2026-12-31",
                         .status = "active",
                         .status_reason = "",
                         .note = ""}};
  plan.overall_responsible = "social";
  plan.meetings = {{.held_on = "2026-01-10",
                    .participants = {"person", "social", "region"},
                    .note = "Första SIP-mötet"}};
  plan.next_follow_up_on = "2026-03-01";
  return plan;
}

}  // namespace fyren::sip::testing
