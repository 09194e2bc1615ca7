#pragma once

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

  [[nodiscard]] bool IsAnonymous() const { return !user_id.has_value(); }

  static Actor Public(base::TenantId tenant, std::string request_id) {
    return Actor{.tenant = tenant,
                 .user_id = std::nullopt,
                 .unit = std::nullopt,
                 .authority = std::nullopt,
                 .roles = {},
                 .purpose = "public",
                 .request_id = std::move(request_id)};
  }
};

}  // namespace fyren::trust
