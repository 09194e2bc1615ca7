#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/sip/intervention_catalogue.h"
#include "domain/sip/sip_plan.h"

namespace fyren::sip {

// The continuity guard (issue 4 §4; decision SLK-2022-00921: ending one intervention can topple
// the others and the person's trust, e.g. a housing placement ended because the plan was not
// followed, or economic assistance refused because the person got money from a sex buyer).
//
// A pure rule over two states of one plan: no I/O, no clock, thread-safe. The SIP service calls
// it on every save, before writing, and refuses to save events that need confirmation until the
// coordinator confirms; then it notifies (tasks) and writes a de-identified fact (stats).

// What the guard needs from one intervention of a plan. Codes are the stored ones:
// status 'planned' | 'active' | 'paused' | 'ended' | 'refused'; reason one of
// goals_reached, person_declined, did_not_follow_plan, income_from_sex_buyer, moved, other
// (empty when none), as in sip_plan.h. `key` is the intervention's stable key inside the plan.
struct InterventionState {
  std::string key;
  std::string code;
  std::string status;
  std::string reason;
};

// What the guard needs from one catalogue entry (content/catalogues/interventions.toml).
struct ContinuityEntry {
  bool foundation = false;
  std::vector<std::string> rests_on;
};

// The catalogue by code. An intervention whose code is not here counts as neither a foundation
// nor a dependent (the catalogue loader refuses unknown codes, so this is only defensive).
using ContinuityCatalogue = std::map<std::string, ContinuityEntry, std::less<>>;

// The status an intervention gets when it disappears from the plan while active or paused:
// deleting it has the same effect for the person as ending it, so it cannot bypass the guard.
inline constexpr std::string_view kRemovedStatus = "removed";

// One intervention that stops (ended, refused, paused or removed) in this save.
struct GuardEvent {
  std::string intervention_key;
  std::string catalogue_code;
  std::string new_status;   // 'ended' | 'refused' | 'paused' | 'removed'
  std::string reason_code;  // as saved; empty for 'removed' or when missing
  // Keys of interventions in the new plan that are still going (planned, active or paused) and
  // rest on this one: those whose catalogue entry lists its code in rests_on, plus every active
  // one when a foundation stops. Plan order, no duplicates, never the event's own key.
  std::vector<std::string> dependents;
  // i18n keys (web/i18n/*.toml, section [continuity]) of the decision's guidance for this event,
  // in display order.
  std::vector<std::string> guidance_keys;
  // True when the stopped intervention is a foundation or the reason is did_not_follow_plan or
  // income_from_sex_buyer: the save waits for the coordinator's explicit confirmation.
  bool needs_confirmation = false;

  bool operator==(const GuardEvent&) const = default;
};

// The events of going from `before` to `after` (in `after`'s order, then removed ones in
// `before`'s order). Only an open case has events: a paused or closed case's interventions are
// already not running through the plan. An intervention counts as stopping when its status in
// `after` is ended, refused or paused and it was not already in that status in `before` (also
// when it is new in `after`: refusing an application is recorded that way), or when it was
// active or paused in `before` and is missing from `after`.
[[nodiscard]] std::vector<GuardEvent> EvaluateContinuity(std::span<const InterventionState> before,
                                                         std::span<const InterventionState> after,
                                                         const ContinuityCatalogue& catalogue,
                                                         bool case_open);

// The same over two revisions of a plan document (sip_plan.h) and the loaded catalogue: the
// signature the SIP service calls from Save.
[[nodiscard]] std::vector<GuardEvent> EvaluateContinuity(const PlanDocument& before,
                                                         const PlanDocument& after,
                                                         const InterventionCatalogue& catalogue,
                                                         bool case_open);

// The guard's view of a plan and of the catalogue (for callers holding other shapes).
[[nodiscard]] std::vector<InterventionState> GuardStates(const PlanDocument& plan);
[[nodiscard]] ContinuityCatalogue GuardCatalogue(const InterventionCatalogue& catalogue);

// True when any event needs the coordinator's confirmation before the save may proceed.
[[nodiscard]] bool AnyNeedsConfirmation(std::span<const GuardEvent> events);

}  // namespace fyren::sip
