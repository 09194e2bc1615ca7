#pragma once

#include "http/message.h"
#include "http/session_middleware.h"
#include "pages/error_pages.h"
#include "pages/home_view.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"
#include "trust/accounts/account_service.h"

namespace fyren::pages {

// Pages for a signed-in user (a full session): the start page with their name, unit and their work
// in counts ("Mitt arbete", home_view.h), their account with "sign out everywhere", and the step-up
// check (TOTP again) that exports and emergency access send the user through. A request without a
// full session is sent to the sign-in page. Immutable after construction; thread-safe. The
// references must outlive it.
class AccountPages {
 public:
  AccountPages(const render::TemplateSet& templates, SiteInfo site,
               trust::accounts::AccountService& accounts, http::SessionCookieOptions cookie,
               MyWorkSources my_work);

  [[nodiscard]] http::Response Home(http::Request& request) const;               // GET /
  [[nodiscard]] http::Response Account(http::Request& request) const;            // GET /account
  [[nodiscard]] http::Response SignOutEverywhere(http::Request& request) const;  // POST
  [[nodiscard]] http::Response ShowStepUp(http::Request& request) const;  // GET /account/confirm
  [[nodiscard]] http::Response StepUp(http::Request& request) const;      // POST

 private:
  [[nodiscard]] base::Result<std::optional<trust::sessions::SessionRecord>> FullSession(
      const http::Request& request) const;
  [[nodiscard]] http::Response RenderStepUp(const http::Request& request, int status,
                                            std::string_view next, std::string_view error) const;

  PageFrame frame_;
  ErrorPages errors_;
  trust::accounts::AccountService& accounts_;
  const http::SessionCookieOptions cookie_;
  const MyWorkSources my_work_;
};

// A local path to return to after step-up: starts with one '/', no backslash or control
// characters; anything else becomes "/". Stops open redirects.
[[nodiscard]] std::string SafeReturnPath(std::string_view next);

}  // namespace fyren::pages
