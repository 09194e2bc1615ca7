#include "trust/access/permission.h"

#include <array>
#include <utility>

namespace fyren::trust::access {
namespace {

constexpr std::array<std::pair<Permission, std::string_view>, 15> kNames{{
    {Permission::kPublic, "public"},
    {Permission::kSignInStep, "sign_in"},
    {Permission::kSignedIn, "signed_in"},
    {Permission::kManageUsers, "manage_users"},
    {Permission::kManageOrganisation, "manage_organisation"},
    {Permission::kReadPersonalData, "read_personal_data"},
    {Permission::kWritePersonalData, "write_personal_data"},
    {Permission::kExportPersonalData, "export_personal_data"},
    {Permission::kEmergencyAccess, "emergency_access"},
    {Permission::kReviewAuditLog, "review_audit_log"},
    {Permission::kViewStatistics, "view_statistics"},
    {Permission::kReadShared, "read_shared"},
    {Permission::kEditSupportDirectory, "edit_support_directory"},
    {Permission::kWorkIntakeQueue, "work_intake_queue"},
    {Permission::kAnswerConsultations, "answer_consultations"},
}};

constexpr std::array<Permission, kNames.size()> kAll = [] {
  std::array<Permission, kNames.size()> all{};
  for (std::size_t i = 0; i < kNames.size(); ++i) all[i] = kNames[i].first;
  return all;
}();

}  // namespace

std::string_view ToString(Permission permission) {
  for (const auto& [p, name] : kNames) {
    if (p == permission) return name;
  }
  return "unknown";
}

std::optional<Permission> ParsePermission(std::string_view text) {
  for (const auto& [p, name] : kNames) {
    if (name == text) return p;
  }
  return std::nullopt;
}

std::span<const Permission> AllPermissions() { return kAll; }

bool TouchesPersonalData(Permission permission) {
  switch (permission) {
    case Permission::kReadPersonalData:
    case Permission::kWritePersonalData:
    case Permission::kExportPersonalData:
    case Permission::kEmergencyAccess:
    case Permission::kReviewAuditLog:
    case Permission::kReadShared:
    case Permission::kWorkIntakeQueue:
    case Permission::kAnswerConsultations:  // free text, sealed: staff may slip
      return true;
    default:
      return false;
  }
}

}  // namespace fyren::trust::access
