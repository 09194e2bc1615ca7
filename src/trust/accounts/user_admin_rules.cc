#include "trust/accounts/user_admin_rules.h"

#include <algorithm>
#include <vector>

namespace fyren::trust::accounts {
namespace {

bool HasRole(const Actor& actor, Role role) {
  return std::ranges::find(actor.roles, ToString(role)) != actor.roles.end();
}

bool Contains(std::span<const Role> roles, Role role) {
  return std::ranges::find(roles, role) != roles.end();
}

}  // namespace

std::optional<AdminScope> AdminScopeOf(const Actor& actor) {
  if (actor.local_operator || (actor.user_id && HasRole(actor, Role::kSystemAdministrator))) {
    return AdminScope{.whole_tenant = true, .authority = std::nullopt};
  }
  // An authority administrator outside any authority (a partner organisation) manages nobody.
  if (actor.user_id && actor.authority && HasRole(actor, Role::kAuthorityAdministrator)) {
    return AdminScope{.whole_tenant = false, .authority = actor.authority};
  }
  return std::nullopt;
}

bool Covers(const AdminScope& scope, std::optional<base::OrganisationId> authority,
            std::span<const Role> roles) {
  if (scope.whole_tenant) return true;
  if (Contains(roles, Role::kSystemAdministrator)) return false;
  return authority.has_value() && scope.authority == authority;
}

std::string_view ToString(AdminProblem problem) {
  switch (problem) {
    case AdminProblem::kNoRoles:
      return "no_roles";
    case AdminProblem::kSystemRoleRefused:
      return "system_role_refused";
    case AdminProblem::kUnknownRole:
      return "unknown_role";
    case AdminProblem::kLastAdministrator:
      return "last_administrator";
    case AdminProblem::kUnknownUnit:
      return "unknown_unit";
    case AdminProblem::kBadUsername:
      return "bad_username";
    case AdminProblem::kUsernameTaken:
      return "username_taken";
    case AdminProblem::kBadDisplayName:
      return "bad_display_name";
    case AdminProblem::kUnitNameMissing:
      return "unit_name_missing";
    case AdminProblem::kUnitNameTooLong:
      return "unit_name_too_long";
    case AdminProblem::kUnitNameTaken:
      return "unit_name_taken";
    case AdminProblem::kBadUnitCode:
      return "bad_unit_code";
    case AdminProblem::kUnitCodeTaken:
      return "unit_code_taken";
    case AdminProblem::kUnknownParent:
      return "unknown_parent";
    case AdminProblem::kBadKind:
      return "bad_kind";
    case AdminProblem::kReactivationRefused:
      return "reactivation_refused";
  }
  return "unknown";
}

std::string_view Describe(AdminProblem problem) {
  switch (problem) {
    case AdminProblem::kNoRoles:
      return "Give the user at least one role.";
    case AdminProblem::kSystemRoleRefused:
      return "Only a system administrator can give the system administrator role.";
    case AdminProblem::kUnknownRole:
      return "Choose roles from the list.";
    case AdminProblem::kLastAdministrator:
      return "You are the last administrator: give the role to someone else first.";
    case AdminProblem::kUnknownUnit:
      return "Choose a unit from the list.";
    case AdminProblem::kBadUsername:
      return "The user name must be 2–64 characters: a–z, 0–9, '.', '_' or '-'.";
    case AdminProblem::kUsernameTaken:
      return "That user name is already taken.";
    case AdminProblem::kBadDisplayName:
      return "Give the user's name (at most 200 characters).";
    case AdminProblem::kUnitNameMissing:
      return "Give the unit a name.";
    case AdminProblem::kUnitNameTooLong:
      return "The name can be at most 200 characters.";
    case AdminProblem::kUnitNameTaken:
      return "There is already a unit with that name in the same place.";
    case AdminProblem::kBadUnitCode:
      return "The code must be 2–16 characters: A–Z, 0–9 or '-'.";
    case AdminProblem::kUnitCodeTaken:
      return "That code is already used by another organisation.";
    case AdminProblem::kUnknownParent:
      return "Choose where the unit belongs from the list.";
    case AdminProblem::kBadKind:
      return "Choose unit, department or company.";
    case AdminProblem::kReactivationRefused:
      return "A deactivated user stays deactivated. Invite the person as a new user.";
  }
  return "Check the form.";
}

std::unexpected<base::Error> Refuse(std::string field, AdminProblem problem) {
  return std::unexpected(base::Error{.code = base::ErrorCode::kInvalidInput,
                                     .message = std::string(Describe(problem)),
                                     .detail = std::string(ToString(problem)),
                                     .field = std::move(field)});
}

base::Result<std::vector<Role>> CheckRoleGrant(const AdminScope& scope,
                                               std::span<const std::string> names) {
  std::vector<Role> roles;
  for (const std::string& name : names) {
    const auto role = ParseRole(name);
    if (!role) return Refuse("roles", AdminProblem::kUnknownRole);
    if (!Contains(roles, *role)) roles.push_back(*role);
  }
  if (roles.empty()) return Refuse("roles", AdminProblem::kNoRoles);
  if (!scope.whole_tenant && Contains(roles, Role::kSystemAdministrator)) {
    return Refuse("roles", AdminProblem::kSystemRoleRefused);
  }
  return roles;
}

bool HoldsAdministratorRole(std::span<const Role> roles) {
  return Contains(roles, Role::kSystemAdministrator) ||
         Contains(roles, Role::kAuthorityAdministrator);
}

}  // namespace fyren::trust::accounts
