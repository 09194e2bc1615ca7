#include "trust/accounts/user_admin_service.h"

#include <gtest/gtest.h>

#include "base/random.h"
#include "trust/accounts/account_service.h"
#include "trust/accounts/invite_service.h"
#include "trust/sessions/test_database.h"

namespace fyren::trust::accounts {
namespace {

const base::TenantId kTenant(1);
constexpr std::string_view kPassword = "a long enough passphrase";

class UserAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::OpenTestDatabase();
    ASSERT_TRUE(db_);
    // A second authority with its own unit: the other side of the secrecy boundary.
    ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
      for (const char* sql :
           {"INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) VALUES (1, 30, 'o30', NULL, "
            "'authority', 'AUTH2', 'Nämnd 2', 'Committee 2', 0, 0)",
            "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) VALUES (1, 31, 'o31', 30, 'unit', "
            "'UNIT2', 'Enhet 2', 'Unit 2', 0, 0)"}) {
        auto done = tx.Execute(sql);
        if (!done) return std::unexpected(done.error());
      }
      return base::Ok();
    }));
    sessions_ = std::make_unique<sessions::SessionService>(*db_, clock_);
    audit_ = std::make_unique<audit::AuditLog>(*db_, clock_);
    accounts_ = std::make_unique<AccountService>(*db_, clock_, hasher_, blocklist_, sealer_,
                                                 events_, *sessions_, AccountOptions{});
    admin_ = std::make_unique<UserAdminService>(*db_, clock_, events_, *sessions_, audit_.get());
    invites_ = std::make_unique<InviteService>(*db_, clock_, hasher_, blocklist_, events_,
                                               *sessions_, audit_.get());
  }

  UserRecord Create(std::string name, std::string unit, std::vector<Role> roles) {
    Actor op = Actor::Public(kTenant, "test-request-0");
    op.local_operator = true;
    auto user = accounts_->CreateUser(op, kTenant,
                                      NewUser{.username = std::move(name),
                                              .display_name = "Test Person",
                                              .unit_code = std::move(unit),
                                              .roles = std::move(roles),
                                              .password = std::string(kPassword),
                                              .is_demo = false,
                                              .totp_secret = std::nullopt});
    EXPECT_TRUE(user) << user.error().message;
    return user ? *user : UserRecord{};
  }

  static Actor ActorFor(const UserRecord& user, std::int64_t authority) {
    std::vector<std::string> roles;
    for (const Role r : user.roles) roles.emplace_back(ToString(r));
    return Actor{.tenant = kTenant,
                 .user_id = user.user_id,
                 .unit = user.unit,
                 .authority = base::OrganisationId(authority),
                 .roles = std::move(roles),
                 .purpose = "administration",
                 .request_id = "test-request-1",
                 .session_handle = {},
                 .second_factor_at = std::nullopt,
                 .local_operator = false};
  }

  std::int64_t DeniedEntries() {
    audit_->Shutdown();
    auto rows = db_->Read([](storage::Transaction& tx) {
      return tx.Query("SELECT COUNT(*) FROM audit_entries WHERE action = 'denied'");
    });
    return rows ? rows->front().Int(0) : -1;
  }

  base::FakeClock clock_{base::FromUnixMicros(1'700'000'000'000'000)};
  crypto::PasswordHasher hasher_{
      {.threads = 1, .max_queued = 8, .cost = crypto::PasswordCost::Minimum()}};
  PasswordBlocklist blocklist_ = PasswordBlocklist::FromText("password\n123456\npassword123\n");
  UnsealedSecretSealer sealer_;
  RecordingSecurityEventSink events_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<sessions::SessionService> sessions_;
  std::unique_ptr<audit::AuditLog> audit_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<UserAdminService> admin_;
  std::unique_ptr<InviteService> invites_;
};

InviteRequest Invite(std::string name, std::string unit, std::vector<std::string> roles) {
  return InviteRequest{.username = std::move(name),
                       .display_name = "New Person",
                       .unit_code = std::move(unit),
                       .roles = std::move(roles)};
}

TEST_F(UserAdminTest, InviteLinkSetsThePasswordOnce) {
  const UserRecord boss = Create("boss", "UNIT", {Role::kAuthorityAdministrator});
  auto issued = invites_->InviteUser(ActorFor(boss, 10), Invite("nina", "UNIT", {"social_worker"}));
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_EQ(events_.Count(SecurityEventKind::kUserInvited), 1);

  // Before the invite is used, nobody can sign in: the stored password is unknown to all.
  auto before = accounts_->SignInWithPassword({.tenant = kTenant,
                                               .username = "nina",
                                               .password = std::string(kPassword),
                                               .client_address = "192.0.2.1",
                                               .request_id = "r",
                                               .previous = std::nullopt});
  ASSERT_TRUE(before);
  EXPECT_EQ(before->outcome, SignInOutcome::kWrongCredentials);

  auto view = invites_->Check(kTenant, issued->token);
  ASSERT_TRUE(view && view->has_value());
  EXPECT_EQ((*view)->username, "nina");

  auto accepted = invites_->Accept(kTenant, issued->token, kPassword, kPassword, "r");
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->outcome, AcceptOutcome::kAccepted);
  auto signed_in = accounts_->SignInWithPassword({.tenant = kTenant,
                                                  .username = "nina",
                                                  .password = std::string(kPassword),
                                                  .client_address = "192.0.2.1",
                                                  .request_id = "r",
                                                  .previous = std::nullopt});
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->outcome, SignInOutcome::kNeedsEnrollment);

  auto again = invites_->Accept(kTenant, issued->token, "another long passphrase",
                                "another long passphrase", "r");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->outcome, AcceptOutcome::kInvalidLink);
}

TEST_F(UserAdminTest, ExpiredRevokedAndUnknownLinksGetTheSameAnswer) {
  const UserRecord boss = Create("boss", "UNIT", {Role::kAuthorityAdministrator});
  auto first = invites_->InviteUser(ActorFor(boss, 10), Invite("nina", "UNIT", {"analyst"}));
  ASSERT_TRUE(first);
  auto second = invites_->Reinvite(ActorFor(boss, 10), first->user_public_id);
  ASSERT_TRUE(second);
  for (const std::string& token : {first->token, std::string("no-such-token")}) {
    auto result = invites_->Accept(kTenant, token, kPassword, kPassword, "r");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->outcome, AcceptOutcome::kInvalidLink);
  }
  clock_.Advance(kInviteValidity + std::chrono::seconds(1));
  auto expired = invites_->Accept(kTenant, second->token, kPassword, kPassword, "r");
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->outcome, AcceptOutcome::kInvalidLink);
}

TEST_F(UserAdminTest, WeakOrMismatchedPasswordIsRefusedAndTheLinkStaysOpen) {
  const UserRecord boss = Create("boss", "UNIT", {Role::kAuthorityAdministrator});
  auto issued = invites_->InviteUser(ActorFor(boss, 10), Invite("nina", "UNIT", {"analyst"}));
  ASSERT_TRUE(issued);
  auto short_one = invites_->Accept(kTenant, issued->token, "short", "short", "r");
  ASSERT_TRUE(short_one);
  EXPECT_EQ(short_one->outcome, AcceptOutcome::kWeakPassword);
  EXPECT_EQ(short_one->problem, PasswordProblem::kTooShort);
  auto common = invites_->Accept(kTenant, issued->token, "password123", "password123", "r");
  ASSERT_TRUE(common);
  EXPECT_EQ(common->problem, PasswordProblem::kCommon);
  auto mismatch = invites_->Accept(kTenant, issued->token, kPassword, "something else", "r");
  ASSERT_TRUE(mismatch);
  EXPECT_EQ(mismatch->outcome, AcceptOutcome::kMismatch);
  auto view = invites_->Check(kTenant, issued->token);
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->has_value());
}

TEST_F(UserAdminTest, AuthorityAdministratorCannotInviteIntoAnotherAuthorityOrGrantSystemRole) {
  const UserRecord boss = Create("boss", "UNIT", {Role::kAuthorityAdministrator});
  auto other_unit = invites_->InviteUser(ActorFor(boss, 10), Invite("x1", "UNIT2", {"analyst"}));
  ASSERT_FALSE(other_unit);
  EXPECT_EQ(other_unit.error().field, "unit");
  auto system =
      invites_->InviteUser(ActorFor(boss, 10), Invite("x2", "UNIT", {"system_administrator"}));
  ASSERT_FALSE(system);
  EXPECT_EQ(system.error().detail, "system_role_refused");
  auto unknown = invites_->InviteUser(ActorFor(boss, 10), Invite("x3", "UNIT", {"king"}));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().detail, "unknown_role");
}

TEST_F(UserAdminTest, OtherAuthoritysUserIsNotFoundAndTheDenialIsAudited) {
  const UserRecord boss = Create("boss", "UNIT", {Role::kAuthorityAdministrator});
  const UserRecord stranger = Create("stranger", "UNIT2", {Role::kSocialWorker});
  const Actor actor = ActorFor(boss, 10);
  auto get = admin_->Get(actor, stranger.public_id);
  ASSERT_FALSE(get);
  EXPECT_EQ(get.error().code, base::ErrorCode::kNotFound);
  auto missing = admin_->Get(actor, base::NewPublicId());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, get.error().message);
  EXPECT_FALSE(admin_->Deactivate(actor, stranger.public_id));
  EXPECT_FALSE(admin_->EndSessions(actor, stranger.public_id));
  auto list = admin_->List(actor, {});
  ASSERT_TRUE(list);
  for (const auto& user : *list) EXPECT_NE(user.username, "stranger");
  EXPECT_EQ(DeniedEntries(), 4);
}

TEST_F(UserAdminTest, RolesNeedTheCurrentVersionAndAnAllowedRole) {
  const UserRecord boss = Create("boss", "UNIT", {Role::kAuthorityAdministrator});
  const UserRecord worker = Create("worker", "UNIT", {Role::kSocialWorker});
  const Actor actor = ActorFor(boss, 10);
  auto changed = admin_->SetRoles(
      actor, worker.public_id, {.roles = {"coordinator", "log_reviewer"}, .expected_version = 1});
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->roles.size(), 2U);
  EXPECT_EQ(changed->version, 2);
  auto stale =
      admin_->SetRoles(actor, worker.public_id, {.roles = {"analyst"}, .expected_version = 1});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, base::ErrorCode::kConflict);
  auto system = admin_->SetRoles(actor, worker.public_id,
                                 {.roles = {"system_administrator"}, .expected_version = 2});
  ASSERT_FALSE(system);
  EXPECT_EQ(system.error().detail, "system_role_refused");
  auto none = admin_->SetRoles(actor, worker.public_id, {.roles = {}, .expected_version = 2});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().detail, "no_roles");
  EXPECT_EQ(events_.Count(SecurityEventKind::kRolesChanged), 1);
}

TEST_F(UserAdminTest, LastAdministratorKeepsTheRole) {
  const UserRecord boss = Create("boss", "UNIT", {Role::kAuthorityAdministrator});
  // An administrator of the other authority does not count for this one.
  Create("boss2", "UNIT2", {Role::kAuthorityAdministrator});
  const Actor actor = ActorFor(boss, 10);
  auto drop =
      admin_->SetRoles(actor, boss.public_id, {.roles = {"analyst"}, .expected_version = 1});
  ASSERT_FALSE(drop);
  EXPECT_EQ(drop.error().detail, "last_administrator");
  auto leave = admin_->Deactivate(actor, boss.public_id);
  ASSERT_FALSE(leave);
  EXPECT_EQ(leave.error().detail, "last_administrator");

  Create("deputy", "UNIT", {Role::kAuthorityAdministrator});
  auto now_allowed =
      admin_->SetRoles(actor, boss.public_id, {.roles = {"analyst"}, .expected_version = 1});
  EXPECT_TRUE(now_allowed) << now_allowed.error().message;
}

TEST_F(UserAdminTest, AuthorityAdministratorCannotTouchASystemAdministrator) {
  const UserRecord boss = Create("boss", "UNIT", {Role::kAuthorityAdministrator});
  const UserRecord root = Create("root", "UNIT", {Role::kSystemAdministrator});
  auto get = admin_->Get(ActorFor(boss, 10), root.public_id);
  ASSERT_FALSE(get);
  EXPECT_EQ(get.error().code, base::ErrorCode::kNotFound);
  // The system administrator sees and manages both authorities.
  auto list = admin_->List(ActorFor(root, 10), {});
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 2U);
}

TEST_F(UserAdminTest, DeactivationEndsSessionsAndKeepsTheUser) {
  const UserRecord boss = Create("boss", "UNIT", {Role::kAuthorityAdministrator});
  const UserRecord worker = Create("worker", "UNIT", {Role::kSocialWorker});
  auto issued = db_->Write([&](storage::Transaction& tx) {
    return sessions_->Start(tx, kTenant, worker.user_id, sessions::SessionStage::kFull,
                            clock_.Now(), std::nullopt);
  });
  ASSERT_TRUE(issued);
  ASSERT_TRUE(admin_->Deactivate(ActorFor(boss, 10), worker.public_id));
  auto resolved = accounts_->ResolveSession(kTenant, issued->token);
  ASSERT_TRUE(resolved);
  EXPECT_FALSE(resolved->has_value());
  auto view = admin_->Get(ActorFor(boss, 10), worker.public_id);
  ASSERT_TRUE(view);
  EXPECT_FALSE(view->active);
  auto inactive = admin_->List(ActorFor(boss, 10), {.unit_code = {}, .role = {}, .active = false});
  ASSERT_TRUE(inactive);
  ASSERT_EQ(inactive->size(), 1U);
  EXPECT_EQ(inactive->front().username, "worker");
}

TEST_F(UserAdminTest, AcceptingAReinviteEndsTheUsersSessions) {
  const UserRecord boss = Create("boss", "UNIT", {Role::kAuthorityAdministrator});
  const UserRecord worker = Create("worker", "UNIT", {Role::kSocialWorker});
  auto issued = db_->Write([&](storage::Transaction& tx) {
    return sessions_->Start(tx, kTenant, worker.user_id, sessions::SessionStage::kFull,
                            clock_.Now(), std::nullopt);
  });
  ASSERT_TRUE(issued);
  auto invite = invites_->Reinvite(ActorFor(boss, 10), worker.public_id);
  ASSERT_TRUE(invite) << invite.error().message;
  // Issuing the link alone changes nothing for the user's open session.
  auto before = accounts_->ResolveSession(kTenant, issued->token);
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->has_value());
  auto accepted = invites_->Accept(kTenant, invite->token, "a fresh passphrase here",
                                   "a fresh passphrase here", "test-request-2");
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->outcome, AcceptOutcome::kAccepted);
  auto after = accounts_->ResolveSession(kTenant, issued->token);
  ASSERT_TRUE(after);
  EXPECT_FALSE(after->has_value());
}

TEST_F(UserAdminTest, OtherRolesManageNobody) {
  const UserRecord worker = Create("worker", "UNIT", {Role::kSocialWorker});
  auto list = admin_->List(ActorFor(worker, 10), {});
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, base::ErrorCode::kForbidden);
  auto invite = invites_->InviteUser(ActorFor(worker, 10), Invite("x", "UNIT", {"analyst"}));
  ASSERT_FALSE(invite);
  EXPECT_EQ(invite.error().code, base::ErrorCode::kForbidden);
  EXPECT_EQ(DeniedEntries(), 2);
}

}  // namespace
}  // namespace fyren::trust::accounts
