#include "pages/person_change_pages.h"

#include <array>
#include <string>
#include <utility>

#include "http/csrf.h"
#include "pages/person_pages.h"
#include "pages/person_view.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

constexpr std::string_view kCaseWorkPurpose = "case_work";

constexpr std::array kReasons = {
    person::EmergencyReason::kImmediateDanger, person::EmergencyReason::kUrgentSupport,
    person::EmergencyReason::kColleagueAbsent, person::EmergencyReason::kOther};

std::string EmergencyPath(std::string_view public_id) {
  return PersonPath(public_id) + "/emergency-access";
}

}  // namespace

PersonChangePages::PersonChangePages(const render::TemplateSet& templates, SiteInfo site,
                                     const person::PersonService& persons)
    : frame_(templates, site), errors_(templates, site), persons_(persons) {}

http::Response PersonChangePages::RenderEdit(const http::Request& request, int status,
                                             const person::PersonChange& change,
                                             person::IdentityKind kind,
                                             std::span<const person::FieldProblem> problems,
                                             const person::PersonRecord* current) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "person.edit_title", "persons");
  SetVisitor(page, request);
  page.Set("href", PersonPath(request.PathParam("id")));
  SetChangeFields(page, t, change, kind);
  AddProblems(page, t, problems);
  if (current != nullptr) {
    // The conflict: what is saved now, beside the form that keeps what the user typed.
    render::View saved;
    SetRecord(saved, t, *current);
    page.SetChild("current", std::move(saved));
  }
  return NoStore(frame_.Respond(status, "person_edit", locale, page));
}

http::Response PersonChangePages::Edit(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kCaseWorkPurpose);
  if (!signed_in) return SignInFor(request);
  const trust::Actor& actor = *signed_in;
  auto record = persons_.Get(actor, request.PathParam("id"));
  if (!record) return PersonFailure(errors_, record.error(), request, "/");
  // Only named staff may change a protected identity (the service refuses the save too).
  if (record->identity_masked) return NoStore(errors_.Render(403, request));
  return RenderEdit(request, 200, PersonChangeFromRecord(*record), record->identity_kind, {},
                    nullptr);
}

http::Response PersonChangePages::Save(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kCaseWorkPurpose);
  if (!signed_in) return SignInFor(request);
  const trust::Actor& actor = *signed_in;
  const std::string public_id(request.PathParam("id"));
  person::PersonChange change = PersonChangeFromForm(request);
  const auto kind =
      person::ParseIdentityKind(http::FormField(request, "identity_kind").value_or(""))
          .value_or(person::IdentityKind::kAlias);
  auto written = persons_.Update(actor, public_id, change);
  if (written && written->ok()) {
    return http::Response::Redirect(PersonPath(public_id) + "?done=saved");
  }
  if (written) return RenderEdit(request, 422, change, kind, written->problems, nullptr);
  if (written.error().code != base::ErrorCode::kConflict) {
    return PersonFailure(errors_, written.error(), request, "/");
  }
  // Someone saved in between: nothing was overwritten. Keep the typed values, show the saved
  // ones, and let a second save (with the current version) be a deliberate choice.
  auto current = persons_.Get(actor, public_id);
  if (!current) return PersonFailure(errors_, current.error(), request, "/");
  change.expected_version = current->version;
  const person::FieldProblem conflict{
      .field = "conflict", .code = "conflict", .message = written.error().message};
  return RenderEdit(request, 409, change, current->identity_kind, std::span(&conflict, 1),
                    &*current);
}

http::Response PersonChangePages::RenderEmergency(
    const http::Request& request, int status, std::string_view category, std::string_view text,
    std::span<const person::FieldProblem> problems) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "person.emergency_title", "persons");
  SetVisitor(page, request);
  page.Set("action", EmergencyPath(request.PathParam("id"))).Set("reason_text", text);
  for (const person::EmergencyReason reason : kReasons) {
    const std::string code(person::ToString(reason));
    render::View option;
    option.Set("code", code)
        .Set("name", t.Get("person.reason." + code))
        .SetFlag("checked", code == category);
    page.Append("reasons", std::move(option));
  }
  AddProblems(page, t, problems);
  return NoStore(frame_.Respond(status, "person_emergency", locale, page));
}

http::Response PersonChangePages::ShowEmergency(http::Request& request) const {
  const std::string path = EmergencyPath(request.PathParam("id"));
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kCaseWorkPurpose);
  if (!signed_in) return SignInFor(request);
  const trust::Actor& actor = *signed_in;
  if (auto ok = persons_.PrepareEmergencyAccess(actor, request.PathParam("id")); !ok) {
    return PersonFailure(errors_, ok.error(), request, path);
  }
  return RenderEmergency(request, 200, "", "", {});
}

http::Response PersonChangePages::GrantEmergency(http::Request& request) const {
  const std::string public_id(request.PathParam("id"));
  const std::string path = EmergencyPath(public_id);
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kCaseWorkPurpose);
  if (!signed_in) return SignInFor(request);
  const trust::Actor& actor = *signed_in;
  const std::string category = http::FormField(request, "reason_category").value_or("");
  const std::string text = http::FormField(request, "reason_text").value_or("");
  auto granted = persons_.GrantEmergencyAccess(actor, public_id, category, text);
  if (!granted) return PersonFailure(errors_, granted.error(), request, path);
  if (!granted->problems.empty()) {
    return RenderEmergency(request, 422, category, text, granted->problems);
  }
  return http::Response::Redirect(PersonPath(public_id) + "?done=emergency");
}

}  // namespace fyren::pages
