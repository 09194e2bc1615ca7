#include "trust/accounts/account_service.h"

#include <gtest/gtest.h>

#include "trust/accounts/totp.h"
#include "trust/sessions/test_database.h"

namespace fyren::trust::accounts {
namespace {

using sessions::SessionStage;
using std::chrono::seconds;

const base::TenantId kTenant(1);
constexpr std::string_view kPassword = "a long enough passphrase";

class AccountServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { Build(false); }

  void Build(bool demo_mode) {
    db_ = testing::OpenTestDatabase();
    ASSERT_TRUE(db_);
    sessions_ = std::make_unique<sessions::SessionService>(*db_, clock_);
    service_ = std::make_unique<AccountService>(*db_, clock_, hasher_, blocklist_, sealer_, events_,
                                                *sessions_, AccountOptions{.demo_mode = demo_mode});
  }

  UserRecord Create(std::string name, bool demo = false,
                    std::optional<std::string> secret = std::nullopt) {
    Actor op = Actor::Public(kTenant, "test");
    op.local_operator = true;
    auto user = service_->CreateUser(op, kTenant,
                                     NewUser{.username = std::move(name),
                                             .display_name = "Test Person",
                                             .unit_code = "UNIT",
                                             .roles = {Role::kSocialWorker},
                                             .password = std::string(kPassword),
                                             .is_demo = demo,
                                             .totp_secret = std::move(secret)});
    EXPECT_TRUE(user) << user.error().message;
    return user ? *user : UserRecord{};
  }

  SignInResult Password(std::string_view name, std::string_view password) {
    auto result = service_->SignInWithPassword({.tenant = kTenant,
                                                .username = std::string(name),
                                                .password = std::string(password),
                                                .client_address = "192.0.2.1",
                                                .request_id = "r",
                                                .previous = std::nullopt});
    EXPECT_TRUE(result) << result.error().detail;
    return result ? std::move(*result) : SignInResult{};
  }

  SignInResult Code(const sessions::SessionRecord& session, std::string code) {
    auto result = service_->CompleteSignIn({.session = session,
                                            .code = std::move(code),
                                            .client_address = "192.0.2.1",
                                            .request_id = "r"});
    EXPECT_TRUE(result) << result.error().detail;
    return result ? std::move(*result) : SignInResult{};
  }

  base::FakeClock clock_{base::FromUnixMicros(1'700'000'000'000'000)};
  crypto::PasswordHasher hasher_{
      {.threads = 1, .max_queued = 8, .cost = crypto::PasswordCost::Minimum()}};
  PasswordBlocklist blocklist_ = PasswordBlocklist::FromText("password\n123456\n");
  UnsealedSecretSealer sealer_;
  RecordingSecurityEventSink events_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<sessions::SessionService> sessions_;
  std::unique_ptr<AccountService> service_;
};

TEST_F(AccountServiceTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  Create("anna");
  EXPECT_EQ(Password("anna", "wrong password!").outcome, SignInOutcome::kWrongCredentials);
  EXPECT_EQ(Password("nobody", "wrong password!").outcome, SignInOutcome::kWrongCredentials);
  EXPECT_EQ(events_.Count(SecurityEventKind::kSignInFailed), 2);
  for (const auto& e : events_.events()) EXPECT_EQ(e.reason.find("anna"), std::string::npos);
}

TEST_F(AccountServiceTest, EnrollmentThenCodeGivesAFullSessionWithANewToken) {
  const UserRecord user = Create("Anna");
  SignInResult first = Password("  ANNA ", kPassword);
  ASSERT_EQ(first.outcome, SignInOutcome::kNeedsEnrollment);
  ASSERT_TRUE(first.session);
  EXPECT_EQ(first.session->record.stage, SessionStage::kEnroll);

  auto enrollment = service_->BeginEnrollment(first.session->record);
  ASSERT_TRUE(enrollment);
  auto again = service_->BeginEnrollment(first.session->record);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->secret_base32, enrollment->secret_base32);  // a reload shows the same code
  const std::string secret = *DecodeBase32(enrollment->secret_base32);

  auto wrong = service_->ConfirmEnrollment({.session = first.session->record,
                                            .code = "000000",
                                            .client_address = "x",
                                            .request_id = "r"});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->outcome, SignInOutcome::kWrongCode);

  auto confirmed = service_->ConfirmEnrollment({.session = first.session->record,
                                                .code = TotpCode(secret, clock_.Now()),
                                                .client_address = "x",
                                                .request_id = "r"});
  ASSERT_TRUE(confirmed);
  ASSERT_EQ(confirmed->outcome, SignInOutcome::kSignedIn);
  ASSERT_TRUE(confirmed->session);
  EXPECT_EQ(confirmed->session->record.stage, SessionStage::kFull);
  EXPECT_NE(confirmed->session->token, first.session->token);
  EXPECT_EQ(confirmed->recovery_codes.size(), 10u);
  // The enrollment session is over.
  auto old = service_->ResolveSession(kTenant, first.session->token);
  ASSERT_TRUE(old);
  EXPECT_FALSE(old->has_value());
  auto actor = service_->ActorForSession(confirmed->session->record, "r");
  ASSERT_TRUE(actor);
  EXPECT_EQ(actor->user_id, user.user_id);
  EXPECT_EQ(actor->unit, base::OrganisationId(11));
  EXPECT_EQ(actor->authority, base::OrganisationId(10));
  EXPECT_EQ(actor->roles, std::vector<std::string>{"social_worker"});
  EXPECT_EQ(events_.Count(SecurityEventKind::kTotpEnrolled), 1);

  // Next sign-in asks for a code; the code that confirmed enrollment cannot be replayed.
  SignInResult second = Password("anna", kPassword);
  ASSERT_EQ(second.outcome, SignInOutcome::kNeedsCode);
  EXPECT_EQ(Code(second.session->record, TotpCode(secret, clock_.Now())).outcome,
            SignInOutcome::kWrongCode);
  clock_.Advance(seconds(30));
  SignInResult full = Code(second.session->record, TotpCode(secret, clock_.Now()));
  EXPECT_EQ(full.outcome, SignInOutcome::kSignedIn);
  // A recovery code works once.
  SignInResult third = Password("anna", kPassword);
  const std::string recovery = confirmed->recovery_codes.front();
  EXPECT_EQ(Code(third.session->record, recovery).outcome, SignInOutcome::kSignedIn);
  SignInResult fourth = Password("anna", kPassword);
  EXPECT_EQ(Code(fourth.session->record, recovery).outcome, SignInOutcome::kWrongCode);
  EXPECT_EQ(events_.Count(SecurityEventKind::kRecoveryCodeUsed), 1);
}

TEST_F(AccountServiceTest, DelaysGrowAndTwentyFailuresLockTheAccount) {
  Create("anna");
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(Password("anna", "wrong password!").outcome, SignInOutcome::kWrongCredentials);
  }
  SignInResult throttled = Password("anna", kPassword);  // even the right password waits
  EXPECT_EQ(throttled.outcome, SignInOutcome::kThrottled);
  EXPECT_EQ(throttled.retry_after, seconds(1));
  // Unknown names are throttled the same way.
  for (int i = 0; i < 5; ++i) Password("ghost", "wrong password!");
  EXPECT_EQ(Password("ghost", "x").outcome, SignInOutcome::kThrottled);

  SignInOutcome last = SignInOutcome::kWrongCredentials;
  for (int i = 5; i < 20; ++i) {
    clock_.Advance(seconds(301));
    last = Password("anna", "wrong password!").outcome;
  }
  EXPECT_EQ(last, SignInOutcome::kLocked);
  EXPECT_EQ(events_.Count(SecurityEventKind::kAccountLocked), 1);
  clock_.Advance(seconds(301));
  EXPECT_EQ(Password("anna", kPassword).outcome, SignInOutcome::kLocked);

  Actor op = Actor::Public(kTenant, "test");
  op.local_operator = true;
  ASSERT_TRUE(service_->Unlock(op, kTenant, "anna"));
  EXPECT_EQ(Password("anna", kPassword).outcome, SignInOutcome::kNeedsEnrollment);
}

TEST_F(AccountServiceTest, DemoAccountsOnlyInDemoMode) {
  Create("demo.user", true, NewTotpSecret());
  EXPECT_EQ(Password("demo.user", kPassword).outcome, SignInOutcome::kDemoRefused);
  EXPECT_EQ(events_.Count(SecurityEventKind::kDemoAccountRefused), 1);
  Build(true);
  Create("demo.user", true, NewTotpSecret());
  EXPECT_EQ(Password("demo.user", kPassword).outcome, SignInOutcome::kNeedsCode);
}

TEST_F(AccountServiceTest, AdministrationNeedsAnAdministratorAndChecksInput) {
  const Actor nobody = Actor::Public(kTenant, "r");
  auto refused = service_->CreateUser(nobody, kTenant,
                                      NewUser{.username = "x1",
                                              .display_name = "X",
                                              .unit_code = "UNIT",
                                              .roles = {},
                                              .password = "",
                                              .is_demo = false,
                                              .totp_secret = std::nullopt});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, base::ErrorCode::kForbidden);
  Actor op = Actor::Public(kTenant, "r");
  op.local_operator = true;
  auto common = service_->CreateUser(op, kTenant,
                                     NewUser{.username = "bo",
                                             .display_name = "Bo",
                                             .unit_code = "UNIT",
                                             .roles = {Role::kAnalyst},
                                             .password = "password",
                                             .is_demo = false,
                                             .totp_secret = std::nullopt});
  ASSERT_FALSE(common);
  EXPECT_EQ(common.error().field, "password");
  auto bad_unit = service_->CreateUser(op, kTenant,
                                       NewUser{.username = "bo",
                                               .display_name = "Bo",
                                               .unit_code = "NOPE",
                                               .roles = {Role::kAnalyst},
                                               .password = std::string(kPassword),
                                               .is_demo = false,
                                               .totp_secret = std::nullopt});
  ASSERT_FALSE(bad_unit);
  EXPECT_EQ(bad_unit.error().field, "unit");
  Create("bo");
  auto taken = service_->CreateUser(op, kTenant,
                                    NewUser{.username = "BO",
                                            .display_name = "Bo",
                                            .unit_code = "UNIT",
                                            .roles = {Role::kAnalyst},
                                            .password = std::string(kPassword),
                                            .is_demo = false,
                                            .totp_secret = std::nullopt});
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().field, "username");
}

TEST_F(AccountServiceTest, DeactivationEndsSessionsAndRefusesSignIn) {
  Create("anna");
  SignInResult first = Password("anna", kPassword);
  ASSERT_TRUE(first.session);
  Actor op = Actor::Public(kTenant, "r");
  op.local_operator = true;
  ASSERT_TRUE(service_->Deactivate(op, kTenant, "anna"));
  auto resolved = service_->ResolveSession(kTenant, first.session->token);
  ASSERT_TRUE(resolved);
  EXPECT_FALSE(resolved->has_value());
  EXPECT_EQ(Password("anna", kPassword).outcome, SignInOutcome::kWrongCredentials);
}

// What a request reads of its user is kept between requests (session_user_cache.h); a role
// added or removed, the unit moved under another authority, or a lock, made behind this
// server's back (by another server, or by hand), shows at the user's next request.
TEST_F(AccountServiceTest, AKeptSessionUserShowsEveryChangeAtTheNextRequest) {
  Create("anna");
  SignInResult first = Password("anna", kPassword);
  ASSERT_TRUE(first.session);
  const auto resolve = [&]() -> std::optional<ResolvedSession> {
    auto resolved = service_->ResolveSession(kTenant, first.session->token);
    EXPECT_TRUE(resolved) << resolved.error().detail;
    return resolved ? *resolved : std::nullopt;
  };
  const auto exec = [&](std::string_view sql) {
    ASSERT_TRUE(db_->Write([&](storage::Transaction& tx) { return tx.Execute(sql); }));
  };
  for (int i = 0; i < 2; ++i) {
    const auto kept = resolve();
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->roles, std::vector{Role::kSocialWorker});
    EXPECT_EQ(kept->authority, base::OrganisationId(10));
  }
  exec(
      "INSERT INTO user_roles (tenant_id, user_id, role) "
      "SELECT tenant_id, user_id, 'coordinator' FROM users WHERE username = 'anna'");
  auto added = resolve();
  ASSERT_TRUE(added);
  EXPECT_EQ(added->roles.size(), 2u);
  exec("DELETE FROM user_roles WHERE role = 'social_worker'");
  auto removed = resolve();
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->roles, std::vector{Role::kCoordinator});
  exec(
      "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, code, "
      "name_sv, name_en, created_at, updated_at) VALUES (1, 30, 'o30', NULL, 'authority', "
      "'AUTH2', 'Nämnd 2', 'Committee 2', 0, 0)");
  exec("UPDATE organisations SET parent_id = 30 WHERE organisation_id = 11");
  auto moved = resolve();
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->authority, base::OrganisationId(30));
  exec("UPDATE users SET locked_at = 1 WHERE username = 'anna'");
  EXPECT_FALSE(resolve());
}

}  // namespace
}  // namespace fyren::trust::accounts
