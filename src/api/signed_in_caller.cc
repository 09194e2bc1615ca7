#include "api/signed_in_caller.h"

#include <string>
#include <utility>

#include "api/json_io.h"
#include "http/error_mapping.h"
#include "trust/accounts/session_actor.h"

namespace fyren::api {

std::optional<trust::Actor> SignedInCaller(base::TenantId tenant, const http::Request& request,
                                           std::string_view purpose) {
  if (!request.session || !request.session->mfa_verified) return std::nullopt;
  if (request.session->tenant_id != tenant.value()) return std::nullopt;
  return trust::accounts::ActorFromSession(trust::accounts::FactsOf(tenant, *request.session),
                                           request.request_id, purpose);
}

std::expected<trust::Actor, http::Response> CallerOr401(base::TenantId tenant,
                                                        const http::Request& request,
                                                        std::string_view purpose,
                                                        std::string_view message) {
  auto actor = SignedInCaller(tenant, request, purpose);
  if (actor) return std::move(*actor);
  return std::unexpected(
      NoStore(http::ProblemJson(base::Error{.code = base::ErrorCode::kUnauthenticated,
                                            .message = std::string(message),
                                            .detail = {},
                                            .field = {}},
                                request.request_id)));
}

}  // namespace fyren::api
