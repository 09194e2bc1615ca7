#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace fyren::trust::accounts {

// The roles a user can hold (one or more per user). What each role may do is decided by the
// access policy in trust/; this file only names them. The names are stored in user_roles.role.
enum class Role {
  kSystemAdministrator,
  kAuthorityAdministrator,
  kCoordinator,
  kSocialWorker,
  kIntakeWorker,
  kSchoolHealthStaff,
  kBarnahusStaff,
  kCompetenceCentreStaff,
  kOutreachWorker,
  kAnalyst,
  kLogReviewer,
  kExternalPartner,
};

[[nodiscard]] std::string_view ToString(Role role);
[[nodiscard]] std::optional<Role> ParseRole(std::string_view text);
[[nodiscard]] std::span<const Role> AllRoles();

}  // namespace fyren::trust::accounts
