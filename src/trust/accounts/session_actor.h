#pragma once

#include <optional>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "trust/accounts/account_service.h"
#include "trust/actor.h"

namespace fyren::trust::accounts {

// The Actor behind a session cookie token, for page and API handlers alike: nullopt when the
// token names no open session, the session has not passed the second factor, or the user may no
// longer sign in; an error only when that cannot be checked (the database is down). `purpose`
// becomes the actor's audit purpose. Thread-safe as AccountService is.
[[nodiscard]] base::Result<std::optional<Actor>> ActorForSessionToken(AccountService& accounts,
                                                                      base::TenantId tenant,
                                                                      std::string_view token,
                                                                      std::string_view request_id,
                                                                      std::string_view purpose);

}  // namespace fyren::trust::accounts
