#include "trust/access/role_permissions.h"

#include <gtest/gtest.h>

namespace fyren::trust::access {
namespace {

TEST(RolePermissionsTest, EveryRoleIsKnownAndCanSignIn) {
  EXPECT_EQ(KnownRoles().size(), 12U);
  for (const std::string_view role : KnownRoles()) {
    EXPECT_TRUE(RoleGrants(role, Permission::kSignedIn)) << role;
    EXPECT_FALSE(PermissionsOf(role).empty()) << role;
  }
}

TEST(RolePermissionsTest, UnknownRolesGrantNothing) {
  EXPECT_TRUE(PermissionsOf("").empty());
  EXPECT_TRUE(PermissionsOf("Coordinator").empty());
  EXPECT_TRUE(PermissionsOf("root").empty());
}

TEST(RolePermissionsTest, RolesWithoutCaseWorkHaveNoPersonalData) {
  for (const std::string_view role :
       {"system_administrator", "authority_administrator", "analyst", "log_reviewer"}) {
    for (const Permission p :
         {Permission::kReadPersonalData, Permission::kWritePersonalData,
          Permission::kExportPersonalData, Permission::kEmergencyAccess, Permission::kReadShared}) {
      EXPECT_FALSE(RoleGrants(role, p)) << role << " " << ToString(p);
    }
  }
  EXPECT_TRUE(RoleGrants("log_reviewer", Permission::kReviewAuditLog));
  EXPECT_FALSE(RoleGrants("coordinator", Permission::kReviewAuditLog));
  EXPECT_TRUE(RoleGrants("analyst", Permission::kViewStatistics));
  EXPECT_FALSE(RoleGrants("analyst", Permission::kReadPersonalData));
}

TEST(RolePermissionsTest, ExternalPartnersOnlySeeWhatIsShared) {
  EXPECT_TRUE(RoleGrants("external_partner", Permission::kReadShared));
  EXPECT_FALSE(RoleGrants("external_partner", Permission::kReadPersonalData));
  EXPECT_FALSE(RoleGrants("external_partner", Permission::kWritePersonalData));
}

// The public support directory is organisation information, edited by the competence centre only.
TEST(RolePermissionsTest, OnlyTheCompetenceCentreEditsTheSupportDirectory) {
  for (const std::string_view role : KnownRoles()) {
    EXPECT_EQ(RoleGrants(role, Permission::kEditSupportDirectory),
              role == "competence_centre_staff")
        << role;
  }
  EXPECT_FALSE(TouchesPersonalData(Permission::kEditSupportDirectory));
}

// The intake queue of reports of concern belongs to the receiving committee's intake staff.
TEST(RolePermissionsTest, OnlyIntakeAndSocialWorkersWorkTheIntakeQueue) {
  for (const std::string_view role : KnownRoles()) {
    EXPECT_EQ(RoleGrants(role, Permission::kWorkIntakeQueue),
              role == "intake_worker" || role == "social_worker")
        << role;
  }
  EXPECT_TRUE(TouchesPersonalData(Permission::kWorkIntakeQueue));
}

// Anonymous consultations are answered by the competence centre only (issue 5 §4).
TEST(RolePermissionsTest, OnlyTheCompetenceCentreAnswersConsultations) {
  for (const std::string_view role : KnownRoles()) {
    EXPECT_EQ(RoleGrants(role, Permission::kAnswerConsultations), role == "competence_centre_staff")
        << role;
  }
}

TEST(PermissionTest, NamesRoundTrip) {
  for (const Permission p : AllPermissions()) {
    EXPECT_EQ(ParsePermission(ToString(p)), p);
  }
  EXPECT_FALSE(ParsePermission("admin").has_value());
}

}  // namespace
}  // namespace fyren::trust::access
