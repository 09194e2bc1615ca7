#pragma once

#include <optional>
#include <string_view>

#include "base/ids.h"
#include "http/message.h"
#include "trust/actor.h"

namespace fyren::pages {

// The acting user of a page request, built from the full session the session middleware resolved
// for this request (http::SessionView carries the user's unit, authority, roles and second-factor
// time), with `purpose` as the audit log's "why". No database round trip. nullopt when the
// request has no full session: the caller sends the visitor to sign in.
[[nodiscard]] std::optional<trust::Actor> SignedInActor(base::TenantId tenant,
                                                        const http::Request& request,
                                                        std::string_view purpose);

}  // namespace fyren::pages
