#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace fyren::trust::access {

// What a route or a service method requires. Roles grant permissions (role_permissions.cc);
// permissions on personal data are further limited by the record's scope (access_policy.h).
// The names are what app/routes.cc writes in the route table.
enum class Permission {
  kPublic,                // anyone, signed in or not; never personal data
  kSignInStep,            // a step of signing in: anyone; the handler checks the session's stage
  kSignedIn,              // any signed-in user: own account, own start page
  kManageUsers,           // invite, deactivate, assign roles (own authority; system admin: all)
  kManageOrganisation,    // units and the organisation tree
  kReadPersonalData,      // person and case records, within the record's scope
  kWritePersonalData,     // register and change them, within the record's scope
  kExportPersonalData,    // extracts, exports and prints; needs a recent second factor
  kEmergencyAccess,       // open a record outside one's case team, with a reason, for 4 hours
  kReviewAuditLog,        // access histories, flagged access, data-subject extracts
  kViewStatistics,        // de-identified statistics only
  kReadShared,            // what an active share or consent gives the actor's organisation
  kEditSupportDirectory,  // the public "where to turn" directory (organisation info only)
  kWorkIntakeQueue,       // the receiving committee's intake: reports of concern, their deadlines
  kAnswerConsultations,   // the competence centre's inbox of anonymous consultations
};

[[nodiscard]] std::string_view ToString(Permission permission);
[[nodiscard]] std::optional<Permission> ParsePermission(std::string_view text);
[[nodiscard]] std::span<const Permission> AllPermissions();

// True for permissions whose use touches personal data: such uses are audited, and the record's
// scope decides in the end, not the role alone.
[[nodiscard]] bool TouchesPersonalData(Permission permission);

}  // namespace fyren::trust::access
