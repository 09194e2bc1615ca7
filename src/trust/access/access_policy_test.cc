#include "trust/access/access_policy.h"

#include <gtest/gtest.h>

namespace fyren::trust::access {
namespace {

using std::chrono::minutes;

const base::OrganisationId kHisingen(100);
const base::OrganisationId kNordost(200);
const base::TimePoint kNow = base::FromUnixMicros(1'800'000'000'000'000);

Actor SignedIn(std::string role, base::OrganisationId authority = kHisingen) {
  Actor actor = Actor::Public(base::TenantId(1), "request-id-1");
  actor.user_id = 7;
  actor.unit = base::OrganisationId(101);
  actor.authority = authority;
  actor.roles = {std::move(role)};
  actor.second_factor_at = kNow - minutes(1);
  return actor;
}

RecordScope OwnTeamRecord() {
  return RecordScope{.owning_authority = kHisingen, .on_case_team = true};
}

TEST(AccessPolicyTest, PublicIsForEveryone) {
  EXPECT_TRUE(
      Decide(Actor::Public(base::TenantId(1), "r"), Permission::kPublic, nullptr, kNow).allowed);
}

TEST(AccessPolicyTest, AnonymousIsAskedToSignIn) {
  const Decision d =
      Decide(Actor::Public(base::TenantId(1), "r"), Permission::kSignedIn, nullptr, kNow);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, DenyReason::kNotSignedIn);
  EXPECT_EQ(d.AsStatus().error().code, base::ErrorCode::kUnauthenticated);
}

// The need-to-know matrix: role permission AND owning authority AND (team OR share OR emergency).
struct Case {
  const char* name;
  const char* role;
  Permission permission;
  RecordScope scope;
  bool allowed;
  DenyReason reason;
};

class MatrixTest : public ::testing::TestWithParam<Case> {};

TEST_P(MatrixTest, Decides) {
  const Case& c = GetParam();
  const Decision d = Decide(SignedIn(c.role), c.permission, &c.scope, kNow);
  EXPECT_EQ(d.allowed, c.allowed);
  EXPECT_EQ(d.reason, c.reason);
}

const RecordScope kOwnTeam{.owning_authority = kHisingen, .on_case_team = true};
const RecordScope kOwnNotTeam{.owning_authority = kHisingen};
const RecordScope kOtherAuthority{.owning_authority = kNordost, .on_case_team = true};
const RecordScope kOtherShared{.owning_authority = kNordost, .shared_with_actor = true};
const RecordScope kOwnEmergency{.owning_authority = kHisingen, .emergency_access_active = true};
const RecordScope kOwnTeamProtected{
    .owning_authority = kHisingen, .on_case_team = true, .protected_identity = true};

INSTANTIATE_TEST_SUITE_P(
    Need, MatrixTest,
    ::testing::Values(
        Case{"team_reads", "coordinator", Permission::kReadPersonalData, kOwnTeam, true,
             DenyReason::kNone},
        Case{"team_writes", "coordinator", Permission::kWritePersonalData, kOwnTeam, true,
             DenyReason::kNone},
        Case{"not_on_team", "coordinator", Permission::kReadPersonalData, kOwnNotTeam, false,
             DenyReason::kOutsideScope},
        Case{"other_authority_even_on_team_flag", "coordinator", Permission::kReadPersonalData,
             kOtherAuthority, false, DenyReason::kOutsideScope},
        Case{"share_gives_read", "coordinator", Permission::kReadPersonalData, kOtherShared, true,
             DenyReason::kNone},
        Case{"share_gives_no_write", "coordinator", Permission::kWritePersonalData, kOtherShared,
             false, DenyReason::kOutsideScope},
        Case{"emergency_grant_reads", "social_worker", Permission::kReadPersonalData, kOwnEmergency,
             true, DenyReason::kNone},
        Case{"emergency_inside_authority", "intake_worker", Permission::kEmergencyAccess,
             kOwnNotTeam, true, DenyReason::kNone},
        Case{"no_emergency_across_authorities", "intake_worker", Permission::kEmergencyAccess,
             kOtherAuthority, false, DenyReason::kOutsideScope},
        Case{"school_nurse_has_no_emergency", "school_health_staff", Permission::kEmergencyAccess,
             kOwnNotTeam, false, DenyReason::kRoleLacksPermission},
        Case{"partner_reads_shared", "external_partner", Permission::kReadShared, kOtherShared,
             true, DenyReason::kNone},
        Case{"partner_without_share", "external_partner", Permission::kReadShared, kOwnTeam, false,
             DenyReason::kOutsideScope},
        Case{"partner_cannot_read_directly", "external_partner", Permission::kReadPersonalData,
             kOtherShared, false, DenyReason::kRoleLacksPermission},
        Case{"analyst_never_reads_people", "analyst", Permission::kReadPersonalData, kOwnTeam,
             false, DenyReason::kRoleLacksPermission},
        Case{"sysadmin_no_case_data", "system_administrator", Permission::kReadPersonalData,
             kOwnTeam, false, DenyReason::kRoleLacksPermission},
        Case{"export_own_team", "coordinator", Permission::kExportPersonalData, kOwnTeam, true,
             DenyReason::kNone},
        Case{"export_protected_blocked", "coordinator", Permission::kExportPersonalData,
             kOwnTeamProtected, false, DenyReason::kProtectedIdentity},
        Case{"intake_cannot_export", "intake_worker", Permission::kExportPersonalData, kOwnTeam,
             false, DenyReason::kRoleLacksPermission}),
    [](const ::testing::TestParamInfo<Case>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(AccessPolicyTest, RecordPermissionWithoutRecordFailsClosed) {
  const Decision d = Decide(SignedIn("coordinator"), Permission::kReadPersonalData, nullptr, kNow);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, DenyReason::kOutsideScope);
}

TEST(AccessPolicyTest, OutOfScopeLooksLikeNotFound) {
  const RecordScope scope = kOtherAuthority;
  const Decision d = Decide(SignedIn("coordinator"), Permission::kReadPersonalData, &scope, kNow);
  const auto status = d.AsStatus();
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(status.error().message, "No such record.");
}

TEST(AccessPolicyTest, ProtectedIdentityIsMaskedUnlessNamed) {
  RecordScope scope = kOwnTeamProtected;
  Decision d = Decide(SignedIn("coordinator"), Permission::kReadPersonalData, &scope, kNow);
  EXPECT_TRUE(d.allowed);
  EXPECT_TRUE(d.mask_identity);
  EXPECT_TRUE(d.flags.protected_identity);
  scope.named_for_protected = true;
  d = Decide(SignedIn("coordinator"), Permission::kReadPersonalData, &scope, kNow);
  EXPECT_FALSE(d.mask_identity);
  EXPECT_TRUE(d.flags.protected_identity);
}

TEST(AccessPolicyTest, EmergencyAndShareAreFlaggedForReview) {
  const RecordScope emergency = kOwnEmergency;
  EXPECT_TRUE(Decide(SignedIn("social_worker"), Permission::kReadPersonalData, &emergency, kNow)
                  .flags.emergency_access);
  const RecordScope shared = kOtherShared;
  EXPECT_TRUE(Decide(SignedIn("social_worker"), Permission::kReadPersonalData, &shared, kNow)
                  .flags.via_share);
  const RecordScope team = OwnTeamRecord();
  const Decision plain =
      Decide(SignedIn("social_worker"), Permission::kReadPersonalData, &team, kNow);
  EXPECT_FALSE(plain.flags.emergency_access);
  EXPECT_FALSE(plain.flags.via_share);
}

TEST(AccessPolicyTest, ExportAndEmergencyNeedARecentSecondFactor) {
  Actor actor = SignedIn("coordinator");
  const RecordScope team = OwnTeamRecord();
  actor.second_factor_at = kNow - kStepUpWindow - minutes(1);
  Decision d = Decide(actor, Permission::kExportPersonalData, &team, kNow);
  EXPECT_EQ(d.reason, DenyReason::kSecondFactorTooOld);
  EXPECT_EQ(d.AsStatus().error().field, "step_up");
  actor.second_factor_at.reset();
  EXPECT_EQ(Decide(actor, Permission::kEmergencyAccess, &team, kNow).reason,
            DenyReason::kSecondFactorTooOld);
  actor.second_factor_at = kNow + minutes(10);  // a clock that ran backwards is not "recent"
  EXPECT_FALSE(Decide(actor, Permission::kExportPersonalData, &team, kNow).allowed);
  actor.second_factor_at = kNow - minutes(4);
  EXPECT_TRUE(Decide(actor, Permission::kExportPersonalData, &team, kNow).allowed);
}

TEST(AccessPolicyTest, OperatorAdministersButNeverReadsCases) {
  Actor op = Actor::Public(base::TenantId(1), "r");
  op.local_operator = true;
  EXPECT_TRUE(Decide(op, Permission::kManageUsers, nullptr, kNow).allowed);
  const RecordScope team = OwnTeamRecord();
  EXPECT_FALSE(Decide(op, Permission::kReadPersonalData, &team, kNow).allowed);
}

TEST(AccessPolicyTest, SeveralRolesCombine) {
  Actor actor = SignedIn("analyst");
  actor.roles.emplace_back("log_reviewer");
  EXPECT_TRUE(Decide(actor, Permission::kViewStatistics, nullptr, kNow).allowed);
  EXPECT_TRUE(Decide(actor, Permission::kReviewAuditLog, nullptr, kNow).allowed);
  EXPECT_FALSE(Decide(actor, Permission::kManageUsers, nullptr, kNow).allowed);
}

}  // namespace
}  // namespace fyren::trust::access
