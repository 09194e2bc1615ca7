#include "domain/sip/continuity_guard.h"

#include <algorithm>

namespace fyren::sip {
namespace {

constexpr std::string_view kEconomicAssistance = "economic_assistance";

// Still in the person's life, so still at risk when something it rests on stops.
bool IsGoing(std::string_view status) {
  return status == kStatusPlanned || status == kStatusActive || status == kStatusPaused;
}

const InterventionState* FindByKey(std::span<const InterventionState> plan, std::string_view key) {
  const auto it = std::find_if(plan.begin(), plan.end(),
                               [key](const InterventionState& i) { return i.key == key; });
  return it == plan.end() ? nullptr : &*it;
}

const ContinuityEntry* FindEntry(const ContinuityCatalogue& catalogue, std::string_view code) {
  const auto it = catalogue.find(code);
  return it == catalogue.end() ? nullptr : &it->second;
}

bool RestsOn(const ContinuityCatalogue& catalogue, std::string_view code,
             std::string_view foundation_code) {
  const ContinuityEntry* entry = FindEntry(catalogue, code);
  if (entry == nullptr) return false;
  return std::find(entry->rests_on.begin(), entry->rests_on.end(), foundation_code) !=
         entry->rests_on.end();
}

std::vector<std::string> DependentsOf(const InterventionState& stopped, bool is_foundation,
                                      std::span<const InterventionState> after,
                                      const ContinuityCatalogue& catalogue) {
  std::vector<std::string> dependents;
  for (const InterventionState& other : after) {
    if (other.key == stopped.key || !IsGoing(other.status)) continue;
    // When a foundation stops, everything running is at risk (the decision: the other ongoing
    // interventions can topple), not only what the catalogue says rests on it.
    const bool depends = RestsOn(catalogue, other.code, stopped.code) ||
                         (is_foundation && other.status == kStatusActive);
    if (depends) dependents.push_back(other.key);
  }
  return dependents;
}

// The decision's guidance that applies, most specific to the reason first.
std::vector<std::string> GuidanceFor(const GuardEvent& event, bool is_foundation) {
  std::vector<std::string> keys;
  if (event.reason_code == kReasonIncomeFromSexBuyer) {
    keys.emplace_back("continuity.income_from_sex_buyer");
  }
  if (event.reason_code == kReasonDidNotFollowPlan) {
    keys.emplace_back("continuity.did_not_follow_plan");
  }
  if (is_foundation) keys.emplace_back("continuity.foundation");
  if (event.catalogue_code == kEconomicAssistance) {
    keys.emplace_back("continuity.economic_assistance");
  }
  if (event.new_status == kStatusPaused) keys.emplace_back("continuity.paused");
  if (event.new_status == kRemovedStatus) keys.emplace_back("continuity.removed");
  if (!event.dependents.empty()) keys.emplace_back("continuity.dependents");
  if (event.needs_confirmation) keys.emplace_back("continuity.notify");
  return keys;
}

GuardEvent MakeEvent(const InterventionState& stopped, std::string_view new_status,
                     std::string_view reason, std::span<const InterventionState> after,
                     const ContinuityCatalogue& catalogue) {
  const ContinuityEntry* entry = FindEntry(catalogue, stopped.code);
  const bool is_foundation = entry != nullptr && entry->foundation;
  GuardEvent event;
  event.intervention_key = stopped.key;
  event.catalogue_code = stopped.code;
  event.new_status = std::string(new_status);
  event.reason_code = std::string(reason);
  event.dependents = DependentsOf(stopped, is_foundation, after, catalogue);
  event.needs_confirmation =
      is_foundation || reason == kReasonDidNotFollowPlan || reason == kReasonIncomeFromSexBuyer;
  event.guidance_keys = GuidanceFor(event, is_foundation);
  return event;
}

}  // namespace

std::vector<GuardEvent> EvaluateContinuity(std::span<const InterventionState> before,
                                           std::span<const InterventionState> after,
                                           const ContinuityCatalogue& catalogue, bool case_open) {
  std::vector<GuardEvent> events;
  if (!case_open) return events;
  for (const InterventionState& now : after) {
    if (!IsStopStatus(now.status)) continue;
    const InterventionState* was = FindByKey(before, now.key);
    if (was != nullptr && was->status == now.status) continue;
    events.push_back(MakeEvent(now, now.status, now.reason, after, catalogue));
  }
  for (const InterventionState& was : before) {
    if (was.status != kStatusActive && was.status != kStatusPaused) continue;
    if (FindByKey(after, was.key) != nullptr) continue;
    events.push_back(MakeEvent(was, kRemovedStatus, "", after, catalogue));
  }
  return events;
}

std::vector<InterventionState> GuardStates(const PlanDocument& plan) {
  std::vector<InterventionState> states;
  states.reserve(plan.interventions.size());
  for (const Intervention& i : plan.interventions) {
    states.push_back(
        {.key = i.key, .code = i.catalogue_code, .status = i.status, .reason = i.status_reason});
  }
  return states;
}

ContinuityCatalogue GuardCatalogue(const InterventionCatalogue& catalogue) {
  ContinuityCatalogue result;
  for (const CatalogueEntry& entry : catalogue.entries()) {
    result.emplace(entry.code,
                   ContinuityEntry{.foundation = entry.foundation, .rests_on = entry.rests_on});
  }
  return result;
}

std::vector<GuardEvent> EvaluateContinuity(const PlanDocument& before, const PlanDocument& after,
                                           const InterventionCatalogue& catalogue, bool case_open) {
  if (!case_open) return {};
  return EvaluateContinuity(GuardStates(before), GuardStates(after), GuardCatalogue(catalogue),
                            case_open);
}

bool AnyNeedsConfirmation(std::span<const GuardEvent> events) {
  return std::any_of(events.begin(), events.end(),
                     [](const GuardEvent& e) { return e.needs_confirmation; });
}

}  // namespace fyren::sip
