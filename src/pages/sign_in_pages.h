#pragma once

#include <optional>
#include <string_view>

#include "http/message.h"
#include "http/session_middleware.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"
#include "trust/accounts/account_service.h"

namespace fyren::pages {

// The sign-in flow: user name and password, then a TOTP code (or TOTP enrollment with a QR code
// and recovery codes), and sign-out. Each step that succeeds sets a new session cookie. Every
// refusal re-shows the form with an error summary, and never tells whether a user name exists.
// Immutable after construction; thread-safe. The references must outlive it.
class SignInPages {
 public:
  SignInPages(const render::TemplateSet& templates, SiteInfo site,
              trust::accounts::AccountService& accounts, http::SessionCookieOptions cookie);

  [[nodiscard]] http::Response ShowSignIn(http::Request& request) const;      // GET /sign-in
  [[nodiscard]] http::Response SignIn(http::Request& request) const;          // POST /sign-in
  [[nodiscard]] http::Response ShowCode(http::Request& request) const;        // GET /sign-in/code
  [[nodiscard]] http::Response SubmitCode(http::Request& request) const;      // POST /sign-in/code
  [[nodiscard]] http::Response ShowEnrollment(http::Request& request) const;  // GET two-factor
  [[nodiscard]] http::Response ConfirmEnrollment(http::Request& request) const;  // POST
  [[nodiscard]] http::Response SignOut(http::Request& request) const;            // POST /sign-out

 private:
  [[nodiscard]] http::Response RenderSignIn(const http::Request& request, int status,
                                            std::string_view username,
                                            std::string_view username_error,
                                            std::string_view password_error,
                                            std::chrono::seconds retry_after = {}) const;
  [[nodiscard]] http::Response RenderCode(const http::Request& request, int status,
                                          std::string_view error) const;
  [[nodiscard]] http::Response RenderEnrollment(const http::Request& request,
                                                const trust::sessions::SessionRecord& session,
                                                int status, std::string_view error) const;
  [[nodiscard]] base::Result<std::optional<trust::sessions::SessionRecord>> CurrentSession(
      const http::Request& request) const;
  [[nodiscard]] http::Response StartSession(const trust::sessions::IssuedSession& session,
                                            std::string_view location) const;

  PageFrame frame_;
  ErrorPages errors_;
  trust::accounts::AccountService& accounts_;
  const http::SessionCookieOptions cookie_;
};

// Sets what the layout needs for the visitor: the CSRF token for forms and whether the header
// shows the account menu (a full session) or "Sign in".
void SetVisitor(render::View& page, const http::Request& request);

// The text for a message key with "{seconds}" replaced.
[[nodiscard]] std::string WithSeconds(std::string_view text, std::chrono::seconds seconds);

}  // namespace fyren::pages
