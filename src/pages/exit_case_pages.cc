#include "pages/exit_case_pages.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>

#include "http/csrf.h"
#include "http/url_encoding.h"
#include "pages/exit_case_view.h"
#include "pages/person_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

constexpr std::string_view kPurpose = "case_work";

// After a redirect from a change, the page says what was done.
constexpr std::array<std::string_view, 5> kDoneCodes = {"opened", "status", "responsible",
                                                        "consent", "withdrawn"};

int PageNumber(const http::Request& request) {
  const std::string text = request.QueryParam("page").value_or("1");
  int page = 1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (ec != std::errc() || end != text.data() + text.size() || page < 1 || page > 100000) return 1;
  return page;
}

std::string ListLink(std::string_view base, const exit_case::CaseListFilter& filter, int page) {
  std::string out(base);
  out += "?page=" + std::to_string(page);
  if (!filter.status.empty()) out += "&status=" + http::PercentEncode(filter.status);
  if (!filter.number.empty()) out += "&number=" + http::PercentEncode(filter.number);
  return out;
}

}  // namespace

ExitCasePages::ExitCasePages(const render::TemplateSet& templates, SiteInfo site,
                             const exit_case::ExitCaseService& cases)
    : frame_(templates, site), errors_(templates, site), cases_(cases) {}

http::Response ExitCasePages::ListMine(http::Request& request) const {
  return List(request, false);
}

http::Response ExitCasePages::ListUnit(http::Request& request) const { return List(request, true); }

http::Response ExitCasePages::List(http::Request& request, bool unit) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const exit_case::CaseListFilter filter{.status = request.QueryParam("status").value_or(""),
                                         .number = request.QueryParam("number").value_or(""),
                                         .page = PageNumber(request)};
  const auto locale = PageFrame::Locale(request.locale);
  // The rows rendered before for this version of the page, if any: then the service need not
  // copy its items.
  std::shared_ptr<const std::string> rows_html;
  const auto items_wanted = [&](std::uint64_t version) {
    rows_html = list_rows_.Find(version, locale);
    return rows_html == nullptr;
  };
  auto listed = unit ? cases_.ListUnit(*signed_in, filter, items_wanted)
                     : cases_.ListMine(*signed_in, filter, items_wanted);
  if (!listed) return PersonFailure(errors_, listed.error(), request, "/");
  if (rows_html == nullptr) rows_html = ListRows(*listed, locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, unit ? "case.unit_title" : "case.list_title", "cases");
  SetVisitor(page, request);
  page.SetFlag("unit", unit).Set("f_number", filter.number);
  for (const std::string_view code : {"open", "paused", "closed"}) {
    render::View option;
    option.Set("value", code)
        .Set("label", t.Get("case.status." + std::string(code)))
        .SetFlag("selected", filter.status == code);
    page.Append("status_options", std::move(option));
  }
  AddCaseProblems(page, t, listed->problems);
  page.SetHtml("trusted_html_rows", render::TrustedHtml::FromEscaped(*rows_html));
  page.SetFlag("has_cases", listed->item_count > 0);
  const std::string_view base = unit ? "/cases/unit" : "/cases";
  if (listed->page > 1) page.Set("previous_href", ListLink(base, filter, listed->page - 1));
  if (listed->has_more) page.Set("next_href", ListLink(base, filter, listed->page + 1));
  page.Set("page_number", std::to_string(listed->page));
  return NoStore(
      frame_.Respond(listed->problems.empty() ? 200 : 400, "exit_case_list", locale, page));
}

std::shared_ptr<const std::string> ExitCasePages::ListRows(const exit_case::CaseListPage& listed,
                                                           std::string_view locale) const {
  const auto& t = frame_.catalog(locale);
  render::View rows;
  for (const auto& item : listed.items) rows.Append("cases", CaseListRow(t, item));
  // Rendered by the escaping template set, so the text is safe HTML as it is.
  return list_rows_.Store(listed.version, locale,
                          frame_.RenderBody("exit_case_list_rows", locale, rows));
}

http::Response ExitCasePages::RenderNew(const http::Request& request, int status,
                                        std::string_view responsible,
                                        std::span<const exit_case::FieldProblem> problems,
                                        std::string_view referral, bool referral_unusable) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "case.new_title", "cases");
  SetVisitor(page, request);
  page.Set("person_href", "/persons/" + std::string(request.PathParam("id")))
      .Set("action", "/persons/" + std::string(request.PathParam("id")) + "/cases/new")
      .Set("f_responsible", responsible)
      .SetFlag("referral_unusable", referral_unusable);
  if (!referral.empty()) page.Set("referral", referral);
  AddCaseProblems(page, t, problems);
  return NoStore(frame_.Respond(status, "exit_case_new", locale, page));
}

http::Response ExitCasePages::New(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  // A person the actor may not change gets the same 404 as a missing one; a referral that cannot
  // be continued is dropped with a notice.
  const std::string referral = request.QueryParam("referral").value_or("");
  auto prepared = cases_.PrepareOpenFromReferral(*signed_in, request.PathParam("id"), referral);
  if (!prepared) return PersonFailure(errors_, prepared.error(), request, "/cases");
  if (referral.empty() || prepared->referral_usable) {
    return RenderNew(request, 200, "", {}, referral);
  }
  return RenderNew(request, 200, "", {}, "", true);
}

http::Response ExitCasePages::Open(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const std::string responsible = http::FormField(request, "responsible").value_or("");
  const std::string referral = http::FormField(request, "referral").value_or("");
  auto opened = cases_.Open(
      *signed_in, request.PathParam("id"),
      exit_case::OpenCaseInput{.responsible_username = responsible, .referral = referral});
  if (!opened) {
    if (opened.error().code != base::ErrorCode::kConflict) {
      return PersonFailure(errors_, opened.error(), request, "/cases");
    }
    // The referral moved (declined, finished, continued) or the person got a case a moment ago.
    const bool referral_moved = opened.error().detail == "referral.changed";
    const exit_case::FieldProblem raced{
        .field = referral_moved ? "referral" : "person",
        .code = referral_moved ? "referral.unusable" : "person.open_case_exists",
        .message = opened.error().message};
    return RenderNew(request, 409, responsible, std::span(&raced, 1),
                     referral_moved ? "" : referral);
  }
  if (!opened->ok()) {
    // A referral that cannot be continued is dropped: sending the form again opens the case
    // without it.
    const bool unusable = std::ranges::any_of(
        opened->problems, [](const auto& problem) { return problem.code == "referral.unusable"; });
    return RenderNew(request, 422, responsible, opened->problems, unusable ? "" : referral);
  }
  return http::Response::Redirect(CasePath(opened->public_id) + "?done=opened");
}

http::Response ExitCasePages::RenderCase(http::Request& request, int status,
                                         const exit_case::StatusChangeInput& status_input,
                                         const exit_case::ConsentInput& consent_input,
                                         std::span<const exit_case::FieldProblem> problems,
                                         std::string_view responsible_input) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto view = cases_.Get(*signed_in, request.PathParam("id"));
  if (!view) return PersonFailure(errors_, view.error(), request, "/cases");
  auto targets = cases_.ShareTargets(*signed_in);
  if (!targets) return PersonFailure(errors_, targets.error(), request, "/cases");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "case.show_title", "cases");
  SetVisitor(page, request);
  SetCase(page, t, locale, *view);
  SetStatusForm(page, t, *view, status_input);
  SetConsentForm(page, t, locale, *targets, consent_input);
  page.Set("f_responsible", responsible_input);
  const std::string done = request.QueryParam("done").value_or("");
  for (const std::string_view code : kDoneCodes) {
    if (done == code) page.Set("done_message", t.Get("case.done_" + done));
  }
  AddCaseProblems(page, t, problems);
  return NoStore(frame_.Respond(status, "exit_case_show", locale, page));
}

http::Response ExitCasePages::Show(http::Request& request) const {
  return RenderCase(request, 200, {}, {}, {});
}

http::Response ExitCasePages::Status(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const exit_case::StatusChangeInput input = StatusInputFromForm(request);
  auto changed = cases_.ChangeStatus(*signed_in, request.PathParam("id"), input);
  if (!changed) {
    if (changed.error().code != base::ErrorCode::kConflict) {
      return PersonFailure(errors_, changed.error(), request, "/cases");
    }
    const exit_case::FieldProblem conflict{
        .field = "status", .code = "conflict", .message = changed.error().message};
    return RenderCase(request, 409, input, {}, std::span(&conflict, 1));
  }
  if (!changed->ok()) return RenderCase(request, 422, input, {}, changed->problems);
  return http::Response::Redirect(CasePath(request.PathParam("id")) + "?done=status");
}

http::Response ExitCasePages::Responsible(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const exit_case::StatusChangeInput keep = StatusInputFromForm(request);
  const std::string username = http::FormField(request, "responsible").value_or("");
  auto changed =
      cases_.SetResponsible(*signed_in, request.PathParam("id"), username, keep.expected_version);
  if (!changed) {
    if (changed.error().code != base::ErrorCode::kConflict) {
      return PersonFailure(errors_, changed.error(), request, "/cases");
    }
    const exit_case::FieldProblem conflict{
        .field = "responsible", .code = "conflict", .message = changed.error().message};
    return RenderCase(request, 409, {}, {}, std::span(&conflict, 1), username);
  }
  if (!changed->ok()) return RenderCase(request, 422, {}, {}, changed->problems, username);
  return http::Response::Redirect(CasePath(request.PathParam("id")) + "?done=responsible");
}

http::Response ExitCasePages::Consent(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const exit_case::ConsentInput input = ConsentInputFromForm(request);
  auto recorded = cases_.RecordConsent(*signed_in, request.PathParam("id"), input);
  if (!recorded) return PersonFailure(errors_, recorded.error(), request, "/cases");
  if (!recorded->ok()) return RenderCase(request, 422, {}, input, recorded->problems);
  return http::Response::Redirect(CasePath(request.PathParam("id")) + "?done=consent");
}

http::Response ExitCasePages::Withdraw(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto withdrawn =
      cases_.WithdrawConsent(*signed_in, request.PathParam("id"), request.PathParam("consent"));
  if (!withdrawn) return PersonFailure(errors_, withdrawn.error(), request, "/cases");
  return http::Response::Redirect(CasePath(request.PathParam("id")) + "?done=withdrawn");
}

}  // namespace fyren::pages
