#include "pages/invite_pages.h"

#include <string>

#include "http/csrf.h"
#include "pages/person_pages.h"
#include "pages/sign_in_pages.h"

namespace fyren::pages {
namespace {

using trust::accounts::AcceptOutcome;

}  // namespace

InvitePages::InvitePages(const render::TemplateSet& templates, SiteInfo site,
                         trust::accounts::InviteService& invites)
    : frame_(templates, site), errors_(templates, site), invites_(invites) {}

http::Response InvitePages::RenderForm(const http::Request& request, int status,
                                       std::string_view username, std::string_view field,
                                       std::string_view error) const {
  const auto locale = PageFrame::Locale(request.locale);
  render::View page = frame_.NewPage(locale, "invite.title", "");
  SetVisitor(page, request);
  page.Set("action", request.path).Set("username", username);
  if (!error.empty()) {
    render::View item;
    item.Set("field", field).Set("message", error);
    page.Append("errors", std::move(item));
    page.SetFlag("has_errors", true).Set(std::string(field) + "_error", error);
  }
  // The token is a credential in the URL: the page must not be cached or sent on as a referrer
  // (the security headers already set Referrer-Policy: no-referrer).
  return NoStore(frame_.Respond(status, "invite", locale, page));
}

http::Response InvitePages::RenderInvalid(const http::Request& request) const {
  const auto locale = PageFrame::Locale(request.locale);
  render::View page = frame_.NewPage(locale, "invite.invalid_title", "");
  SetVisitor(page, request);
  page.SetFlag("invalid", true);
  return NoStore(frame_.Respond(404, "invite", locale, page));
}

http::Response InvitePages::Show(http::Request& request) const {
  auto view = invites_.Check(frame_.site().tenant_id, request.PathParam("token"));
  if (!view) return errors_.ForError(view.error(), request);
  if (!view->has_value()) return RenderInvalid(request);
  return RenderForm(request, 200, (*view)->username, "", "");
}

http::Response InvitePages::Accept(http::Request& request) const {
  const auto& t = frame_.catalog(PageFrame::Locale(request.locale));
  const std::string password = http::FormField(request, "password").value_or("");
  const std::string repeat = http::FormField(request, "password_repeat").value_or("");
  auto result = invites_.Accept(frame_.site().tenant_id, request.PathParam("token"), password,
                                repeat, request.request_id);
  if (!result) return errors_.ForError(result.error(), request);
  switch (result->outcome) {
    case AcceptOutcome::kAccepted:
      return http::Response::Redirect("/sign-in?invited=1");
    case AcceptOutcome::kInvalidLink:
      return RenderInvalid(request);
    case AcceptOutcome::kMismatch:
      break;
    case AcceptOutcome::kWeakPassword: {
      auto view = invites_.Check(frame_.site().tenant_id, request.PathParam("token"));
      const std::string username = view && view->has_value() ? (*view)->username : "";
      const std::string key =
          "invite.problem." + std::string(trust::accounts::ToString(result->problem.value_or(
                                  trust::accounts::PasswordProblem::kTooShort)));
      return RenderForm(request, 422, username, "password", t.Get(key));
    }
  }
  auto view = invites_.Check(frame_.site().tenant_id, request.PathParam("token"));
  const std::string username = view && view->has_value() ? (*view)->username : "";
  return RenderForm(request, 422, username, "password_repeat", t.Get("invite.mismatch"));
}

}  // namespace fyren::pages
