#include "trust/access/role_permissions.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <vector>

namespace fyren::trust::access {
namespace {

using P = Permission;

struct RoleEntry {
  std::string_view role;
  std::vector<Permission> permissions;
};

// The system administrator runs the system, not cases: no personal data by default (DESIGN.md).
// Analysts see de-identified statistics only; log reviewers see the audit trail; external
// partners see only what an active share or consent gives their organisation.
const std::vector<RoleEntry>& Table() {
  static const std::vector<RoleEntry> table = {
      {"system_administrator", {P::kSignedIn, P::kManageUsers, P::kManageOrganisation}},
      {"authority_administrator", {P::kSignedIn, P::kManageUsers, P::kManageOrganisation}},
      {"coordinator",
       {P::kSignedIn, P::kReadPersonalData, P::kWritePersonalData, P::kExportPersonalData,
        P::kEmergencyAccess}},
      {"social_worker",
       {P::kSignedIn, P::kReadPersonalData, P::kWritePersonalData, P::kExportPersonalData,
        P::kEmergencyAccess, P::kWorkIntakeQueue}},
      {"intake_worker",
       {P::kSignedIn, P::kReadPersonalData, P::kWritePersonalData, P::kEmergencyAccess,
        P::kWorkIntakeQueue}},
      {"school_health_staff", {P::kSignedIn, P::kReadPersonalData, P::kWritePersonalData}},
      {"barnahus_staff",
       {P::kSignedIn, P::kReadPersonalData, P::kWritePersonalData, P::kExportPersonalData}},
      {"competence_centre_staff",
       {P::kSignedIn, P::kReadPersonalData, P::kWritePersonalData, P::kEditSupportDirectory,
        P::kAnswerConsultations}},
      {"outreach_worker", {P::kSignedIn, P::kReadPersonalData, P::kWritePersonalData}},
      {"analyst", {P::kSignedIn, P::kViewStatistics}},
      {"log_reviewer", {P::kSignedIn, P::kReviewAuditLog}},
      {"external_partner", {P::kSignedIn, P::kReadShared}},
  };
  return table;
}

const std::vector<std::string_view>& Names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const RoleEntry& entry : Table()) out.push_back(entry.role);
    return out;
  }();
  return names;
}

}  // namespace

std::span<const Permission> PermissionsOf(std::string_view role) {
  for (const RoleEntry& entry : Table()) {
    if (entry.role == role) return entry.permissions;
  }
  return {};
}

bool RoleGrants(std::string_view role, Permission permission) {
  const auto granted = PermissionsOf(role);
  return std::find(granted.begin(), granted.end(), permission) != granted.end();
}

std::span<const std::string_view> KnownRoles() { return Names(); }

}  // namespace fyren::trust::access
