#include "pages/signed_in_actor.h"

#include "trust/accounts/session_actor.h"

namespace fyren::pages {

std::optional<trust::Actor> SignedInActor(base::TenantId tenant, const http::Request& request,
                                          std::string_view purpose) {
  if (!request.session || !request.session->mfa_verified) return std::nullopt;
  const http::SessionView& s = *request.session;
  if (s.tenant_id != tenant.value()) return std::nullopt;
  return trust::accounts::ActorFromSession(trust::accounts::FactsOf(tenant, s), request.request_id,
                                           purpose);
}

}  // namespace fyren::pages
