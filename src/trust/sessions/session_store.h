#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "base/result.h"
#include "storage/database.h"
#include "trust/sessions/session.h"

namespace fyren::trust::sessions {

// The SQL for `sessions` (migrations/*/0003_accounts.sql). Stateless; runs in the caller's
// transaction. Failure: database errors pass through; a row that does not decode is kInternal.
class SessionStore {
 public:
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, const SessionRecord& record,
                                           std::string_view token_hash);
  // The session whose token hashes to `token_hash`, ended or not.
  [[nodiscard]] static base::Result<std::optional<SessionRecord>> FindByTokenHash(
      storage::Transaction& tx, base::TenantId tenant, std::string_view token_hash);
  // For a reader that needs more beside the session in the same statement (the signed-in
  // user's generations): FindByTokenHash's statement with `extra_columns` after its
  // kColumnCount columns and `extra_joins` after `FROM sessions s`. Build it once and keep it;
  // FindByTokenHashWith runs it and hands a found session's row to `read_row`.
  static constexpr std::size_t kColumnCount = 10;
  [[nodiscard]] static std::string FindByTokenHashSql(std::string_view extra_columns,
                                                      std::string_view extra_joins);
  using RowReader = std::function<base::Status(const SessionRecord&, const storage::Row&)>;
  [[nodiscard]] static base::Result<std::optional<SessionRecord>> FindByTokenHashWith(
      storage::Transaction& tx, base::TenantId tenant, std::string_view token_hash,
      const std::string& sql, const RowReader& read_row);
  [[nodiscard]] static base::Status Touch(storage::Transaction& tx, base::TenantId tenant,
                                          std::int64_t session_id, base::TimePoint at);
  [[nodiscard]] static base::Status SetMfaAt(storage::Transaction& tx, base::TenantId tenant,
                                             std::int64_t session_id, base::TimePoint at);
  // Ends one session if it is still open; returns whether it was.
  [[nodiscard]] static base::Result<bool> End(storage::Transaction& tx, base::TenantId tenant,
                                              std::int64_t session_id, base::TimePoint at,
                                              std::string_view reason);
  // Ends every open session of a user; returns how many.
  [[nodiscard]] static base::Result<std::int64_t> EndAllForUser(storage::Transaction& tx,
                                                                base::TenantId tenant,
                                                                std::int64_t user_id,
                                                                base::TimePoint at,
                                                                std::string_view reason);
  // Sessions of a user not yet ended (some may have expired without being ended yet).
  [[nodiscard]] static base::Result<std::int64_t> CountOpenForUser(storage::Transaction& tx,
                                                                   base::TenantId tenant,
                                                                   std::int64_t user_id);
};

}  // namespace fyren::trust::sessions
