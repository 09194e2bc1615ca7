#include "pages/signed_in_actor.h"

#include "trust/accounts/session_actor.h"

namespace fyren::pages {

base::Result<std::optional<trust::Actor>> SignedInActor(trust::accounts::AccountService& accounts,
                                                        base::TenantId tenant,
                                                        const http::Request& request,
                                                        const http::SessionCookieOptions& cookie,
                                                        std::string_view purpose) {
  // The middleware already saw the session; without a full one there is nothing to resolve.
  if (!request.session || !request.session->mfa_verified) return std::optional<trust::Actor>();
  const auto token = http::SessionToken(request, cookie);
  if (!token) return std::optional<trust::Actor>();
  return trust::accounts::ActorForSessionToken(accounts, tenant, *token, request.request_id,
                                               purpose);
}

}  // namespace fyren::pages
