#pragma once

#include <span>
#include <string_view>

#include "trust/access/permission.h"

namespace fyren::trust::access {

// Which permissions each role grants, by role name (as stored in user_roles.role and carried in
// Actor::roles). The whole table is in role_permissions.cc, on one screen, for review. An
// unknown role name grants nothing.
[[nodiscard]] std::span<const Permission> PermissionsOf(std::string_view role);
[[nodiscard]] bool RoleGrants(std::string_view role, Permission permission);

// Every role name the table knows, for tests and the administration pages.
[[nodiscard]] std::span<const std::string_view> KnownRoles();

}  // namespace fyren::trust::access
