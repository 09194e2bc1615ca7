#include "pages/person_pages.h"

#include <array>
#include <string>
#include <utility>

#include "http/csrf.h"
#include "http/url_encoding.h"
#include "pages/account_pages.h"
#include "pages/person_view.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

// Why persons are read here (the audit log's purpose).
constexpr std::string_view kPurpose = "case_work";

// After a redirect from a change, the page says what was done.
constexpr std::array<std::string_view, 5> kDoneCodes = {"registered", "saved", "team_added",
                                                        "team_removed", "emergency"};

// The referral id a request carries: the query on a GET, the hidden field on a POST.
std::string ReferralParam(const http::Request& request) {
  if (request.method == http::Method::kGet) return request.QueryParam("referral").value_or("");
  return http::FormField(request, "referral").value_or("");
}

bool HasLetter(std::string_view text) {
  for (const char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
  }
  return false;
}

}  // namespace

http::Response SignInFor(const http::Request& request) {
  if (request.method != http::Method::kGet) return http::Response::Redirect("/sign-in");
  return http::Response::Redirect("/sign-in?next=" +
                                  http::PercentEncode(SafeReturnPath(request.target)));
}

http::Response NoStore(http::Response response) {
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

http::Response PersonFailure(const ErrorPages& errors, const base::Error& error,
                             const http::Request& request, std::string_view next) {
  if (error.code == base::ErrorCode::kForbidden && error.field == "step_up") {
    return http::Response::Redirect("/account/confirm?next=" +
                                    http::PercentEncode(SafeReturnPath(next)));
  }
  if (error.code == base::ErrorCode::kUnauthenticated) return SignInFor(request);
  return NoStore(errors.ForError(error, request));
}

PersonPages::PersonPages(const render::TemplateSet& templates, SiteInfo site,
                         const person::PersonService& persons,
                         const referral::CaseHandover& referrals)
    : frame_(templates, site), errors_(templates, site), persons_(persons), referrals_(referrals) {}

std::optional<base::Error> PersonPages::SetReferral(render::View& page,
                                                    const http::Request& request,
                                                    std::string_view locale) const {
  const std::string id = ReferralParam(request);
  if (id.empty()) return std::nullopt;
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) {
    return base::Error{
        .code = base::ErrorCode::kUnauthenticated, .message = {}, .detail = {}, .field = {}};
  }
  auto shown = referrals_.Show(*signed_in, id);
  if (!shown) {
    if (shown.error().code != base::ErrorCode::kNotFound) return shown.error();
    // Ignored, with the same notice whatever the reason: the form goes on without it.
    page.SetFlag("referral_unusable", true);
    return std::nullopt;
  }
  page.Set("referral", shown->public_id)
      .Set("referral_sender_unit",
           locale == "en" ? shown->sender_unit_name_en : shown->sender_unit_name_sv);
  // Set only when there is one: a section over an empty string still renders.
  if (!shown->person_summary.empty()) page.Set("referral_summary", shown->person_summary);
  return std::nullopt;
}

http::Response PersonPages::List(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const trust::Actor& actor = *signed_in;
  const std::string filter = request.QueryParam("filter").value_or("");
  auto persons = persons_.ListMine(actor, filter);
  if (!persons) return PersonFailure(errors_, persons.error(), request, "/");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "person.list_title", "persons");
  SetVisitor(page, request);
  page.Set("filter", filter).SetFlag("filtered", !filter.empty());
  for (const auto& summary : *persons) page.Append("persons", SummaryRow(t, summary));
  page.Set("count", std::to_string(persons->size())).SetFlag("has_persons", !persons->empty());
  return NoStore(frame_.Respond(200, "person_list", locale, page));
}

http::Response PersonPages::RenderNew(const http::Request& request, int status,
                                      const person::PersonInput& input,
                                      std::span<const person::FieldProblem> problems,
                                      std::span<const person::PersonSummary> matches, bool searched,
                                      std::string_view query,
                                      std::span<const person::FieldProblem> query_problems) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "person.new_title", "persons");
  SetVisitor(page, request);
  page.Set("query", query).SetFlag("searched", searched && query_problems.empty());
  bool readable_match = false;
  for (const auto& match : matches) {
    readable_match = readable_match || match.readable;
    page.Append("matches", SummaryRow(t, match));
  }
  page.SetFlag("has_readable_match", readable_match);
  if (auto failed = SetReferral(page, request, locale)) {
    return PersonFailure(errors_, *failed, request, "/persons/new");
  }
  // One error summary for the page: the search box's problem or the form's.
  AddProblems(page, t, query_problems.empty() ? problems : query_problems);
  SetInputFields(page, t, input);
  return NoStore(frame_.Respond(status, "person_new", locale, page));
}

http::Response PersonPages::New(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const trust::Actor& actor = *signed_in;
  const auto query = request.QueryParam("query");
  if (!query) return RenderNew(request, 200, {}, {}, {}, false, "", {});
  auto found = persons_.Search(actor, *query);
  if (!found) return PersonFailure(errors_, found.error(), request, "/persons/new");
  // Nothing lost: what was searched for starts the register form.
  person::PersonInput input;
  input.identity_kind = HasLetter(*query) ? "reserve" : "number";
  input.identity_number = *query;
  const int status = found->problems.empty() ? 200 : 400;
  return RenderNew(request, status, input, {}, found->matches, true, *query, found->problems);
}

http::Response PersonPages::Register(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const trust::Actor& actor = *signed_in;
  const person::PersonInput input = PersonInputFromForm(request);
  auto written = persons_.Register(actor, input);
  if (!written) {
    if (written.error().code != base::ErrorCode::kConflict) {
      return PersonFailure(errors_, written.error(), request, "/persons/new");
    }
    // Registered by someone else a moment ago: shown like the duplicate it is.
    const person::FieldProblem duplicate{.field = "identity_number",
                                         .code = "identity_number.duplicate",
                                         .message = written.error().message};
    return RenderNew(request, 409, input, std::span(&duplicate, 1), {}, false, "", {});
  }
  if (!written->ok()) {
    return RenderNew(request, 422, input, written->problems, written->duplicates,
                     !written->duplicates.empty(), "", {});
  }
  // Continuing a referral: straight on to opening the case, the referral id carried along (the
  // case form checks it again).
  if (const std::string referral = ReferralParam(request); !referral.empty()) {
    return http::Response::Redirect(PersonPath(written->public_id) +
                                    "/cases/new?referral=" + http::PercentEncode(referral));
  }
  return http::Response::Redirect(PersonPath(written->public_id) + "?done=registered");
}

http::Response PersonPages::RenderPerson(const http::Request& request,
                                         const person::PersonRecord& record, int status,
                                         std::span<const person::FieldProblem> problems) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "person.show_title", "persons");
  SetVisitor(page, request);
  SetRecord(page, t, record);
  const std::string done = request.QueryParam("done").value_or("");
  for (const std::string_view code : kDoneCodes) {
    if (done == code) page.Set("done_message", t.Get("person.done_" + done));
  }
  AddProblems(page, t, problems);
  return NoStore(frame_.Respond(status, "person_show", locale, page));
}

http::Response PersonPages::Show(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const trust::Actor& actor = *signed_in;
  auto record = persons_.Get(actor, request.PathParam("id"));
  if (!record) return PersonFailure(errors_, record.error(), request, "/");
  return RenderPerson(request, *record, 200, {});
}

http::Response PersonPages::Reveal(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const trust::Actor& actor = *signed_in;
  auto record = persons_.RevealIdentity(actor, request.PathParam("id"));
  if (!record) return PersonFailure(errors_, record.error(), request, "/");
  return RenderPerson(request, *record, 200, {});
}

http::Response PersonPages::Team(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const trust::Actor& actor = *signed_in;
  const std::string public_id(request.PathParam("id"));
  const std::string action = http::FormField(request, "action").value_or("add");
  const std::string username = http::FormField(request, "username").value_or("");
  const bool remove = action == "remove";
  const base::Status done =
      remove ? persons_.RemoveTeamMember(actor, public_id, username)
             : persons_.AddTeamMember(actor, public_id, username,
                                      http::FormField(request, "named").value_or("") == "yes");
  if (done) {
    return http::Response::Redirect(PersonPath(public_id) +
                                    (remove ? "?done=team_removed" : "?done=team_added"));
  }
  if (done.error().code != base::ErrorCode::kInvalidInput) {
    return PersonFailure(errors_, done.error(), request, "/");
  }
  // The user name was not accepted: the page again, with the message at the team form.
  auto record = persons_.Get(actor, public_id);
  if (!record) return PersonFailure(errors_, record.error(), request, "/");
  const person::FieldProblem problem{
      .field = "username", .code = done.error().detail, .message = done.error().message};
  return RenderPerson(request, *record, 422, std::span(&problem, 1));
}

}  // namespace fyren::pages
