#include "app/demo_actor.h"

#include <chrono>

#include "domain/person/person_store.h"

namespace fyren::app {

base::Result<trust::Actor> DemoActor(storage::Database& db, base::TenantId tenant,
                                     std::string_view file, std::string request_id,
                                     const std::string& username) {
  auto user = db.Read([&](storage::Transaction& tx) {
    return person::PersonStore::FindActiveUser(tx, tenant, username);
  });
  if (!user) return std::unexpected(user.error());
  if (!*user) {
    return std::unexpected(base::Error{.code = base::ErrorCode::kInvalidInput,
                                       .message = std::string(file) + ": no demo user " + username,
                                       .detail = {},
                                       .field = {}});
  }
  return trust::Actor{.tenant = tenant,
                      .user_id = (*user)->user_id,
                      .unit = (*user)->unit,
                      .authority = (*user)->authority,
                      .roles = (*user)->roles,
                      .purpose = "system",
                      .request_id = std::move(request_id),
                      .session_handle = {},
                      .second_factor_at = std::chrono::system_clock::now(),
                      .local_operator = false};
}

}  // namespace fyren::app
