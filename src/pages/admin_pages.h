#pragma once

#include <expected>
#include <optional>
#include <string_view>

#include "http/message.h"
#include "http/session_middleware.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"
#include "trust/accounts/account_service.h"
#include "trust/accounts/invite_service.h"
#include "trust/accounts/user_admin_service.h"

namespace fyren::pages {

// User administration for system and authority administrators (issue 3, items 1 and 2): the
// administration start page, the user list with filters, inviting a user (the one-time link is
// shown once), one user's roles, deactivation, ending sessions, unlocking and re-inviting. Each
// handler decodes the form, calls one service method and renders; the services decide access.
// Immutable after construction; thread-safe. The references must outlive it.
class AdminPages {
 public:
  AdminPages(const render::TemplateSet& templates, SiteInfo site,
             trust::accounts::UserAdminService& admin, trust::accounts::InviteService& invites,
             http::SessionCookieOptions cookie);

  [[nodiscard]] http::Response Start(http::Request& request) const;        // GET /admin
  [[nodiscard]] http::Response Users(http::Request& request) const;        // GET /admin/users
  [[nodiscard]] http::Response NewUser(http::Request& request) const;      // GET .../new
  [[nodiscard]] http::Response InviteUser(http::Request& request) const;   // POST .../new
  [[nodiscard]] http::Response User(http::Request& request) const;         // GET .../{id}
  [[nodiscard]] http::Response SetRoles(http::Request& request) const;     // POST .../roles
  [[nodiscard]] http::Response Deactivate(http::Request& request) const;   // POST .../deactivate
  [[nodiscard]] http::Response EndSessions(http::Request& request) const;  // POST .../end-sessions
  [[nodiscard]] http::Response Unlock(http::Request& request) const;       // POST .../unlock
  [[nodiscard]] http::Response Reinvite(http::Request& request) const;     // POST .../invite

 private:
  [[nodiscard]] std::expected<trust::Actor, http::Response> Administrator(
      const http::Request& request) const;
  [[nodiscard]] http::Response RenderNewUser(const http::Request& request,
                                             const trust::Actor& actor, int status,
                                             const trust::accounts::InviteRequest& input,
                                             const base::Error* error) const;
  [[nodiscard]] http::Response RenderUser(const http::Request& request, const trust::Actor& actor,
                                          int status, const base::Error* error,
                                          const std::vector<std::string>* chosen_roles) const;
  [[nodiscard]] http::Response RenderLink(const http::Request& request,
                                          const trust::accounts::IssuedInvite& issued,
                                          std::string_view username) const;
  [[nodiscard]] http::Response Failure(const base::Error& error,
                                       const http::Request& request) const;
  // The message for a service's field error in the page's language.
  [[nodiscard]] std::string Message(std::string_view locale, const base::Error& error) const;

  PageFrame frame_;
  ErrorPages errors_;
  trust::accounts::UserAdminService& admin_;
  trust::accounts::InviteService& invites_;
  const http::SessionCookieOptions cookie_;
};

// The signed-in actor of an administration request (purpose "administration"), or the answer
// to send instead: a redirect to the sign-in page without a full session. Whether the actor
// administers anything is the services' decision.
[[nodiscard]] std::expected<trust::Actor, http::Response> RequireSignedInActor(
    const http::Request& request, base::TenantId tenant);

// Every value of form field `name` (checkbox groups); empty when the body does not decode.
[[nodiscard]] std::vector<std::string> FormValues(const http::Request& request,
                                                  std::string_view name);

}  // namespace fyren::pages
