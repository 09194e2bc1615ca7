#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "storage/database.h"
#include "trust/accounts/account.h"
#include "trust/accounts/sign_in_throttle.h"

namespace fyren::trust::accounts {

// The SQL for users, user_roles, recovery_codes and sign_in_failures
// (migrations/*/0003_accounts.sql), and the one organisation lookup accounts need. Stateless;
// every method runs in the caller's transaction. Failure: database errors pass through; a
// duplicate user name is kConflict; a row that does not decode is kInternal.
class AccountStore {
 public:
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, const UserRecord& user,
                                           base::TimePoint at);
  [[nodiscard]] static base::Result<std::optional<UserRecord>> FindByUsername(
      storage::Transaction& tx, base::TenantId tenant, std::string_view username);
  [[nodiscard]] static base::Result<std::optional<UserRecord>> FindById(storage::Transaction& tx,
                                                                        base::TenantId tenant,
                                                                        std::int64_t user_id);
  // The user with its roles and its unit's authority (as FindUnit gives it), in one statement
  // unless the unit sits more than two levels below its authority (every signed-in request
  // reads it).
  [[nodiscard]] static base::Result<std::optional<SessionUser>> FindSessionUser(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t user_id);
  // The numbers that move with every change FindSessionUser's answer can show (migrations 0018,
  // 0020), in one statement; a missing row reads as 0 (its first increment writes 1).
  [[nodiscard]] static base::Result<SessionUserGenerations> FindSessionUserGenerations(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t user_id);
  // The same two numbers as columns and joins for the session lookup's statement (sessions
  // aliased s: SessionStore::FindByTokenHashSql), and read back from its row from `first` on.
  static const std::string_view kSessionUserGenerationColumns;
  static const std::string_view kSessionUserGenerationJoins;
  [[nodiscard]] static SessionUserGenerations SessionUserGenerationsFromRow(const storage::Row& row,
                                                                            std::size_t first);
  [[nodiscard]] static base::Result<std::optional<UserRecord>> FindByPublicId(
      storage::Transaction& tx, base::TenantId tenant, std::string_view public_id);
  // Every user of the tenant, by user name.
  [[nodiscard]] static base::Result<std::vector<UserRecord>> ListAll(storage::Transaction& tx,
                                                                     base::TenantId tenant);

  [[nodiscard]] static base::Status SetPasswordHash(storage::Transaction& tx, base::TenantId tenant,
                                                    std::int64_t user_id, std::string_view hash,
                                                    base::TimePoint at);
  [[nodiscard]] static base::Status SetPendingTotp(storage::Transaction& tx, base::TenantId tenant,
                                                   std::int64_t user_id, std::string_view sealed,
                                                   base::TimePoint at);
  // Moves a confirmed secret into place, with the step of the code that confirmed it.
  [[nodiscard]] static base::Status ConfirmTotp(storage::Transaction& tx, base::TenantId tenant,
                                                std::int64_t user_id, std::string_view sealed,
                                                std::int64_t step, base::TimePoint at);
  // Records `step` as used if it is later than the last used step. False when another request
  // got there first (a replayed code), which makes replay protection hold across servers.
  [[nodiscard]] static base::Result<bool> AdvanceTotpStep(storage::Transaction& tx,
                                                          base::TenantId tenant,
                                                          std::int64_t user_id, std::int64_t step);
  [[nodiscard]] static base::Status SetLocked(storage::Transaction& tx, base::TenantId tenant,
                                              std::int64_t user_id,
                                              std::optional<base::TimePoint> locked_at,
                                              base::TimePoint at);
  [[nodiscard]] static base::Status SetActive(storage::Transaction& tx, base::TenantId tenant,
                                              std::int64_t user_id, bool active,
                                              base::TimePoint at);

  // Replaces the user's roles when the row is still at `expected_version`, and bumps the version.
  // kConflict when someone changed the user in between (optimistic concurrency).
  [[nodiscard]] static base::Status ReplaceRoles(storage::Transaction& tx, base::TenantId tenant,
                                                 std::int64_t user_id, std::span<const Role> roles,
                                                 std::int64_t expected_version, base::TimePoint at);

  // Replaces all recovery codes of a user with these hashes.
  [[nodiscard]] static base::Status ReplaceRecoveryCodes(storage::Transaction& tx,
                                                         base::TenantId tenant,
                                                         std::int64_t user_id,
                                                         std::span<const std::string> hashes,
                                                         base::TimePoint at);
  // Marks an unused code as used; false when there is no such unused code.
  [[nodiscard]] static base::Result<bool> UseRecoveryCode(storage::Transaction& tx,
                                                          base::TenantId tenant,
                                                          std::int64_t user_id,
                                                          std::string_view hash,
                                                          base::TimePoint at);
  [[nodiscard]] static base::Result<std::int64_t> CountUnusedRecoveryCodes(storage::Transaction& tx,
                                                                           base::TenantId tenant,
                                                                           std::int64_t user_id);

  [[nodiscard]] static base::Result<FailureCount> FindFailures(storage::Transaction& tx,
                                                               base::TenantId tenant,
                                                               std::string_view subject);
  [[nodiscard]] static base::Status StoreFailures(storage::Transaction& tx, base::TenantId tenant,
                                                  std::string_view subject,
                                                  const FailureCount& count);
  [[nodiscard]] static base::Status ClearFailures(storage::Transaction& tx, base::TenantId tenant,
                                                  std::string_view subject);

  [[nodiscard]] static base::Result<std::optional<UnitInfo>> FindUnit(storage::Transaction& tx,
                                                                      base::TenantId tenant,
                                                                      base::OrganisationId unit);
  [[nodiscard]] static base::Result<std::optional<UnitInfo>> FindUnitByCode(
      storage::Transaction& tx, base::TenantId tenant, std::string_view code);
};

}  // namespace fyren::trust::accounts
