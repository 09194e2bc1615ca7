#include "app/route_gate.h"

#include <algorithm>
#include <string>
#include <utility>

#include "http/url_encoding.h"
#include "pages/account_pages.h"
#include "trust/access/role_permissions.h"

namespace fyren::app {

using trust::access::Permission;

GateVerdict Judge(Permission permission, const std::optional<http::SessionView>& session) {
  if (permission == Permission::kPublic || permission == Permission::kSignInStep) {
    return GateVerdict::kPass;
  }
  if (!session || !session->mfa_verified) return GateVerdict::kSignIn;
  const bool granted = std::ranges::any_of(session->roles, [permission](const std::string& role) {
    return trust::access::RoleGrants(role, permission);
  });
  return granted ? GateVerdict::kPass : GateVerdict::kForbidden;
}

http::Response GateAnswer(GateVerdict verdict, const http::Request& request,
                          const http::ErrorPage& error_page) {
  if (verdict == GateVerdict::kForbidden) return error_page(request, 403);
  if (request.IsApi()) return error_page(request, 401);
  const bool replayable =
      request.method == http::Method::kGet || request.method == http::Method::kHead;
  // SafeReturnPath answers "/" for anything that is not a plain local path; then no next= at all.
  const std::string next = replayable ? pages::SafeReturnPath(request.target) : "/";
  if (next == "/") return http::Response::Redirect("/sign-in");
  return http::Response::Redirect("/sign-in?next=" + http::PercentEncode(next));
}

http::Handler Gated(Permission permission, http::Handler handler, http::ErrorPage error_page,
                    GateDenialRecorder on_forbidden) {
  if (permission == Permission::kPublic || permission == Permission::kSignInStep) return handler;
  return [permission, handler = std::move(handler), error_page = std::move(error_page),
          on_forbidden = std::move(on_forbidden)](http::Request& request) {
    const GateVerdict verdict = Judge(permission, request.session);
    if (verdict == GateVerdict::kForbidden && on_forbidden) on_forbidden(request, permission);
    if (verdict != GateVerdict::kPass) return GateAnswer(verdict, request, error_page);
    return handler(request);
  };
}

http::Router BuildGatedRouter(std::vector<GatedRoute> routes, const http::ErrorPage& error_page,
                              const GateDenialRecorder& on_forbidden) {
  http::Router router;
  for (GatedRoute& route : routes) {
    route.info.permission = std::string(trust::access::ToString(route.permission));
    router.Add(std::move(route.info),
               Gated(route.permission, std::move(route.handler), error_page, on_forbidden));
  }
  return router;
}

}  // namespace fyren::app
