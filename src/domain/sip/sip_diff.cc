#include "domain/sip/sip_diff.h"

#include <algorithm>
#include <functional>

namespace fyren::sip {
namespace {

// The texts of `a` that `b` does not hold, counting duplicates (a multiset difference).
std::vector<std::string> Missing(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

template <typename T>
std::vector<std::string> KeysOf(const std::vector<T>& items) {
  std::vector<std::string> keys;
  for (const T& item : items) keys.push_back(item.key);
  return keys;
}

std::vector<std::string> GoalTexts(const PlanDocument& plan) {
  std::vector<std::string> texts;
  for (const Goal& goal : plan.goals) texts.push_back(goal.text);
  return texts;
}

// Keys in `a` that are not in `b`, in the order of `a`.
std::vector<std::string> KeysMissing(const std::vector<std::string>& a,
                                     const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& key : a) {
    if (std::find(b.begin(), b.end(), key) == b.end()) out.push_back(key);
  }
  return out;
}

std::optional<FieldChange> Changed(std::string field, const std::string& before,
                                   const std::string& after) {
  if (before == after) return std::nullopt;
  return FieldChange{.field = std::move(field), .before = before, .after = after};
}

}  // namespace

bool PlanDiff::empty() const {
  return goals_added.empty() && goals_removed.empty() && needs_added.empty() &&
         needs_removed.empty() && actors_added.empty() && actors_removed.empty() &&
         interventions_added.empty() && interventions_removed.empty() &&
         interventions_changed.empty() && !overall_responsible && !next_follow_up_on &&
         meetings_added == 0;
}

PlanDiff ComparePlans(const PlanDocument& before, const PlanDocument& after) {
  PlanDiff diff;
  diff.goals_added = Missing(GoalTexts(after), GoalTexts(before));
  diff.goals_removed = Missing(GoalTexts(before), GoalTexts(after));
  diff.needs_added = Missing(after.needs, before.needs);
  diff.needs_removed = Missing(before.needs, after.needs);
  diff.actors_added = KeysMissing(KeysOf(after.actors), KeysOf(before.actors));
  diff.actors_removed = KeysMissing(KeysOf(before.actors), KeysOf(after.actors));
  diff.interventions_added = KeysMissing(KeysOf(after.interventions), KeysOf(before.interventions));
  diff.interventions_removed =
      KeysMissing(KeysOf(before.interventions), KeysOf(after.interventions));
  for (const Intervention& now : after.interventions) {
    const Intervention* was = before.FindIntervention(now.key);
    if (was == nullptr) continue;
    InterventionChange change{.key = now.key, .catalogue_code = now.catalogue_code, .changes = {}};
    for (const auto& [field, member] : {std::pair{"catalogue_code", &Intervention::catalogue_code},
                                        std::pair{"actor_key", &Intervention::actor_key},
                                        std::pair{"starts_on", &Intervention::starts_on},
                                        std::pair{"planned_end_on", &Intervention::planned_end_on},
                                        std::pair{"status", &Intervention::status},
                                        std::pair{"status_reason", &Intervention::status_reason},
                                        std::pair{"note", &Intervention::note}}) {
      if (auto c = Changed(field, (*was).*member, now.*member)) change.changes.push_back(*c);
    }
    if (!change.changes.empty()) diff.interventions_changed.push_back(std::move(change));
  }
  diff.overall_responsible =
      Changed("overall_responsible", before.overall_responsible, after.overall_responsible);
  diff.next_follow_up_on =
      Changed("next_follow_up_on", before.next_follow_up_on, after.next_follow_up_on);
  if (after.meetings.size() > before.meetings.size()) {
    diff.meetings_added = after.meetings.size() - before.meetings.size();
  }
  return diff;
}

}  // namespace fyren::sip
