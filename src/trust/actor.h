#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/ids.h"

namespace fyren::trust {

// Who is acting, passed first to every service method so the web UI and the API decide access
// the same way. Built once per request by the session middleware. An anonymous visitor of a
// public page is an Actor without a user: it may read only what is public.
struct Actor {
  base::TenantId tenant;
  std::optional<std::int64_t> user_id;  // internal id; nullopt for the public
  std::optional<base::OrganisationId> unit;
  std::optional<base::OrganisationId> authority;
  std::vector<std::string> roles;
  std::string purpose;     // why the data is used (audited)
  std::string request_id;  // ties audit entries to the request log
  // The signed-in session (its public handle) when the actor came from one; empty otherwise.
  std::string session_handle;
  // When the second factor was last checked in this session (sign-in or step-up); services that
  // require a recent step-up (exports, emergency access) compare it with the clock.
  std::optional<std::chrono::system_clock::time_point> second_factor_at;
  // The `fyren` command line run by the server's operator (no user, but trusted like an
  // administrator for account administration). Never set for a web or API request.
  bool local_operator = false;

  [[nodiscard]] bool IsAnonymous() const { return !user_id.has_value(); }

  static Actor Public(base::TenantId tenant, std::string request_id) {
    return Actor{.tenant = tenant,
                 .user_id = std::nullopt,
                 .unit = std::nullopt,
                 .authority = std::nullopt,
                 .roles = {},
                 .purpose = "public",
                 .request_id = std::move(request_id),
                 .session_handle = {},
                 .second_factor_at = std::nullopt,
                 .local_operator = false};
  }
};

}  // namespace fyren::trust
