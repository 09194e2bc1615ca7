#include "trust/accounts/session_actor.h"

#include <string>

namespace fyren::trust::accounts {

Actor ActorFromSession(const SessionFacts& facts, std::string_view request_id,
                       std::string_view purpose) {
  const auto organisation = [](std::int64_t id) {
    return id > 0 ? std::optional(base::OrganisationId(id)) : std::nullopt;
  };
  return Actor{.tenant = facts.tenant,
               .user_id = facts.user_id,
               .unit = organisation(facts.unit_id),
               .authority = organisation(facts.authority_id),
               .roles = facts.roles,
               .purpose = std::string(purpose),
               .request_id = std::string(request_id),
               .session_handle = facts.session_handle,
               .second_factor_at = facts.second_factor_at,
               .local_operator = false};
}

}  // namespace fyren::trust::accounts
