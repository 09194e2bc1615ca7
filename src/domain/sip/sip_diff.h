#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/sip/sip_plan.h"

namespace fyren::sip {

// One field of an intervention that differs between two revisions.
struct FieldChange {
  std::string field;  // "catalogue_code", "actor_key", "starts_on", "planned_end_on", "status",
                      // "status_reason", "note"
  std::string before;
  std::string after;
  bool operator==(const FieldChange&) const = default;
};

struct InterventionChange {
  std::string key;
  std::string catalogue_code;  // as in the later revision
  std::vector<FieldChange> changes;
  bool operator==(const InterventionChange&) const = default;
};

// What changed from one revision (`before`) to another (`after`), issue 4 §3 ("every revision
// is kept and can be compared"). Texts are compared as written; the order of goals and needs does
// not count as a change. Interventions and actors are matched by key.
struct PlanDiff {
  std::vector<std::string> goals_added;  // goal texts
  std::vector<std::string> goals_removed;
  std::vector<std::string> needs_added;
  std::vector<std::string> needs_removed;
  std::vector<std::string> actors_added;  // actor keys
  std::vector<std::string> actors_removed;
  std::vector<std::string> interventions_added;  // intervention keys
  std::vector<std::string> interventions_removed;
  std::vector<InterventionChange> interventions_changed;
  std::optional<FieldChange> overall_responsible;  // field "overall_responsible"
  std::optional<FieldChange> next_follow_up_on;    // field "next_follow_up_on"
  std::size_t meetings_added = 0;

  [[nodiscard]] bool empty() const;
  bool operator==(const PlanDiff&) const = default;
};

// Pure function; thread-safe.
[[nodiscard]] PlanDiff ComparePlans(const PlanDocument& before, const PlanDocument& after);

}  // namespace fyren::sip
