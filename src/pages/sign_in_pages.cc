#include "pages/sign_in_pages.h"

#include <string>
#include <utility>

#include "http/csrf.h"
#include "pages/account_pages.h"
#include "trust/access/role_permissions.h"

namespace fyren::pages {
namespace {

using trust::accounts::SignInOutcome;
using trust::sessions::SessionRecord;
using trust::sessions::SessionStage;

std::string Field(const http::Request& request, std::string_view name) {
  return http::FormField(request, name).value_or(std::string());
}

void AddError(render::View& page, std::string_view field, std::string_view message) {
  render::View item;
  item.Set("field", field).Set("message", message);
  page.Append("errors", std::move(item));
  page.SetFlag("has_errors", true);
}

// Where to go once signed in: the page the route gate sent the user away from (`next=`, kept
// through the password, code and enrolment steps as a query parameter or hidden field). Only a
// plain local path is honoured, so the sign-in page cannot be used to redirect to another site.
std::string ReturnPath(const http::Request& request) {
  auto next = http::FormField(request, "next");
  if (!next) next = request.QueryParam("next");
  return SafeReturnPath(next.value_or("/"));
}

std::string WithNext(std::string_view path, std::string_view next) {
  if (next == "/") return std::string(path);
  return std::string(path) + "?next=" + http::PercentEncode(next);
}

void SetNext(render::View& page, const http::Request& request) {
  const std::string next = ReturnPath(request);
  if (next != "/") page.Set("next", next);
}

}  // namespace

void SetVisitor(render::View& page, const http::Request& request) {
  const bool signed_in = request.session.has_value() && request.session->mfa_verified;
  page.Set("csrf_token", request.csrf_token).SetFlag("signed_in", signed_in);
  // The header links to administration, the person register and log review only for roles that
  // may use them; the route gate and the services still decide.
  const auto grants = [&](trust::access::Permission permission) {
    if (!signed_in) return false;
    for (const std::string& role : request.session->roles) {
      if (trust::access::RoleGrants(role, permission)) return true;
    }
    return false;
  };
  page.SetFlag("may_administer", grants(trust::access::Permission::kManageUsers));
  page.SetFlag("may_read_persons", grants(trust::access::Permission::kReadPersonalData));
  page.SetFlag("may_review_audit", grants(trust::access::Permission::kReviewAuditLog));
  page.SetFlag("may_read_shared", grants(trust::access::Permission::kReadShared));
  page.SetFlag("may_edit_directory", grants(trust::access::Permission::kEditSupportDirectory));
  page.SetFlag("may_work_intake", grants(trust::access::Permission::kWorkIntakeQueue));
}

std::string WithSeconds(std::string_view text, std::chrono::seconds seconds) {
  std::string out(text);
  const auto at = out.find("{seconds}");
  if (at != std::string::npos) out.replace(at, 9, std::to_string(seconds.count()));
  return out;
}

SignInPages::SignInPages(const render::TemplateSet& templates, SiteInfo site,
                         trust::accounts::AccountService& accounts,
                         http::SessionCookieOptions cookie)
    : frame_(templates, site), errors_(templates, site), accounts_(accounts), cookie_(cookie) {}

base::Result<std::optional<SessionRecord>> SignInPages::CurrentSession(
    const http::Request& request) const {
  if (!request.session) return std::optional<SessionRecord>();
  const auto token = http::SessionToken(request, cookie_);
  if (!token) return std::optional<SessionRecord>();
  auto resolved = accounts_.ResolveSession(frame_.site().tenant_id, *token);
  if (!resolved) return std::unexpected(resolved.error());
  if (!resolved->has_value()) return std::optional<SessionRecord>();
  return std::optional((*resolved)->session);
}

http::Response SignInPages::StartSession(const trust::sessions::IssuedSession& session,
                                         std::string_view location) const {
  http::Response response = http::Response::Redirect(location);
  response.AddHeader("Set-Cookie", http::SessionSetCookie(cookie_, session.token));
  return response;
}

http::Response SignInPages::RenderSignIn(const http::Request& request, int status,
                                         std::string_view username, std::string_view username_error,
                                         std::string_view password_error,
                                         std::chrono::seconds retry_after) const {
  const auto locale = PageFrame::Locale(request.locale);
  render::View page = frame_.NewPage(locale, "sign_in.title", "sign_in");
  SetVisitor(page, request);
  page.Set("username", username);
  SetNext(page, request);
  if (!username_error.empty()) {
    page.Set("username_error", username_error);
    AddError(page, "username", username_error);
  }
  if (!password_error.empty()) {
    page.Set("password_error", password_error);
    AddError(page, "password", password_error);
  }
  page.SetFlag("signed_out", request.QueryParam("signed_out") == "1");
  http::Response response = frame_.Respond(status, "sign_in", locale, page);
  if (retry_after.count() > 0)
    response.SetHeader("Retry-After", std::to_string(retry_after.count()));
  return response;
}

http::Response SignInPages::ShowSignIn(http::Request& request) const {
  if (request.session && request.session->mfa_verified) {
    return http::Response::Redirect(ReturnPath(request));
  }
  return RenderSignIn(request, 200, "", "", "");
}

http::Response SignInPages::SignIn(http::Request& request) const {
  const auto& t = frame_.catalog(PageFrame::Locale(request.locale));
  const std::string username = Field(request, "username");
  const std::string password = Field(request, "password");
  if (username.empty() || password.empty()) {
    return RenderSignIn(request, 422, username,
                        username.empty() ? t.Get("sign_in.missing_username") : "",
                        password.empty() ? t.Get("sign_in.missing_password") : "");
  }
  auto previous = CurrentSession(request);
  if (!previous) return errors_.ForError(previous.error(), request);
  auto result = accounts_.SignInWithPassword({.tenant = frame_.site().tenant_id,
                                              .username = username,
                                              .password = password,
                                              .client_address = request.remote_address,
                                              .request_id = request.request_id,
                                              .previous = *previous});
  if (!result) return errors_.ForError(result.error(), request);
  switch (result->outcome) {
    case SignInOutcome::kNeedsCode:
      return StartSession(*result->session, WithNext("/sign-in/code", ReturnPath(request)));
    case SignInOutcome::kNeedsEnrollment:
      return StartSession(*result->session, WithNext("/sign-in/two-factor", ReturnPath(request)));
    case SignInOutcome::kThrottled:
      return RenderSignIn(request, 429, username,
                          WithSeconds(t.Get("sign_in.throttled"), result->retry_after), "",
                          result->retry_after);
    case SignInOutcome::kLocked:
      return RenderSignIn(request, 403, username, t.Get("sign_in.locked"), "");
    case SignInOutcome::kDemoRefused:
      return RenderSignIn(request, 403, username, t.Get("sign_in.demo_refused"), "");
    case SignInOutcome::kBusy:
      return RenderSignIn(request, 503, username, t.Get("sign_in.busy"), "");
    default:
      return RenderSignIn(request, 401, username, t.Get("sign_in.wrong_credentials"), "");
  }
}

http::Response SignInPages::RenderCode(const http::Request& request, int status,
                                       std::string_view error) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "code.title", "");
  SetVisitor(page, request);
  page.Set("heading", t.Get("code.heading"))
      .Set("lead", t.Get("code.lead"))
      .Set("hint", t.Get("code.hint"))
      .Set("action", "/sign-in/code")
      .SetFlag("show_start_again", true);
  SetNext(page, request);
  if (!error.empty()) {
    page.Set("code_error", error);
    AddError(page, "code", error);
  }
  return frame_.Respond(status, "sign_in_code", locale, page);
}

http::Response SignInPages::ShowCode(http::Request& request) const {
  if (!request.session || request.session->stage != "password") {
    return http::Response::Redirect("/sign-in");
  }
  return RenderCode(request, 200, "");
}

http::Response SignInPages::SubmitCode(http::Request& request) const {
  const auto& t = frame_.catalog(PageFrame::Locale(request.locale));
  auto session = CurrentSession(request);
  if (!session) return errors_.ForError(session.error(), request);
  if (!session->has_value() || (*session)->stage != SessionStage::kPassword) {
    return http::Response::Redirect("/sign-in");
  }
  const std::string code = Field(request, "code");
  if (code.empty()) return RenderCode(request, 422, t.Get("code.missing"));
  auto result = accounts_.CompleteSignIn({.session = **session,
                                          .code = code,
                                          .client_address = request.remote_address,
                                          .request_id = request.request_id});
  if (!result) return errors_.ForError(result.error(), request);
  switch (result->outcome) {
    case SignInOutcome::kSignedIn:
      return StartSession(*result->session, ReturnPath(request));
    case SignInOutcome::kThrottled: {
      http::Response response =
          RenderCode(request, 429, WithSeconds(t.Get("sign_in.throttled"), result->retry_after));
      response.SetHeader("Retry-After", std::to_string(result->retry_after.count()));
      return response;
    }
    case SignInOutcome::kLocked: {
      http::Response response = RenderSignIn(request, 403, "", t.Get("sign_in.locked"), "");
      response.AddHeader("Set-Cookie", http::SessionClearCookie(cookie_));
      return response;
    }
    default:
      return RenderCode(request, 401, t.Get("code.wrong"));
  }
}

http::Response SignInPages::RenderEnrollment(const http::Request& request,
                                             const SessionRecord& session, int status,
                                             std::string_view error) const {
  auto enrollment = accounts_.BeginEnrollment(session);
  if (!enrollment) return errors_.ForError(enrollment.error(), request);
  const auto locale = PageFrame::Locale(request.locale);
  render::View page = frame_.NewPage(locale, "enroll.title", "");
  SetVisitor(page, request);
  page.Set("qr_code", enrollment->qr_svg_data_uri).Set("secret", enrollment->secret_base32);
  SetNext(page, request);
  if (!error.empty()) {
    page.Set("code_error", error);
    AddError(page, "code", error);
  }
  return frame_.Respond(status, "sign_in_enroll", locale, page);
}

http::Response SignInPages::ShowEnrollment(http::Request& request) const {
  auto session = CurrentSession(request);
  if (!session) return errors_.ForError(session.error(), request);
  if (!session->has_value() || (*session)->stage != SessionStage::kEnroll) {
    return http::Response::Redirect("/sign-in");
  }
  return RenderEnrollment(request, **session, 200, "");
}

http::Response SignInPages::ConfirmEnrollment(http::Request& request) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  auto session = CurrentSession(request);
  if (!session) return errors_.ForError(session.error(), request);
  if (!session->has_value() || (*session)->stage != SessionStage::kEnroll) {
    return http::Response::Redirect("/sign-in");
  }
  const std::string code = Field(request, "code");
  if (code.empty()) return RenderEnrollment(request, **session, 422, t.Get("code.missing"));
  auto result = accounts_.ConfirmEnrollment({.session = **session,
                                             .code = code,
                                             .client_address = request.remote_address,
                                             .request_id = request.request_id});
  if (!result) return errors_.ForError(result.error(), request);
  if (result->outcome == SignInOutcome::kThrottled) {
    return RenderEnrollment(request, **session, 429,
                            WithSeconds(t.Get("sign_in.throttled"), result->retry_after));
  }
  if (result->outcome != SignInOutcome::kSignedIn) {
    return RenderEnrollment(request, **session, 401, t.Get("code.wrong"));
  }
  // The recovery codes are shown on this response only; the new session makes the header show
  // the signed-in menu, so the page is rendered as for that session.
  http::Request signed_in = request;
  signed_in.session = http::SessionView{};
  signed_in.session->mfa_verified = true;
  signed_in.session->stage = "full";
  signed_in.csrf_token = result->session->record.csrf_token;
  render::View page = frame_.NewPage(locale, "recovery.title", "");
  SetVisitor(page, signed_in);
  page.Set("continue_to", ReturnPath(request));
  for (const std::string& code_text : result->recovery_codes) {
    render::View item;
    item.Set("code", code_text);
    page.Append("codes", std::move(item));
  }
  http::Response response = frame_.Respond(200, "recovery_codes", locale, page);
  response.AddHeader("Set-Cookie", http::SessionSetCookie(cookie_, result->session->token));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

http::Response SignInPages::SignOut(http::Request& request) const {
  auto session = CurrentSession(request);
  if (!session) return errors_.ForError(session.error(), request);
  if (session->has_value()) {
    if (auto ok = accounts_.SignOut(**session, request.request_id); !ok) {
      return errors_.ForError(ok.error(), request);
    }
  }
  http::Response response = http::Response::Redirect("/sign-in?signed_out=1");
  response.AddHeader("Set-Cookie", http::SessionClearCookie(cookie_));
  return response;
}

}  // namespace fyren::pages
