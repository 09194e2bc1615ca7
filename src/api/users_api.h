#pragma once

#include <expected>

#include "base/ids.h"
#include "http/message.h"
#include "http/session_middleware.h"
#include "trust/accounts/account_service.h"
#include "trust/accounts/invite_service.h"
#include "trust/accounts/user_admin_service.h"

namespace fyren::api {

// /api/v1/users: user administration for integrations and scripts (issue 3, items 1 and 2), the
// same services as the /admin pages, so both decide access alike (a user outside the caller's
// authority is 404, exactly like a missing one). Authenticated by the session cookie of a fully
// signed-in administrator. Because a cookie is sent by the browser on its own, every POST and
// PATCH must be `Content-Type: application/json` (415 otherwise): a cross-site form cannot send
// that without a CORS preflight, which Fyren never grants, and the cookie is SameSite=Strict too.
// Thread-safe; the references must outlive it.
class UsersApi {
 public:
  UsersApi(trust::accounts::UserAdminService& admin, trust::accounts::InviteService& invites,
           base::TenantId tenant, http::SessionCookieOptions cookie);

  // GET /api/v1/users?unit=CODE&role=ROLE&active=true|false
  [[nodiscard]] http::Response List(http::Request& request) const;
  // POST /api/v1/users {username, display_name, unit, roles}: 201 with the one-time invite link
  // (shown in this answer only, Cache-Control: no-store) and Location.
  [[nodiscard]] http::Response Invite(http::Request& request) const;
  // GET /api/v1/users/{id}: ETag from the version; If-None-Match gives 304.
  [[nodiscard]] http::Response Get(http::Request& request) const;
  // PATCH /api/v1/users/{id} {roles?, active?}: access first (404), then If-Match (428 without,
  // 412 on a stale ETag), then the body (400/422).
  [[nodiscard]] http::Response Patch(http::Request& request) const;
  // POST /api/v1/users/{id}/end-sessions: {"ended": n}.
  [[nodiscard]] http::Response EndSessions(http::Request& request) const;

 private:
  [[nodiscard]] std::expected<trust::Actor, http::Response> Caller(
      const http::Request& request) const;

  trust::accounts::UserAdminService& admin_;
  trust::accounts::InviteService& invites_;
  base::TenantId tenant_;
  const http::SessionCookieOptions cookie_;
};

}  // namespace fyren::api
