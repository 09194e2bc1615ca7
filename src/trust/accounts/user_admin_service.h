#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/accounts/account.h"
#include "trust/accounts/security_events.h"
#include "trust/accounts/user_admin_lookup.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"
#include "trust/sessions/session_service.h"

namespace fyren::trust::accounts {

// Where a user's invite stands, for the administrator's view.
enum class InviteState { kNone, kOpen, kUsed, kExpired, kRevoked };
[[nodiscard]] std::string_view ToString(InviteState state);  // "none", "open", ...

// A user as administrators see them: no password hash, no TOTP secret.
struct AdminUserView {
  std::string public_id;
  std::string username;
  std::string display_name;
  UnitInfo unit;
  std::vector<Role> roles;
  bool active = true;
  bool locked = false;
  bool totp_enrolled = false;
  bool is_demo = false;
  InviteState invite = InviteState::kNone;
  std::int64_t version = 1;
};

struct UserFilter {
  std::string unit_code;  // empty: every unit
  std::optional<Role> role;
  std::optional<bool> active;
};

// The roles to set, as stored names, and the version the administrator saw.
struct RoleChange {
  std::vector<std::string> roles;
  std::int64_t expected_version = 0;
};

// A change to several fields at once (the API's PATCH): absent fields stay as they are.
struct UserUpdate {
  std::optional<std::vector<std::string>> roles;
  std::optional<bool> active;  // false deactivates; a deactivated user is never reactivated
  std::int64_t expected_version = 0;
};

// User administration (issue 3, items 1 and 2) for system administrators (the whole tenant) and
// authority administrators (their own authority): list and view users, set roles, deactivate
// (users are never deleted: their history stays), end their sessions, unlock. A user outside the
// actor's scope is kNotFound, exactly like a missing one. Reads are appended to `audit` before
// they return (when set); changes are recorded through `events` in their own transaction;
// denials are appended too.
//
// Thread-safe. Every reference must outlive the service.
class UserAdminService {
 public:
  UserAdminService(storage::Database& db, const base::Clock& clock, SecurityEventSink& events,
                   const sessions::SessionService& sessions, audit::AuditLog* audit);

  [[nodiscard]] base::Result<std::vector<AdminUserView>> List(const Actor& actor,
                                                              const UserFilter& filter) const;
  [[nodiscard]] base::Result<AdminUserView> Get(const Actor& actor,
                                                std::string_view public_id) const;
  // The units the actor may put users in, by code.
  [[nodiscard]] base::Result<std::vector<UnitInfo>> Units(const Actor& actor) const;

  // Rules: see CheckRoleGrant; and nobody removes their own administrator role while they are
  // the last active one of their authority (the last system administrator of the tenant).
  // kConflict when the user changed since `expected_version`. Returns the new view.
  [[nodiscard]] base::Result<AdminUserView> SetRoles(const Actor& actor, std::string_view public_id,
                                                     const RoleChange& change);
  // Applies `update` in one transaction with the rules of SetRoles and Deactivate; kConflict when
  // the user changed since `update.expected_version`; active=true for a deactivated user is a
  // field error (reactivation_refused). Returns the new view.
  [[nodiscard]] base::Result<AdminUserView> Update(const Actor& actor, std::string_view public_id,
                                                   const UserUpdate& update);
  // Deactivates and ends every session at once. The last-administrator rule applies to oneself.
  [[nodiscard]] base::Status Deactivate(const Actor& actor, std::string_view public_id);
  // Ends every session of the user; returns how many were open.
  [[nodiscard]] base::Result<std::int64_t> EndSessions(const Actor& actor,
                                                       std::string_view public_id);
  [[nodiscard]] base::Status Unlock(const Actor& actor, std::string_view public_id);

 private:
  // Refuses when `user` is the actor, holds an administrator role that `remaining` lacks, and
  // nobody else active holds it within the same authority (the tenant for system administrators).
  [[nodiscard]] base::Status CheckLastAdministrator(storage::Transaction& tx, const Actor& actor,
                                                    const UserRecord& user,
                                                    std::optional<base::OrganisationId> authority,
                                                    const std::vector<Role>& remaining) const;
  // Deactivation inside the caller's transaction: the last-administrator rule, the flag, every
  // session and open invite ended, the event recorded.
  [[nodiscard]] base::Status DeactivateIn(storage::Transaction& tx, const Actor& actor,
                                          const ManagedUser& managed) const;
  [[nodiscard]] base::Status Record(storage::Transaction& tx, const Actor& actor,
                                    SecurityEventKind kind, std::int64_t user_id,
                                    std::string_view reason) const;

  storage::Database& db_;
  const base::Clock& clock_;
  SecurityEventSink& events_;
  const sessions::SessionService& sessions_;
  audit::AuditLog* audit_;
};

}  // namespace fyren::trust::accounts
