#pragma once

#include <expected>
#include <optional>
#include <string_view>

#include "base/ids.h"
#include "http/message.h"
#include "trust/actor.h"

namespace fyren::api {

// The acting user of an API request: the full session the session middleware resolved from the
// request's cookie (http::SessionView carries unit, authority, roles and second-factor time),
// with `purpose` for the audit log. No database round trip. nullopt without a full session: the
// caller answers 401.
[[nodiscard]] std::optional<trust::Actor> SignedInCaller(base::TenantId tenant,
                                                         const http::Request& request,
                                                         std::string_view purpose);

// As SignedInCaller, or else the answer to send: 401 problem+json, not stored by caches,
// with `message` as its title.
[[nodiscard]] std::expected<trust::Actor, http::Response> CallerOr401(
    base::TenantId tenant, const http::Request& request, std::string_view purpose,
    std::string_view message = "Sign in first.");

}  // namespace fyren::api
