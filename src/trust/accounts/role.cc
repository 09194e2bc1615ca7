#include "trust/accounts/role.h"

#include <array>
#include <utility>

namespace fyren::trust::accounts {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 12> kRoles = {{
    {Role::kSystemAdministrator, "system_administrator"},
    {Role::kAuthorityAdministrator, "authority_administrator"},
    {Role::kCoordinator, "coordinator"},
    {Role::kSocialWorker, "social_worker"},
    {Role::kIntakeWorker, "intake_worker"},
    {Role::kSchoolHealthStaff, "school_health_staff"},
    {Role::kBarnahusStaff, "barnahus_staff"},
    {Role::kCompetenceCentreStaff, "competence_centre_staff"},
    {Role::kOutreachWorker, "outreach_worker"},
    {Role::kAnalyst, "analyst"},
    {Role::kLogReviewer, "log_reviewer"},
    {Role::kExternalPartner, "external_partner"},
}};

constexpr std::array<Role, 12> kAll = [] {
  std::array<Role, 12> all{};
  for (std::size_t i = 0; i < kRoles.size(); ++i) all[i] = kRoles[i].first;
  return all;
}();

}  // namespace

std::string_view ToString(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (const auto& [r, name] : kRoles) {
    if (name == text) return r;
  }
  return std::nullopt;
}

std::span<const Role> AllRoles() { return kAll; }

}  // namespace fyren::trust::accounts
