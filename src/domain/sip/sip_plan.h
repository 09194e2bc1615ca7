#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fyren::sip {

// The coordinated individual plan (samordnad individuell plan, SIP) of one exit case, issue 4
// §3: the whole plan as one document. Every save stores the complete document as a new immutable
// revision (sealed JSON, sip_plan_json.h); the interventions are also projected into plain rows
// for tasks and the continuity guard (sip_store.h).
//
// Fields hold what the user typed, as text: codes, keys and ISO dates ("YYYY-MM-DD") are checked
// by ValidatePlan (sip_validation.h), which reports every problem at once. A document that passed
// validation has only known codes, existing actor keys and real dates.

// Who takes part: an internal unit, an external organisation of the tenant's organisation tree
// (both by the organisation's public id), or someone else by name.
inline constexpr std::string_view kActorUnit = "unit";
inline constexpr std::string_view kActorOrganisation = "organisation";
inline constexpr std::string_view kActorOther = "other";

// The status of an intervention.
inline constexpr std::string_view kStatusPlanned = "planned";
inline constexpr std::string_view kStatusActive = "active";
inline constexpr std::string_view kStatusPaused = "paused";
inline constexpr std::string_view kStatusEnded = "ended";
inline constexpr std::string_view kStatusRefused = "refused";

// Why an intervention was ended, refused or paused (required in an open case, issue 4 §4).
inline constexpr std::string_view kReasonGoalsReached = "goals_reached";
inline constexpr std::string_view kReasonPersonDeclined = "person_declined";
inline constexpr std::string_view kReasonDidNotFollowPlan = "did_not_follow_plan";
inline constexpr std::string_view kReasonIncomeFromSexBuyer = "income_from_sex_buyer";
inline constexpr std::string_view kReasonMoved = "moved";
inline constexpr std::string_view kReasonOther = "other";

// The participant key that names the person the plan is about (meetings list it beside actors).
inline constexpr std::string_view kThePerson = "person";

[[nodiscard]] const std::vector<std::string_view>& ActorKinds();
[[nodiscard]] const std::vector<std::string_view>& InterventionStatuses();
[[nodiscard]] const std::vector<std::string_view>& StatusReasons();
// Ended, refused and paused: the statuses that need a reason in an open case.
[[nodiscard]] bool IsStopStatus(std::string_view status);

struct Goal {
  std::string text;      // in the person's own words
  std::string added_on;  // ISO date
  bool operator==(const Goal&) const = default;
};

struct PlanActor {
  std::string key;              // stable inside the plan; interventions and meetings refer to it
  std::string kind;             // kActorUnit, kActorOrganisation or kActorOther
  std::string organisation_id;  // public id, for unit and organisation
  std::string name;             // for other
  std::string contact_role;     // e.g. "handläggare", "kurator"
  bool operator==(const PlanActor&) const = default;
};

struct Intervention {
  std::string key;  // stable random key inside the plan (NewInterventionKey)
  std::string catalogue_code;
  std::string actor_key;
  std::string starts_on;       // ISO date
  std::string planned_end_on;  // ISO date or empty; not before starts_on
  std::string status;
  std::string status_reason;  // a StatusReasons() code or empty
  std::string note;
  bool operator==(const Intervention&) const = default;
};

struct Meeting {
  std::string held_on;                    // ISO date
  std::vector<std::string> participants;  // actor keys and kThePerson
  std::string note;
  bool operator==(const Meeting&) const = default;
};

struct PlanDocument {
  std::vector<Goal> goals;
  std::vector<std::string> needs;
  std::vector<PlanActor> actors;
  std::vector<Intervention> interventions;
  std::string overall_responsible;  // an actor key
  std::vector<Meeting> meetings;
  std::string next_follow_up_on;  // ISO date or empty
  bool operator==(const PlanDocument&) const = default;

  [[nodiscard]] const PlanActor* FindActor(std::string_view key) const;
  [[nodiscard]] const Intervention* FindIntervention(std::string_view key) const;
};

// A new key for an actor or intervention: short, random, URL- and form-safe.
[[nodiscard]] std::string NewPlanKey();

}  // namespace fyren::sip
