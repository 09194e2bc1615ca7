#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/sip/intervention_catalogue.h"
#include "domain/sip/sip_plan.h"

namespace fyren::sip {

// Limits of one plan (issue 4, Bad input).
inline constexpr std::size_t kMaxTextLength = 2000;  // characters (code points) per text
inline constexpr std::size_t kMaxListItems = 30;     // goals, needs, actors, meetings
inline constexpr std::size_t kMaxInterventions = 50;

// A problem with one field of the plan. `field` is the path of the field
// ("interventions[2].planned_end_on"); `code` is stable and names field and reason
// ("interventions[2].planned_end_on.before_start"); `reason` is the reason alone
// ("before_start") so a page can translate it; `message` is plain English for the API. None of
// them ever holds what was typed.
struct FieldProblem {
  std::string field;
  std::string code;
  std::string reason;
  std::string message;
  bool operator==(const FieldProblem&) const = default;
};

struct ValidationContext {
  const InterventionCatalogue& catalogue;
  // True when the public id names an organisation of the tenant's tree (units and partners).
  std::function<bool(std::string_view public_id)> organisation_exists;
  // Ending, refusing or pausing an intervention in an open case needs a reason (issue 4 §4).
  bool case_open = true;
};

// Tidies what a form or API client sent before validation: trims surrounding white space, drops
// rows left completely empty (the editor's spare rows), gives actors and interventions without a
// key a new one, dates goals without a date with `today` (ISO) and sets a missing status to
// "planned". Pure function.
[[nodiscard]] PlanDocument PreparePlan(PlanDocument plan, std::string_view today);

// Every problem of the plan, in document order; empty when it can be saved. Pure function;
// thread-safe when `organisation_exists` is.
[[nodiscard]] std::vector<FieldProblem> ValidatePlan(const PlanDocument& plan,
                                                     const ValidationContext& context);

// The problems of one follow-up entry: an ISO date, an outcome text (required, within the
// limit) and, when given, the key of an intervention of `plan`.
[[nodiscard]] std::vector<FieldProblem> ValidateFollowUp(const PlanDocument& plan,
                                                         std::string_view held_on,
                                                         std::string_view intervention_key,
                                                         std::string_view outcome);

// True for a real calendar date written "YYYY-MM-DD".
[[nodiscard]] bool IsIsoDate(std::string_view text);

}  // namespace fyren::sip
