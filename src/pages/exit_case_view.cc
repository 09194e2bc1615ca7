#include "pages/exit_case_view.h"

#include <algorithm>

#include "base/swedish_time.h"
#include "http/csrf.h"

namespace fyren::pages {
namespace {

using exit_case::CaseStatus;
using exit_case::CloseReason;
using exit_case::ConsentGiven;
using exit_case::ConsentPurpose;
using exit_case::SipPart;

constexpr CaseStatus kStatuses[] = {CaseStatus::kOpen, CaseStatus::kPaused, CaseStatus::kClosed};
constexpr CloseReason kReasons[] = {CloseReason::kGoalsReached,   CloseReason::kMovedAway,
                                    CloseReason::kPersonDeclined, CloseReason::kNoContact,
                                    CloseReason::kTransferred,    CloseReason::kDeceased,
                                    CloseReason::kOther};
constexpr ConsentPurpose kPurposes[] = {ConsentPurpose::kSipPlanning,
                                        ConsentPurpose::kShareWithOrganisation,
                                        ConsentPurpose::kStatistics};
constexpr ConsentGiven kGiven[] = {ConsentGiven::kWritten, ConsentGiven::kOral,
                                   ConsentGiven::kDigital};

std::string StatusText(const render::Catalog& t, CaseStatus status) {
  return std::string(t.GetOr("case.status." + std::string(exit_case::ToString(status)),
                             exit_case::ToString(status)));
}

std::string ReasonText(const render::Catalog& t, CloseReason reason) {
  return std::string(t.GetOr("case.reason." + std::string(exit_case::ToString(reason)),
                             exit_case::ToString(reason)));
}

std::string Field(const http::Request& request, std::string_view name) {
  return http::FormField(request, name).value_or("");
}

}  // namespace

std::string CasePath(std::string_view public_id) { return "/cases/" + std::string(public_id); }

void AddCaseProblems(render::View& page, const render::Catalog& t,
                     std::span<const exit_case::FieldProblem> problems) {
  for (const exit_case::FieldProblem& problem : problems) {
    const std::string message =
        std::string(t.GetOr("case.problem." + problem.code, problem.message));
    render::View item;
    item.Set("field", problem.field).Set("message", message);
    page.Append("errors", std::move(item));
    page.Set(problem.field + "_error", message);
  }
  page.SetFlag("has_errors", !problems.empty());
}

exit_case::StatusChangeInput StatusInputFromForm(const http::Request& request) {
  exit_case::StatusChangeInput input;
  input.status = Field(request, "status");
  input.reason = Field(request, "reason");
  input.note = Field(request, "note");
  try {
    input.expected_version = std::stoll(Field(request, "version"));
  } catch (const std::exception&) {
    input.expected_version = 0;  // can only conflict
  }
  return input;
}

exit_case::ConsentInput ConsentInputFromForm(const http::Request& request) {
  exit_case::ConsentInput input;
  input.purpose = Field(request, "purpose");
  input.organisation = Field(request, "organisation");
  input.how_given = Field(request, "how_given");
  input.given_on = Field(request, "given_on");
  input.expires_on = Field(request, "expires_on");
  // One checkbox per SIP part ("scope_goals=yes", ...): forms send each name once.
  for (const SipPart part : exit_case::kAllSipParts) {
    const std::string code(exit_case::ToString(part));
    if (Field(request, "scope_" + code) == "yes") input.scope.push_back(code);
  }
  return input;
}

std::string PartsText(const render::Catalog& t, const exit_case::SipParts& parts) {
  std::string out;
  for (const SipPart part : parts) {
    if (!out.empty()) out += ", ";
    out += std::string(
        t.GetOr("case.part." + std::string(exit_case::ToString(part)), exit_case::ToString(part)));
  }
  return out;
}

render::View CaseListRow(const render::Catalog& t, const exit_case::CaseListItem& item) {
  render::View row;
  row.Set("case_number", item.case_number)
      .Set("status", StatusText(t, item.status))
      .Set("responsible", item.responsible_name)
      .SetFlag("readable", item.readable)
      .Set("next_follow_up",
           item.next_follow_up ? base::FormatSwedishDate(*item.next_follow_up) : std::string("–"));
  if (item.readable) {
    row.Set("href", CasePath(item.public_id))
        .Set("initials", item.initials)
        .Set("birth_year", item.birth_year ? std::to_string(*item.birth_year) : "–");
  } else {
    row.Set("initials", "–").Set("birth_year", "–");
  }
  return row;
}

void SetCase(render::View& page, const render::Catalog& t, std::string_view locale,
             const exit_case::CaseView& view) {
  page.Set("public_id", view.public_id)
      .Set("href", CasePath(view.public_id))
      .Set("case_number", view.case_number)
      .Set("status", StatusText(t, view.status))
      .SetFlag("closed", view.status == CaseStatus::kClosed)
      .Set("version", std::to_string(view.version))
      .Set("responsible", view.responsible_name)
      .Set("responsible_username", view.responsible_username)
      .Set("person_href", "/persons/" + view.person_public_id)
      .Set("initials", view.person_initials.empty() ? "–" : view.person_initials)
      .Set("birth_year", view.person_birth_year ? std::to_string(*view.person_birth_year) : "–")
      .SetFlag("protected_identity", view.protected_identity)
      .SetFlag("via_emergency_access", view.via_emergency_access)
      .Set("created_at", base::FormatSwedishDate(view.created_at));
  if (view.closed_reason) page.Set("closed_reason", ReasonText(t, *view.closed_reason));
  if (!view.closed_note.empty()) page.Set("closed_note", view.closed_note);
  if (!view.from_referral.empty()) page.Set("from_referral", view.from_referral);
  for (const person::TeamMember& member : view.team) {
    if (!member.on_team) continue;
    render::View item;
    item.Set("display_name", member.display_name).Set("username", member.username);
    page.Append("team", std::move(item));
  }
  bool any_active = false;
  for (const exit_case::ConsentView& c : view.consents) {
    render::View item;
    const std::string purpose(exit_case::ToString(c.purpose));
    item.Set("public_id", c.public_id)
        .Set("withdraw_href", CasePath(view.public_id) + "/consents/" + c.public_id + "/withdraw")
        .Set("purpose", std::string(t.GetOr("case.purpose." + purpose, purpose)))
        .Set("how_given",
             std::string(t.GetOr("case.given." + std::string(exit_case::ToString(c.how_given)),
                                 exit_case::ToString(c.how_given))))
        .Set("recorded_by", c.recorded_by)
        .Set("given_at", base::FormatSwedishDate(c.given_at))
        .SetFlag("active", c.active);
    if (!c.organisation_public_id.empty()) {
      item.Set("organisation", locale == "en" ? c.organisation_name_en : c.organisation_name_sv)
          .Set("scope", PartsText(t, c.scope));
    }
    // expires_at is the start of the day after the last valid day.
    if (c.expires_at) {
      item.Set("expires_on", base::FormatSwedishDate(*c.expires_at - 1));
    }
    if (c.withdrawn_at) {
      item.Set("withdrawn_at", base::FormatSwedishDateTime(*c.withdrawn_at))
          .Set("withdrawn_by", c.withdrawn_by);
    }
    any_active = any_active || c.active;
    page.Append(c.active ? "active_consents" : "past_consents", std::move(item));
  }
  page.SetFlag("has_active_consents", any_active)
      .SetFlag("has_past_consents",
               std::ranges::any_of(view.consents, [](const auto& c) { return !c.active; }));
  for (const exit_case::EventView& e : view.events) {
    render::View item;
    item.Set("at", base::FormatSwedishDateTime(e.at))
        .Set("by", e.by)
        .Set("to", StatusText(t, e.to));
    if (e.from) item.Set("from", StatusText(t, *e.from));
    if (e.reason) item.Set("reason", ReasonText(t, *e.reason));
    page.Append("events", std::move(item));
  }
}

void SetStatusForm(render::View& page, const render::Catalog& t, const exit_case::CaseView& view,
                   const exit_case::StatusChangeInput& input) {
  for (const CaseStatus status : kStatuses) {
    if (status == view.status) continue;
    const std::string code(exit_case::ToString(status));
    render::View option;
    option.Set("value", code)
        .Set("label", StatusText(t, status))
        .SetFlag("checked", input.status == code);
    page.Append("status_options", std::move(option));
  }
  for (const CloseReason reason : kReasons) {
    const std::string code(exit_case::ToString(reason));
    render::View option;
    option.Set("value", code)
        .Set("label", ReasonText(t, reason))
        .SetFlag("selected", input.reason == code);
    page.Append("reason_options", std::move(option));
  }
  page.Set("f_note", input.note);
}

void SetConsentForm(render::View& page, const render::Catalog& t, std::string_view locale,
                    std::span<const exit_case::ShareTarget> targets,
                    const exit_case::ConsentInput& input) {
  for (const ConsentPurpose purpose : kPurposes) {
    const std::string code(exit_case::ToString(purpose));
    render::View option;
    option.Set("value", code)
        .Set("label", std::string(t.GetOr("case.purpose." + code, code)))
        .SetFlag("checked", input.purpose == code);
    page.Append("purpose_options", std::move(option));
  }
  for (const exit_case::ShareTarget& target : targets) {
    render::View option;
    option.Set("value", target.public_id)
        .Set("label", locale == "en" ? target.name_en : target.name_sv)
        .SetFlag("selected", input.organisation == target.public_id);
    page.Append("organisation_options", std::move(option));
  }
  for (const SipPart part : exit_case::kAllSipParts) {
    const std::string code(exit_case::ToString(part));
    render::View option;
    option.Set("value", code)
        .Set("label", std::string(t.GetOr("case.part." + code, code)))
        .SetFlag("checked", std::ranges::find(input.scope, code) != input.scope.end());
    page.Append("part_options", std::move(option));
  }
  for (const ConsentGiven how : kGiven) {
    const std::string code(exit_case::ToString(how));
    render::View option;
    option.Set("value", code)
        .Set("label", std::string(t.GetOr("case.given." + code, code)))
        .SetFlag("checked", input.how_given == code);
    page.Append("given_options", std::move(option));
  }
  page.Set("f_given_on", input.given_on).Set("f_expires_on", input.expires_on);
}

}  // namespace fyren::pages
