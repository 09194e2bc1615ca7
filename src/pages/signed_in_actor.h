#pragma once

#include <optional>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "http/message.h"
#include "http/session_middleware.h"
#include "trust/accounts/account_service.h"
#include "trust/actor.h"

namespace fyren::pages {

// The acting user of a page or API request: the full session named by the request's cookie,
// resolved again through AccountService (the middleware's SessionView carries no unit or
// authority) and turned into an Actor with `purpose` (the audit log's "why"). nullopt when the
// request has no full session (the caller sends the visitor to sign in); an error only when the
// session cannot be checked. Thread-safe.
[[nodiscard]] base::Result<std::optional<trust::Actor>> SignedInActor(
    trust::accounts::AccountService& accounts, base::TenantId tenant, const http::Request& request,
    const http::SessionCookieOptions& cookie, std::string_view purpose);

}  // namespace fyren::pages
