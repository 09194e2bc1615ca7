#include "api/signed_in_caller.h"

#include "trust/accounts/session_actor.h"

namespace fyren::api {

std::optional<trust::Actor> SignedInCaller(base::TenantId tenant, const http::Request& request,
                                           std::string_view purpose) {
  if (!request.session || !request.session->mfa_verified) return std::nullopt;
  if (request.session->tenant_id != tenant.value()) return std::nullopt;
  return trust::accounts::ActorFromSession(trust::accounts::FactsOf(tenant, *request.session),
                                           request.request_id, purpose);
}

}  // namespace fyren::api
