#pragma once

#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "http/message.h"
#include "http/middleware.h"
#include "http/router.h"
#include "trust/access/permission.h"

namespace fyren::app {

// The central route gate: the permission a route names in the route table is checked here,
// before its handler runs, so a route whose handler forgets to check cannot leak. Services still
// decide per record (owning authority, case team, protected identity): the gate knows only the
// session's roles, never the record.
enum class GateVerdict {
  kPass,       // kPublic and kSignInStep routes, or a full session whose roles grant it
  kSignIn,     // no full session (none, or still at the password or enrollment step)
  kForbidden,  // a full session, but none of its roles grants the permission
};
[[nodiscard]] GateVerdict Judge(trust::access::Permission permission,
                                const std::optional<http::SessionView>& session);

// The answer for a request the gate stops. kSignIn: on /api/... error_page(401) (problem+json);
// on a page a 303 to /sign-in, with next=<the requested path and query> for a GET or HEAD to a
// local path (pages::SafeReturnPath; a POST cannot be replayed by a redirect). kForbidden:
// error_page(403), a page or problem+json.
[[nodiscard]] http::Response GateAnswer(GateVerdict verdict, const http::Request& request,
                                        const http::ErrorPage& error_page);

// Told about every request the gate refuses with 403 (a signed-in user whose roles lack the
// route's permission), so the refusal can be audited like a service's denial. May block (it
// appends to the audit log); a 403 needs a session cookie, and such requests run on the
// blocking pool.
using GateDenialRecorder = std::function<void(const http::Request&, trust::access::Permission)>;

// `handler` behind the gate for `permission`; `on_forbidden` (may be empty) hears of each 403.
[[nodiscard]] http::Handler Gated(trust::access::Permission permission, http::Handler handler,
                                  http::ErrorPage error_page, GateDenialRecorder on_forbidden = {});

// One route as the gate and the router need it (app/routes.cc converts the route table).
struct GatedRoute {
  http::RouteInfo info;  // info.permission is set from `permission`
  trust::access::Permission permission;
  http::Handler handler;
};
// A router whose every route is Gated. Throws what Router::Add throws.
[[nodiscard]] http::Router BuildGatedRouter(std::vector<GatedRoute> routes,
                                            const http::ErrorPage& error_page,
                                            const GateDenialRecorder& on_forbidden = {});

}  // namespace fyren::app
