#include "pages/sip_view.h"

#include <algorithm>
#include <map>

#include "base/swedish_time.h"
#include "http/csrf.h"

namespace fyren::pages {
namespace {

// How many rows of a repeated group the decoder looks at: the plan's limits plus spare rows.
constexpr std::size_t kMaxRows = 60;

std::optional<std::string> Field(const http::Request& request, const std::string& name) {
  return http::FormField(request, name);
}

std::string Row(std::string_view list, std::size_t i, std::string_view member) {
  return std::string(list) + "[" + std::to_string(i) + "]." + std::string(member);
}

std::string OrganisationName(std::span<const sip::OrganisationRef> organisations,
                             std::string_view locale, std::string_view public_id) {
  for (const sip::OrganisationRef& o : organisations) {
    if (o.public_id == public_id) return locale == "en" ? o.name_en : o.name_sv;
  }
  return std::string(public_id);
}

std::string ActorName(std::span<const sip::OrganisationRef> organisations, std::string_view locale,
                      const sip::PlanDocument& plan, std::string_view key) {
  const sip::PlanActor* actor = plan.FindActor(key);
  if (actor == nullptr) return std::string(key);
  std::string name = actor->kind == sip::kActorOther
                         ? actor->name
                         : OrganisationName(organisations, locale, actor->organisation_id);
  if (!actor->contact_role.empty()) name += " (" + actor->contact_role + ")";
  return name;
}

std::string CatalogueName(const sip::InterventionCatalogue& catalogue, std::string_view locale,
                          std::string_view code) {
  const sip::CatalogueEntry* entry = catalogue.Find(code);
  return entry == nullptr ? std::string(code) : std::string(entry->Name(locale));
}

render::View Option(std::string_view value, std::string_view label, bool selected) {
  render::View option;
  option.Set("value", value).Set("label", label).SetFlag("selected", selected);
  return option;
}

// Problems by field path ("interventions[2].planned_end_on" -> message).
using ProblemMap = std::map<std::string, std::string, std::less<>>;

ProblemMap MapProblems(const render::Catalog& t, std::span<const sip::FieldProblem> problems) {
  ProblemMap out;
  for (const sip::FieldProblem& p : problems) {
    out.emplace(p.field, std::string(t.GetOr("sip.problem." + p.reason, p.message)));
  }
  return out;
}

// Sets `<member>` and, when there is a problem, `<member>_error` on a row.
void SetValue(render::View& row, const ProblemMap& problems, const std::string& path,
              std::string_view member, std::string_view value) {
  row.Set(member, value);
  if (const auto it = problems.find(path); it != problems.end()) {
    row.Set(std::string(member) + "_error", it->second);
  }
}

}  // namespace

SipForm SipFormFromRequest(const http::Request& request) {
  SipForm form;
  sip::SaveInput& in = form.input;
  sip::PlanDocument& plan = in.document;
  try {
    in.expected_version = std::stoll(Field(request, "version").value_or("0"));
  } catch (const std::exception&) {
    in.expected_version = -1;  // can only conflict
  }
  in.change_note = Field(request, "change_note").value_or("");
  in.guard_confirmed = Field(request, "confirmed").value_or("") == "1";
  form.add = Field(request, "add").value_or("");
  for (std::size_t i = 0; i < kMaxRows; ++i) {
    auto text = Field(request, Row("goals", i, "text"));
    if (!text) break;
    plan.goals.push_back(
        {.text = *text, .added_on = Field(request, Row("goals", i, "added_on")).value_or("")});
  }
  for (std::size_t i = 0; i < kMaxRows; ++i) {
    auto text = Field(request, Row("needs", i, "text"));
    if (!text) break;
    plan.needs.push_back(*text);
  }
  for (std::size_t i = 0; i < kMaxRows; ++i) {
    auto kind = Field(request, Row("actors", i, "kind"));
    if (!kind) break;
    plan.actors.push_back(
        {.key = Field(request, Row("actors", i, "key")).value_or(""),
         .kind = *kind,
         .organisation_id = Field(request, Row("actors", i, "organisation_id")).value_or(""),
         .name = Field(request, Row("actors", i, "name")).value_or(""),
         .contact_role = Field(request, Row("actors", i, "contact_role")).value_or("")});
  }
  for (std::size_t i = 0; i < kMaxRows; ++i) {
    auto code = Field(request, Row("interventions", i, "catalogue_code"));
    if (!code) break;
    const auto get = [&](std::string_view member) {
      return Field(request, Row("interventions", i, member)).value_or("");
    };
    plan.interventions.push_back({.key = get("key"),
                                  .catalogue_code = *code,
                                  .actor_key = get("actor_key"),
                                  .starts_on = get("starts_on"),
                                  .planned_end_on = get("planned_end_on"),
                                  .status = get("status"),
                                  .status_reason = get("status_reason"),
                                  .note = get("note")});
  }
  for (std::size_t i = 0; i < kMaxRows; ++i) {
    auto held_on = Field(request, Row("meetings", i, "held_on"));
    if (!held_on) break;
    sip::Meeting meeting{.held_on = *held_on,
                         .participants = {},
                         .note = Field(request, Row("meetings", i, "note")).value_or("")};
    if (Field(request, Row("meetings", i, "participant.person"))) {
      meeting.participants.emplace_back(sip::kThePerson);
    }
    for (const sip::PlanActor& actor : plan.actors) {
      if (!actor.key.empty() && Field(request, Row("meetings", i, "participant." + actor.key))) {
        meeting.participants.push_back(actor.key);
      }
    }
    plan.meetings.push_back(std::move(meeting));
  }
  plan.overall_responsible = Field(request, "overall_responsible").value_or("");
  plan.next_follow_up_on = Field(request, "next_follow_up_on").value_or("");
  return form;
}

render::View PlanValues(const render::Catalog& t, std::string_view locale,
                        const sip::InterventionCatalogue& catalogue,
                        std::span<const sip::OrganisationRef> organisations,
                        const sip::PlanDocument& plan) {
  render::View v;
  for (const sip::Goal& goal : plan.goals) {
    render::View item;
    item.Set("text", goal.text).Set("added_on", goal.added_on);
    v.Append("goals", std::move(item));
  }
  for (const std::string& need : plan.needs) {
    render::View item;
    item.Set("text", need);
    v.Append("needs", std::move(item));
  }
  for (const sip::PlanActor& actor : plan.actors) {
    render::View item;
    item.Set("name", ActorName(organisations, locale, plan, actor.key))
        .Set("kind", std::string(t.GetOr("sip.actor_kind." + actor.kind, actor.kind)))
        .SetFlag("responsible", actor.key == plan.overall_responsible);
    v.Append("actors", std::move(item));
  }
  for (const sip::Intervention& i : plan.interventions) {
    render::View item;
    item.Set("name", CatalogueName(catalogue, locale, i.catalogue_code))
        .Set("actor", ActorName(organisations, locale, plan, i.actor_key))
        .Set("starts_on", i.starts_on)
        .Set("planned_end_on", i.planned_end_on)
        .Set("status", std::string(t.GetOr("sip.status." + i.status, i.status)))
        .Set("status_code", i.status)
        .Set("note", i.note);
    if (!i.status_reason.empty()) {
      item.Set("reason", std::string(t.GetOr("sip.reason." + i.status_reason, i.status_reason)));
    }
    v.Append("interventions", std::move(item));
  }
  for (const sip::Meeting& meeting : plan.meetings) {
    std::string who;
    for (const std::string& p : meeting.participants) {
      if (!who.empty()) who += ", ";
      who += p == sip::kThePerson ? std::string(t.Get("sip.the_person"))
                                  : ActorName(organisations, locale, plan, p);
    }
    render::View item;
    item.Set("held_on", meeting.held_on).Set("participants", who).Set("note", meeting.note);
    v.Append("meetings", std::move(item));
  }
  v.SetFlag("has_goals", !plan.goals.empty())
      .SetFlag("has_needs", !plan.needs.empty())
      .SetFlag("has_actors", !plan.actors.empty())
      .SetFlag("has_interventions", !plan.interventions.empty())
      .SetFlag("has_meetings", !plan.meetings.empty());
  if (!plan.overall_responsible.empty()) {
    v.Set("overall_responsible", ActorName(organisations, locale, plan, plan.overall_responsible));
  }
  v.Set("next_follow_up_on", plan.next_follow_up_on);
  return v;
}

void SetEditor(render::View& page, const render::Catalog& t, std::string_view locale,
               const sip::InterventionCatalogue& catalogue,
               std::span<const sip::OrganisationRef> organisations, const sip::PlanDocument& plan,
               std::string_view add, std::span<const sip::FieldProblem> problems) {
  const ProblemMap errors = MapProblems(t, problems);
  sip::PlanDocument rows = plan;
  if (add == "goal" || rows.goals.empty()) rows.goals.push_back({});
  if (add == "need" || rows.needs.empty()) rows.needs.emplace_back();
  if (add == "actor" || rows.actors.empty()) rows.actors.push_back({});
  if (add == "intervention" || rows.interventions.empty()) rows.interventions.push_back({});
  if (add == "meeting" || rows.meetings.empty()) rows.meetings.push_back({});

  for (std::size_t i = 0; i < rows.goals.size(); ++i) {
    render::View row;
    row.Set("prefix", "goals[" + std::to_string(i) + "]").Set("number", std::to_string(i + 1));
    SetValue(row, errors, Row("goals", i, "text"), "text", rows.goals[i].text);
    SetValue(row, errors, Row("goals", i, "added_on"), "added_on", rows.goals[i].added_on);
    page.Append("goal_rows", std::move(row));
  }
  for (std::size_t i = 0; i < rows.needs.size(); ++i) {
    render::View row;
    row.Set("prefix", "needs[" + std::to_string(i) + "]").Set("number", std::to_string(i + 1));
    SetValue(row, errors, "needs[" + std::to_string(i) + "]", "text", rows.needs[i]);
    page.Append("need_rows", std::move(row));
  }
  for (std::size_t i = 0; i < rows.actors.size(); ++i) {
    const sip::PlanActor& actor = rows.actors[i];
    render::View row;
    row.Set("prefix", "actors[" + std::to_string(i) + "]")
        .Set("number", std::to_string(i + 1))
        .Set("key", actor.key);
    for (const std::string_view kind : sip::ActorKinds()) {
      row.Append("kind_options", Option(kind, t.Get("sip.actor_kind." + std::string(kind)),
                                        actor.kind == kind || (actor.kind.empty() &&
                                                               kind == sip::kActorOrganisation)));
    }
    for (const sip::OrganisationRef& o : organisations) {
      row.Append("organisation_options", Option(o.public_id, locale == "en" ? o.name_en : o.name_sv,
                                                o.public_id == actor.organisation_id));
    }
    SetValue(row, errors, Row("actors", i, "kind"), "kind", actor.kind);
    SetValue(row, errors, Row("actors", i, "organisation_id"), "organisation_id",
             actor.organisation_id);
    SetValue(row, errors, Row("actors", i, "name"), "name", actor.name);
    SetValue(row, errors, Row("actors", i, "contact_role"), "contact_role", actor.contact_role);
    page.Append("actor_rows", std::move(row));
  }
  for (std::size_t i = 0; i < rows.interventions.size(); ++i) {
    const sip::Intervention& item = rows.interventions[i];
    render::View row;
    row.Set("prefix", "interventions[" + std::to_string(i) + "]")
        .Set("number", std::to_string(i + 1))
        .Set("key", item.key);
    for (const sip::CatalogueEntry& entry : catalogue.entries()) {
      row.Append("code_options",
                 Option(entry.code, entry.Name(locale), entry.code == item.catalogue_code));
    }
    for (const sip::PlanActor& actor : plan.actors) {
      if (actor.key.empty()) continue;
      row.Append("actor_options",
                 Option(actor.key, ActorName(organisations, locale, plan, actor.key),
                        actor.key == item.actor_key));
    }
    for (const std::string_view status : sip::InterventionStatuses()) {
      row.Append("status_options",
                 Option(status, t.Get("sip.status." + std::string(status)), item.status == status));
    }
    for (const std::string_view reason : sip::StatusReasons()) {
      row.Append("reason_options", Option(reason, t.Get("sip.reason." + std::string(reason)),
                                          item.status_reason == reason));
    }
    for (const char* member : {"catalogue_code", "actor_key", "starts_on", "planned_end_on",
                               "status", "status_reason", "note"}) {
      const std::string value = member == std::string_view("catalogue_code")   ? item.catalogue_code
                                : member == std::string_view("actor_key")      ? item.actor_key
                                : member == std::string_view("starts_on")      ? item.starts_on
                                : member == std::string_view("planned_end_on") ? item.planned_end_on
                                : member == std::string_view("status")         ? item.status
                                : member == std::string_view("status_reason")  ? item.status_reason
                                                                               : item.note;
      SetValue(row, errors, Row("interventions", i, member), member, value);
    }
    page.Append("intervention_rows", std::move(row));
  }
  for (std::size_t i = 0; i < rows.meetings.size(); ++i) {
    const sip::Meeting& meeting = rows.meetings[i];
    render::View row;
    row.Set("prefix", "meetings[" + std::to_string(i) + "]").Set("number", std::to_string(i + 1));
    const auto takes_part = [&](std::string_view key) {
      return std::find(meeting.participants.begin(), meeting.participants.end(), key) !=
             meeting.participants.end();
    };
    row.Append("participant_options",
               Option(sip::kThePerson, t.Get("sip.the_person"), takes_part(sip::kThePerson)));
    for (const sip::PlanActor& actor : plan.actors) {
      if (actor.key.empty()) continue;
      row.Append("participant_options",
                 Option(actor.key, ActorName(organisations, locale, plan, actor.key),
                        takes_part(actor.key)));
    }
    SetValue(row, errors, Row("meetings", i, "held_on"), "held_on", meeting.held_on);
    SetValue(row, errors, Row("meetings", i, "note"), "note", meeting.note);
    page.Append("meeting_rows", std::move(row));
  }
  page.Append("responsible_options",
              Option("", t.Get("sip.responsible_none"), plan.overall_responsible.empty()));
  for (const sip::PlanActor& actor : plan.actors) {
    if (actor.key.empty()) continue;
    page.Append("responsible_options",
                Option(actor.key, ActorName(organisations, locale, plan, actor.key),
                       actor.key == plan.overall_responsible));
  }
  SetValue(page, errors, "overall_responsible", "overall_responsible", plan.overall_responsible);
  SetValue(page, errors, "next_follow_up_on", "next_follow_up_on", plan.next_follow_up_on);
}

void AddSipProblems(render::View& page, const render::Catalog& t,
                    std::span<const sip::FieldProblem> problems) {
  for (const sip::FieldProblem& problem : problems) {
    render::View item;
    item.Set("field", problem.field)
        .Set("message", std::string(t.GetOr("sip.problem." + problem.reason, problem.message)));
    page.Append("errors", std::move(item));
  }
  page.SetFlag("has_errors", !problems.empty());
}

void SetGuard(render::View& page, const render::Catalog& t, std::string_view locale,
              const sip::InterventionCatalogue& catalogue,
              std::span<const sip::OrganisationRef> organisations, const sip::PlanDocument& plan,
              std::span<const sip::GuardEvent> events) {
  const sip::PlanActor* overall = plan.FindActor(plan.overall_responsible);
  if (overall != nullptr && overall->kind != sip::kActorUnit) {
    page.Set("guard_contact_external",
             ActorName(organisations, locale, plan, plan.overall_responsible));
  }
  for (const sip::GuardEvent& event : events) {
    render::View item;
    item.Set("name", CatalogueName(catalogue, locale, event.catalogue_code))
        .Set("status", std::string(t.GetOr("sip.status." + event.new_status, event.new_status)));
    if (!event.reason_code.empty()) {
      item.Set("reason",
               std::string(t.GetOr("sip.reason." + event.reason_code, event.reason_code)));
    }
    for (const std::string& key : event.dependents) {
      const sip::Intervention* dependent = plan.FindIntervention(key);
      render::View d;
      d.Set("name", dependent == nullptr
                        ? key
                        : CatalogueName(catalogue, locale, dependent->catalogue_code));
      item.Append("dependents", std::move(d));
    }
    item.SetFlag("has_dependents", !event.dependents.empty());
    for (const std::string& key : event.guidance_keys) {
      render::View g;
      g.Set("text", std::string(t.GetOr(key, key)));
      item.Append("guidance", std::move(g));
    }
    page.Append("guard_events", std::move(item));
  }
  page.SetFlag("has_guard", !events.empty());
}

void SetDiff(render::View& page, const render::Catalog& t, std::string_view locale,
             const sip::InterventionCatalogue& catalogue, const sip::Comparison& comparison) {
  const sip::PlanDiff& diff = comparison.diff;
  const auto line = [&](std::string_view key, std::string_view what) {
    render::View item;
    item.Set("label", t.Get(key)).Set("text", what);
    page.Append("changes", std::move(item));
  };
  for (const auto& g : diff.goals_added) line("sip.diff.goal_added", g);
  for (const auto& g : diff.goals_removed) line("sip.diff.goal_removed", g);
  for (const auto& n : diff.needs_added) line("sip.diff.need_added", n);
  for (const auto& n : diff.needs_removed) line("sip.diff.need_removed", n);
  for (const auto& k : diff.actors_added) {
    line("sip.diff.actor_added",
         ActorName(comparison.organisations, locale, comparison.to_plan, k));
  }
  for (const auto& k : diff.actors_removed) {
    line("sip.diff.actor_removed",
         ActorName(comparison.organisations, locale, comparison.from_plan, k));
  }
  const auto intervention_name = [&](const sip::PlanDocument& plan, const std::string& key) {
    const sip::Intervention* i = plan.FindIntervention(key);
    return i == nullptr ? key : CatalogueName(catalogue, locale, i->catalogue_code);
  };
  for (const auto& k : diff.interventions_added) {
    line("sip.diff.intervention_added", intervention_name(comparison.to_plan, k));
  }
  for (const auto& k : diff.interventions_removed) {
    line("sip.diff.intervention_removed", intervention_name(comparison.from_plan, k));
  }
  for (const sip::InterventionChange& change : diff.interventions_changed) {
    for (const sip::FieldChange& f : change.changes) {
      line("sip.diff.intervention_changed",
           CatalogueName(catalogue, locale, change.catalogue_code) + " – " +
               std::string(t.GetOr("sip.field." + f.field, f.field)) + ": " +
               (f.before.empty() ? "–" : f.before) + " → " + (f.after.empty() ? "–" : f.after));
    }
  }
  if (diff.overall_responsible) {
    line("sip.diff.responsible_changed",
         ActorName(comparison.organisations, locale, comparison.to_plan,
                   diff.overall_responsible->after));
  }
  if (diff.next_follow_up_on) {
    line("sip.diff.follow_up_changed", diff.next_follow_up_on->after);
  }
  if (diff.meetings_added > 0) {
    line("sip.diff.meetings_added", std::to_string(diff.meetings_added));
  }
  page.SetFlag("no_changes", diff.empty());
}

void SetHistory(render::View& page, const render::Catalog& t, std::string_view locale,
                const sip::InterventionCatalogue& catalogue, const sip::SipView& view,
                std::string_view case_href) {
  for (std::size_t i = 0; i < view.revisions.size(); ++i) {
    const sip::RevisionSummary& r = view.revisions[i];
    render::View item;
    item.Set("revision", std::to_string(r.revision))
        .Set("saved_at", base::FormatSwedishDateTime(r.saved_at))
        .Set("saved_by", r.saved_by_name)
        .Set("change_note", r.change_note)
        .Set("href", std::string(case_href) + "/sip/revisions/" + std::to_string(r.revision));
    if (r.revision > 1) {
      item.Set("compare_href", std::string(case_href) +
                                   "/sip/compare?from=" + std::to_string(r.revision - 1) +
                                   "&to=" + std::to_string(r.revision));
    }
    page.Append("revisions", std::move(item));
  }
  for (const sip::FollowUpEntry& f : view.followups) {
    render::View item;
    std::string about = std::string(t.Get("sip.followup_whole_plan"));
    if (const sip::Intervention* i = view.plan.FindIntervention(f.intervention_key)) {
      about = CatalogueName(catalogue, locale, i->catalogue_code);
    }
    item.Set("held_on", f.held_on)
        .Set("outcome", f.outcome)
        .Set("author", f.author_name)
        .Set("about", about);
    page.Append("followups", std::move(item));
  }
  page.SetFlag("has_revisions", !view.revisions.empty())
      .SetFlag("has_followups", !view.followups.empty());
}

std::vector<SharedSection> SharedSipSections(const render::Catalog& t, std::string_view locale,
                                             const sip::InterventionCatalogue& catalogue,
                                             const sip::SharedSip& shared) {
  std::vector<SharedSection> out;
  const sip::PlanDocument& plan = shared.plan;
  const auto has = [&](exit_case::SipPart part) { return exit_case::Contains(shared.parts, part); };
  if (has(exit_case::SipPart::kGoals)) {
    SharedSection goals{.heading = std::string(t.Get("sip.goals_heading")), .lines = {}};
    for (const sip::Goal& g : plan.goals) goals.lines.push_back(g.text);
    for (const std::string& n : plan.needs) {
      goals.lines.push_back(std::string(t.Get("sip.need_label")) + ": " + n);
    }
    out.push_back(std::move(goals));
  }
  if (has(exit_case::SipPart::kInterventions)) {
    SharedSection section{.heading = std::string(t.Get("sip.interventions_heading")), .lines = {}};
    for (const sip::Intervention& i : plan.interventions) {
      std::string line = CatalogueName(catalogue, locale, i.catalogue_code) + " – " +
                         ActorName(shared.organisations, locale, plan, i.actor_key) + ", " +
                         i.starts_on;
      if (!i.planned_end_on.empty()) line += " – " + i.planned_end_on;
      line += " (" + std::string(t.GetOr("sip.status." + i.status, i.status)) + ")";
      section.lines.push_back(std::move(line));
    }
    if (!plan.overall_responsible.empty()) {
      section.lines.push_back(
          std::string(t.Get("sip.overall_responsible_label")) + ": " +
          ActorName(shared.organisations, locale, plan, plan.overall_responsible));
    }
    out.push_back(std::move(section));
  }
  if (has(exit_case::SipPart::kMeetings)) {
    SharedSection section{.heading = std::string(t.Get("sip.meetings_heading")), .lines = {}};
    for (const sip::Meeting& m : plan.meetings) {
      section.lines.push_back(m.held_on + (m.note.empty() ? "" : ": " + m.note));
    }
    if (!plan.next_follow_up_on.empty()) {
      section.lines.push_back(std::string(t.Get("sip.next_follow_up_label")) + ": " +
                              plan.next_follow_up_on);
    }
    out.push_back(std::move(section));
  }
  if (has(exit_case::SipPart::kFollowups)) {
    SharedSection section{.heading = std::string(t.Get("sip.followups_heading")), .lines = {}};
    for (const sip::FollowUpEntry& f : shared.followups) {
      section.lines.push_back(f.held_on + ": " + f.outcome);
    }
    out.push_back(std::move(section));
  }
  return out;
}

}  // namespace fyren::pages
