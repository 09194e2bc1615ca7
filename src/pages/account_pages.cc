#include "pages/account_pages.h"

#include <string>
#include <utility>

#include "http/csrf.h"
#include "pages/person_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

using trust::accounts::SignInOutcome;
using trust::sessions::SessionRecord;
using trust::sessions::SessionStage;

http::Response ToSignIn() { return http::Response::Redirect("/sign-in"); }

}  // namespace

std::string SafeReturnPath(std::string_view next) {
  if (next.empty() || next.front() != '/' || next.starts_with("//")) return "/";
  for (const char c : next) {
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "/";
  }
  return std::string(next);
}

AccountPages::AccountPages(const render::TemplateSet& templates, SiteInfo site,
                           trust::accounts::AccountService& accounts,
                           http::SessionCookieOptions cookie, MyWorkSources my_work)
    : frame_(templates, site),
      errors_(templates, site),
      accounts_(accounts),
      cookie_(cookie),
      my_work_(my_work) {}

base::Result<std::optional<SessionRecord>> AccountPages::FullSession(
    const http::Request& request) const {
  if (!request.session || !request.session->mfa_verified) return std::optional<SessionRecord>();
  const auto token = http::SessionToken(request, cookie_);
  if (!token) return std::optional<SessionRecord>();
  auto resolved = accounts_.ResolveSession(frame_.site().tenant_id, *token);
  if (!resolved) return std::unexpected(resolved.error());
  if (!resolved->has_value() || (*resolved)->session.stage != SessionStage::kFull) {
    return std::optional<SessionRecord>();
  }
  return std::optional((*resolved)->session);
}

http::Response AccountPages::Home(http::Request& request) const {
  auto session = FullSession(request);
  if (!session) return errors_.ForError(session.error(), request);
  if (!session->has_value()) return ToSignIn();
  auto profile = accounts_.ProfileOf(**session);
  if (!profile) return errors_.ForError(profile.error(), request);
  const auto actor = SignedInActor(frame_.site().tenant_id, request, "task_work");
  if (!actor) return ToSignIn();
  const MyWork work = GatherMyWork(my_work_, *actor);
  const auto locale = PageFrame::Locale(request.locale);
  render::View page = frame_.NewPage(locale, "home.title", "start");
  SetVisitor(page, request);
  page.Set("display_name", profile->display_name)
      .Set("unit_name", locale == "en" ? profile->unit.name_en : profile->unit.name_sv);
  SetMyWork(page, frame_.catalog(locale), work);
  // The counts change with every task and report: never from a cache.
  return NoStore(frame_.Respond(200, "home", locale, page));
}

http::Response AccountPages::Account(http::Request& request) const {
  auto session = FullSession(request);
  if (!session) return errors_.ForError(session.error(), request);
  if (!session->has_value()) return ToSignIn();
  auto profile = accounts_.ProfileOf(**session);
  if (!profile) return errors_.ForError(profile.error(), request);
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "account.title", "account");
  SetVisitor(page, request);
  page.Set("display_name", profile->display_name)
      .Set("username", profile->username)
      .Set("unit_name", locale == "en" ? profile->unit.name_en : profile->unit.name_sv)
      .Set("recovery_left", std::to_string(profile->unused_recovery_codes));
  for (std::size_t i = 0; i < profile->roles.size(); ++i) {
    render::View role;
    role.Set("name", t.Get("role." + std::string(ToString(profile->roles[i]))))
        .SetFlag("last", i + 1 == profile->roles.size());
    page.Append("roles", std::move(role));
  }
  return frame_.Respond(200, "account", locale, page);
}

http::Response AccountPages::SignOutEverywhere(http::Request& request) const {
  auto session = FullSession(request);
  if (!session) return errors_.ForError(session.error(), request);
  if (!session->has_value()) return ToSignIn();
  auto ended = accounts_.SignOutEverywhere(**session, request.request_id);
  if (!ended) return errors_.ForError(ended.error(), request);
  http::Response response = http::Response::Redirect("/sign-in?signed_out=1");
  response.AddHeader("Set-Cookie", http::SessionClearCookie(cookie_));
  return response;
}

http::Response AccountPages::RenderStepUp(const http::Request& request, int status,
                                          std::string_view next, std::string_view error) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "code.step_up_title", "");
  SetVisitor(page, request);
  page.Set("heading", t.Get("code.step_up_heading"))
      .Set("lead", t.Get("code.step_up_lead"))
      .Set("hint", t.Get("code.step_up_hint"))
      .Set("action", "/account/confirm")
      .Set("next", next);
  if (!error.empty()) {
    render::View item;
    item.Set("field", "code").Set("message", error);
    page.Append("errors", std::move(item));
    page.SetFlag("has_errors", true).Set("code_error", error);
  }
  return frame_.Respond(status, "sign_in_code", locale, page);
}

http::Response AccountPages::ShowStepUp(http::Request& request) const {
  if (!request.session || !request.session->mfa_verified) return ToSignIn();
  return RenderStepUp(request, 200, SafeReturnPath(request.QueryParam("next").value_or("/")), "");
}

http::Response AccountPages::StepUp(http::Request& request) const {
  const auto& t = frame_.catalog(PageFrame::Locale(request.locale));
  auto session = FullSession(request);
  if (!session) return errors_.ForError(session.error(), request);
  if (!session->has_value()) return ToSignIn();
  const std::string next = SafeReturnPath(http::FormField(request, "next").value_or("/"));
  const std::string code = http::FormField(request, "code").value_or("");
  if (code.empty()) return RenderStepUp(request, 422, next, t.Get("code.missing"));
  auto result = accounts_.StepUp({.session = **session,
                                  .code = code,
                                  .client_address = request.remote_address,
                                  .request_id = request.request_id});
  if (!result) return errors_.ForError(result.error(), request);
  if (result->outcome == SignInOutcome::kSignedIn) return http::Response::Redirect(next);
  if (result->outcome == SignInOutcome::kThrottled) {
    return RenderStepUp(request, 429, next,
                        WithSeconds(t.Get("sign_in.throttled"), result->retry_after));
  }
  if (result->outcome == SignInOutcome::kLocked) {
    http::Response response = http::Response::Redirect("/sign-in");
    response.AddHeader("Set-Cookie", http::SessionClearCookie(cookie_));
    return response;
  }
  return RenderStepUp(request, 401, next, t.Get("code.wrong"));
}

}  // namespace fyren::pages
