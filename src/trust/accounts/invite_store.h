#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/clock.h"
#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::trust::accounts {

// One row of `invites` (migrations/*/0006_invites.sql). The token itself is never stored: only
// its hash (crypto::TokenHash), so the link exists in clear only in the one answer that issued it.
struct InviteRecord {
  base::TenantId tenant;
  std::int64_t invite_id = 0;
  std::int64_t user_id = 0;
  std::optional<std::int64_t> created_by;  // nullopt: the command-line operator
  base::TimePoint created_at;
  base::TimePoint expires_at;
  std::optional<base::TimePoint> used_at;
  std::optional<base::TimePoint> revoked_at;

  // Neither used, revoked nor expired at `now`.
  [[nodiscard]] bool IsOpen(base::TimePoint now) const {
    return !used_at && !revoked_at && now < expires_at;
  }
};

// The SQL for invites. Stateless; every method runs in the caller's transaction. Database errors
// pass through.
class InviteStore {
 public:
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, const InviteRecord& invite,
                                           std::string_view token_hash);
  [[nodiscard]] static base::Result<std::optional<InviteRecord>> FindByTokenHash(
      storage::Transaction& tx, base::TenantId tenant, std::string_view token_hash);
  // The newest invite of a user (open or not), for showing its state to administrators.
  [[nodiscard]] static base::Result<std::optional<InviteRecord>> FindLatestForUser(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t user_id);
  // Revokes every invite of the user that is neither used nor revoked; returns how many.
  [[nodiscard]] static base::Result<std::int64_t> RevokeOpen(storage::Transaction& tx,
                                                             base::TenantId tenant,
                                                             std::int64_t user_id,
                                                             base::TimePoint at);
  // Marks the invite used if it still is unused and unrevoked; false when another request used
  // or revoked it first (so a link works once, also between two servers).
  [[nodiscard]] static base::Result<bool> MarkUsed(storage::Transaction& tx, base::TenantId tenant,
                                                   std::int64_t invite_id, base::TimePoint at);
};

}  // namespace fyren::trust::accounts
