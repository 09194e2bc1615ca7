#include "trust/accounts/session_actor.h"

#include <string>

namespace fyren::trust::accounts {

base::Result<std::optional<Actor>> ActorForSessionToken(AccountService& accounts,
                                                        base::TenantId tenant,
                                                        std::string_view token,
                                                        std::string_view request_id,
                                                        std::string_view purpose) {
  auto resolved = accounts.ResolveSession(tenant, token);
  if (!resolved) return std::unexpected(resolved.error());
  if (!resolved->has_value() || (*resolved)->session.stage != sessions::SessionStage::kFull) {
    return std::optional<Actor>();
  }
  auto actor = accounts.ActorForSession((*resolved)->session, std::string(request_id));
  if (!actor) return std::unexpected(actor.error());
  actor->purpose = std::string(purpose);
  return std::optional(std::move(*actor));
}

}  // namespace fyren::trust::accounts
