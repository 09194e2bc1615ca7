#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "trust/accounts/account_service.h"
#include "trust/actor.h"

namespace fyren::trust::accounts {

// What a resolved session tells about its user (copied by the HTTP layer from http::SessionView,
// which the session middleware fills once per request).
struct SessionFacts {
  base::TenantId tenant;
  std::int64_t user_id = 0;
  std::int64_t unit_id = 0;       // 0: unknown
  std::int64_t authority_id = 0;  // 0: unknown
  std::vector<std::string> roles;
  std::string session_handle;
  std::optional<std::chrono::system_clock::time_point> second_factor_at;
};

// The facts of any session view with these members: http::SessionView in practice, which the
// HTTP layer fills; a template so that trust/ does not depend on http/.
template <class SessionView>
[[nodiscard]] SessionFacts FactsOf(base::TenantId tenant, const SessionView& s) {
  return SessionFacts{.tenant = tenant,
                      .user_id = s.user_id,
                      .unit_id = s.unit_id,
                      .authority_id = s.authority_id,
                      .roles = s.roles,
                      .session_handle = s.public_handle,
                      .second_factor_at = s.second_factor_at};
}

// The Actor for a full session's facts, without a database round trip. `purpose` becomes the
// actor's audit purpose.
[[nodiscard]] Actor ActorFromSession(const SessionFacts& facts, std::string_view request_id,
                                     std::string_view purpose);

}  // namespace fyren::trust::accounts
