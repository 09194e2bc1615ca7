#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "trust/accounts/role.h"
#include "trust/actor.h"

namespace fyren::trust::accounts {

// Whose users an administrator manages (issue 3, item 2). The system administrator (and the
// command-line operator) manages the whole tenant; an authority administrator manages the users
// and units of their own authority only. Anyone else manages nobody.
struct AdminScope {
  bool whole_tenant = false;
  std::optional<base::OrganisationId> authority;  // set when !whole_tenant
};

// nullopt when the actor administers nothing. Pure; reads only the actor.
[[nodiscard]] std::optional<AdminScope> AdminScopeOf(const Actor& actor);

// Whether `scope` covers a user (or unit) whose authority is `authority` and who holds `roles`.
// An authority administrator never manages a system administrator: that would let them lock the
// tenant's administrator out.
[[nodiscard]] bool Covers(const AdminScope& scope, std::optional<base::OrganisationId> authority,
                          std::span<const Role> roles = {});

// Why an administration request was refused. Pages translate the code ("admin.problem.<code>");
// the service's error carries it as `detail` and an English sentence as `message`.
enum class AdminProblem {
  kNoRoles,              // at least one role
  kSystemRoleRefused,    // only a system administrator grants system_administrator
  kUnknownRole,          // a role name that does not exist
  kLastAdministrator,    // removing one's own administrator role (or account) as the last one
  kUnknownUnit,          // no such unit within the administrator's scope
  kBadUsername,          // [a-z0-9._-]{2,64}
  kUsernameTaken,        // another user has it
  kBadDisplayName,       // 1..200 characters of text
  kUnitNameMissing,      // a unit needs a Swedish name (English defaults to it)
  kUnitNameTooLong,      // names are at most 200 characters
  kUnitNameTaken,        // another organisation under the same parent has that name
  kBadUnitCode,          // [A-Z0-9-]{2,16}, unique in the tenant
  kUnitCodeTaken,        //
  kUnknownParent,        // no such parent organisation within the scope
  kBadKind,              // units, departments or companies only (authorities come from config)
  kReactivationRefused,  // a deactivated user stays deactivated (their history is kept)
};

[[nodiscard]] std::string_view ToString(AdminProblem problem);  // "no_roles", ...
[[nodiscard]] std::string_view Describe(AdminProblem problem);  // an English sentence
// kInvalidInput for `field` with Describe(problem) as message and ToString(problem) as detail.
[[nodiscard]] std::unexpected<base::Error> Refuse(std::string field, AdminProblem problem);

// The roles from their stored names; kUnknownRole for any other name, kNoRoles for none,
// kSystemRoleRefused when `scope` is an authority's and system_administrator is among them.
[[nodiscard]] base::Result<std::vector<Role>> CheckRoleGrant(const AdminScope& scope,
                                                             std::span<const std::string> names);

// Whether the role set holds an administrator role (system or authority).
[[nodiscard]] bool HoldsAdministratorRole(std::span<const Role> roles);

}  // namespace fyren::trust::accounts
