#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "storage/database.h"
#include "trust/access/permission.h"
#include "trust/accounts/account.h"
#include "trust/accounts/user_admin_rules.h"
#include "trust/audit/audit_log.h"

namespace fyren::trust::accounts {

// A user an administrator may manage, with their unit (and its authority).
struct ManagedUser {
  UserRecord user;
  UnitInfo unit;
};

// The user with `public_id` if `scope` covers them. kNotFound with the same text for a user that
// does not exist and one outside the scope, so an authority administrator cannot learn which
// users other authorities have. Runs in the caller's transaction.
[[nodiscard]] base::Result<ManagedUser> FindManagedUser(storage::Transaction& tx,
                                                        const AdminScope& scope,
                                                        base::TenantId tenant,
                                                        std::string_view public_id);

// The organisations users can be placed in within `scope`, by code.
[[nodiscard]] base::Result<std::vector<UnitInfo>> ListManagedUnits(storage::Transaction& tx,
                                                                   const AdminScope& scope,
                                                                   base::TenantId tenant);

// The unit with `code` if `scope` covers it; nullopt otherwise.
[[nodiscard]] base::Result<std::optional<UnitInfo>> FindManagedUnit(storage::Transaction& tx,
                                                                    const AdminScope& scope,
                                                                    base::TenantId tenant,
                                                                    std::string_view code);

// Active users other than `except_user_id` who hold `role` and whose unit lies in `authority`
// (any unit of the tenant when `authority` is nullopt).
[[nodiscard]] base::Result<std::int64_t> CountOtherActiveHolders(
    storage::Transaction& tx, base::TenantId tenant, Role role,
    std::optional<base::OrganisationId> authority, std::int64_t except_user_id);

// The actor's administration scope when the access policy grants `permission` (manage_users or
// manage_organisation); otherwise the policy's error (kForbidden for a role without it), with the
// denial appended to `log` when set.
[[nodiscard]] base::Result<AdminScope> RequireAdminScope(const Actor& actor,
                                                         access::Permission permission,
                                                         base::TimePoint now, audit::AuditLog* log);

// An audit entry for an administration step by `actor` (purpose administration, record type
// user when `user_id` is set). The actor's request id is used when it has the audit shape; a
// fresh one otherwise (the command line has none).
[[nodiscard]] audit::AuditEvent AdminAuditEvent(const Actor& actor, audit::Action action,
                                                audit::Outcome outcome,
                                                std::optional<std::int64_t> user_id,
                                                audit::RecordType type = audit::RecordType::kUser);

// Appends a denial (durable before returning) when `log` is set, then returns `error`.
[[nodiscard]] base::Error AuditDenial(audit::AuditLog* log, const Actor& actor,
                                      std::optional<std::int64_t> record_id, base::Error error,
                                      audit::RecordType type = audit::RecordType::kUser);

}  // namespace fyren::trust::accounts
