#include "domain/sip/sip_validation.h"

#include <algorithm>
#include <set>

#include "base/swedish_time.h"
#include "base/utf8.h"

namespace fyren::sip {
namespace {

using Problems = std::vector<FieldProblem>;

void Add(Problems& problems, const std::string& field, std::string_view reason,
         std::string message) {
  problems.push_back(FieldProblem{.field = field,
                                  .code = field + "." + std::string(reason),
                                  .reason = std::string(reason),
                                  .message = std::move(message)});
}

std::string At(std::string_view list, std::size_t index, std::string_view member = {}) {
  std::string path = std::string(list) + "[" + std::to_string(index) + "]";
  if (!member.empty()) path += "." + std::string(member);
  return path;
}

std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// A free text: optional unless `required`; valid UTF-8 within kMaxTextLength.
void CheckText(Problems& problems, const std::string& field, std::string_view text, bool required) {
  if (text.empty()) {
    if (required) Add(problems, field, "required", "Enter " + field + ".");
    return;
  }
  if (!base::IsValidUtf8(text)) {
    Add(problems, field, "invalid_text", field + " contains characters that cannot be read.");
    return;
  }
  if (CodePoints(text) > kMaxTextLength) {
    Add(problems, field, "too_long",
        field + " must be at most " + std::to_string(kMaxTextLength) + " characters.");
  }
}

void CheckDate(Problems& problems, const std::string& field, std::string_view text, bool required) {
  if (text.empty()) {
    if (required) Add(problems, field, "required", "Enter a date for " + field + ".");
    return;
  }
  if (!IsIsoDate(text)) Add(problems, field, "bad_date", field + " must be a date (YYYY-MM-DD).");
}

bool IsKey(std::string_view key) {
  return !key.empty() && key.size() <= 32 && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool IsOneOf(std::string_view value, const std::vector<std::string_view>& allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

void CheckCount(Problems& problems, std::string_view list, std::size_t count, std::size_t limit) {
  if (count > limit) {
    Add(problems, std::string(list), "too_many",
        std::string(list) + " may hold at most " + std::to_string(limit) + " entries.");
  }
}

void CheckActors(const PlanDocument& plan, const ValidationContext& context, Problems& problems) {
  CheckCount(problems, "actors", plan.actors.size(), kMaxListItems);
  std::set<std::string, std::less<>> keys;
  for (std::size_t i = 0; i < plan.actors.size(); ++i) {
    const PlanActor& actor = plan.actors[i];
    if (!IsKey(actor.key)) {
      Add(problems, At("actors", i, "key"), "invalid", "The actor's key is not valid.");
    } else if (!keys.insert(actor.key).second || actor.key == kThePerson) {
      Add(problems, At("actors", i, "key"), "duplicate", "Two actors have the same key.");
    }
    if (!IsOneOf(actor.kind, ActorKinds())) {
      Add(problems, At("actors", i, "kind"), "unknown", "Choose what kind of actor this is.");
    } else if (actor.kind == kActorOther) {
      CheckText(problems, At("actors", i, "name"), actor.name, /*required=*/true);
    } else if (actor.organisation_id.empty()) {
      Add(problems, At("actors", i, "organisation_id"), "required", "Choose the organisation.");
    } else if (!context.organisation_exists ||
               !context.organisation_exists(actor.organisation_id)) {
      Add(problems, At("actors", i, "organisation_id"), "unknown",
          "There is no such organisation.");
    }
    CheckText(problems, At("actors", i, "contact_role"), actor.contact_role, false);
  }
}

void CheckIntervention(const PlanDocument& plan, const ValidationContext& context, std::size_t i,
                       Problems& problems) {
  const Intervention& item = plan.interventions[i];
  if (item.catalogue_code.empty()) {
    Add(problems, At("interventions", i, "catalogue_code"), "required", "Choose the intervention.");
  } else if (context.catalogue.Find(item.catalogue_code) == nullptr) {
    Add(problems, At("interventions", i, "catalogue_code"), "unknown",
        "There is no such intervention in the catalogue.");
  }
  if (item.actor_key.empty()) {
    Add(problems, At("interventions", i, "actor_key"), "required",
        "Choose who is responsible for the intervention.");
  } else if (plan.FindActor(item.actor_key) == nullptr) {
    Add(problems, At("interventions", i, "actor_key"), "unknown",
        "The responsible actor is not one of the plan's actors.");
  }
  CheckDate(problems, At("interventions", i, "starts_on"), item.starts_on, /*required=*/true);
  CheckDate(problems, At("interventions", i, "planned_end_on"), item.planned_end_on, false);
  // ISO dates compare as text.
  if (IsIsoDate(item.starts_on) && IsIsoDate(item.planned_end_on) &&
      item.planned_end_on < item.starts_on) {
    Add(problems, At("interventions", i, "planned_end_on"), "before_start",
        "The planned end must be on or after the start.");
  }
  if (!IsOneOf(item.status, InterventionStatuses())) {
    Add(problems, At("interventions", i, "status"), "unknown", "Choose a status.");
  }
  if (!item.status_reason.empty() && !IsOneOf(item.status_reason, StatusReasons())) {
    Add(problems, At("interventions", i, "status_reason"), "unknown", "Choose a reason.");
  } else if (item.status_reason.empty() && context.case_open && IsStopStatus(item.status)) {
    Add(problems, At("interventions", i, "status_reason"), "required",
        "Choose why the intervention is ended, refused or paused.");
  }
  CheckText(problems, At("interventions", i, "note"), item.note, false);
}

}  // namespace

bool IsIsoDate(std::string_view text) {
  return text.size() == 10 && base::ParseIsoDate(text).has_value();
}

PlanDocument PreparePlan(PlanDocument plan, std::string_view today) {
  const auto trim = [](std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
      s.clear();
      return;
    }
    s = s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
  };
  std::erase_if(plan.goals, [&](Goal& goal) {
    trim(goal.text);
    trim(goal.added_on);
    return goal.text.empty();
  });
  for (Goal& goal : plan.goals) {
    if (goal.added_on.empty()) goal.added_on = std::string(today);
  }
  std::erase_if(plan.needs, [&](std::string& need) {
    trim(need);
    return need.empty();
  });
  std::erase_if(plan.actors, [&](PlanActor& a) {
    for (std::string* s : {&a.key, &a.kind, &a.organisation_id, &a.name, &a.contact_role}) trim(*s);
    return a.organisation_id.empty() && a.name.empty() && a.contact_role.empty();
  });
  for (PlanActor& actor : plan.actors) {
    if (actor.key.empty()) actor.key = NewPlanKey();
  }
  std::erase_if(plan.interventions, [&](Intervention& i) {
    for (std::string* s : {&i.key, &i.catalogue_code, &i.actor_key, &i.starts_on, &i.planned_end_on,
                           &i.status, &i.status_reason, &i.note}) {
      trim(*s);
    }
    return i.catalogue_code.empty() && i.actor_key.empty() && i.starts_on.empty() &&
           i.planned_end_on.empty() && i.note.empty();
  });
  for (Intervention& item : plan.interventions) {
    if (item.key.empty()) item.key = NewPlanKey();
    if (item.status.empty()) item.status = std::string(kStatusPlanned);
  }
  std::erase_if(plan.meetings, [&](Meeting& m) {
    trim(m.held_on);
    trim(m.note);
    std::erase_if(m.participants, [&](std::string& p) {
      trim(p);
      return p.empty();
    });
    return m.held_on.empty() && m.note.empty() && m.participants.empty();
  });
  trim(plan.overall_responsible);
  trim(plan.next_follow_up_on);
  return plan;
}

std::vector<FieldProblem> ValidatePlan(const PlanDocument& plan, const ValidationContext& context) {
  Problems problems;
  CheckCount(problems, "goals", plan.goals.size(), kMaxListItems);
  for (std::size_t i = 0; i < plan.goals.size(); ++i) {
    CheckText(problems, At("goals", i, "text"), plan.goals[i].text, /*required=*/true);
    CheckDate(problems, At("goals", i, "added_on"), plan.goals[i].added_on, /*required=*/true);
  }
  CheckCount(problems, "needs", plan.needs.size(), kMaxListItems);
  for (std::size_t i = 0; i < plan.needs.size(); ++i) {
    CheckText(problems, At("needs", i), plan.needs[i], /*required=*/true);
  }
  CheckActors(plan, context, problems);
  CheckCount(problems, "interventions", plan.interventions.size(), kMaxInterventions);
  std::set<std::string, std::less<>> keys;
  for (std::size_t i = 0; i < plan.interventions.size(); ++i) {
    const std::string& key = plan.interventions[i].key;
    if (!IsKey(key)) {
      Add(problems, At("interventions", i, "key"), "invalid",
          "The intervention's key is not valid.");
    } else if (!keys.insert(key).second) {
      Add(problems, At("interventions", i, "key"), "duplicate",
          "Two interventions have the same key.");
    }
    CheckIntervention(plan, context, i, problems);
  }
  if (!plan.overall_responsible.empty() && plan.FindActor(plan.overall_responsible) == nullptr) {
    Add(problems, "overall_responsible", "unknown",
        "Overall responsibility must lie with one of the plan's actors.");
  }
  CheckCount(problems, "meetings", plan.meetings.size(), kMaxListItems);
  for (std::size_t i = 0; i < plan.meetings.size(); ++i) {
    const Meeting& meeting = plan.meetings[i];
    CheckDate(problems, At("meetings", i, "held_on"), meeting.held_on, /*required=*/true);
    if (meeting.participants.size() > kMaxListItems + 1) {
      Add(problems, At("meetings", i, "participants"), "too_many", "Too many participants.");
    }
    for (std::size_t j = 0; j < meeting.participants.size(); ++j) {
      const std::string& who = meeting.participants[j];
      if (who != kThePerson && plan.FindActor(who) == nullptr) {
        Add(problems, At("meetings", i, "participants") + "[" + std::to_string(j) + "]", "unknown",
            "A participant is not one of the plan's actors.");
      }
    }
    CheckText(problems, At("meetings", i, "note"), meeting.note, false);
  }
  CheckDate(problems, "next_follow_up_on", plan.next_follow_up_on, false);
  return problems;
}

std::vector<FieldProblem> ValidateFollowUp(const PlanDocument& plan, std::string_view held_on,
                                           std::string_view intervention_key,
                                           std::string_view outcome) {
  Problems problems;
  CheckDate(problems, "held_on", held_on, /*required=*/true);
  if (!intervention_key.empty() && plan.FindIntervention(intervention_key) == nullptr) {
    Add(problems, "intervention_key", "unknown", "Choose an intervention of the plan.");
  }
  CheckText(problems, "outcome", outcome, /*required=*/true);
  return problems;
}

}  // namespace fyren::sip
