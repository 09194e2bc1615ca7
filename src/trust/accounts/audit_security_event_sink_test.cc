// Account events in the audit chain: the mapping from each kind to an audit action, and the sink
// appending inside the caller's transaction (committed with it, gone with a rollback).
#include "trust/accounts/audit_security_event_sink.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/clock.h"
#include "trust/audit/chain_verifier.h"
#include "trust/sessions/test_database.h"

namespace fyren::trust::accounts {
namespace {

using audit::Action;
using audit::Outcome;
using audit::Purpose;
using K = SecurityEventKind;

const base::TenantId kTenant(1);

SecurityEvent Event(K kind, std::optional<std::int64_t> user = 42,
                    std::optional<std::int64_t> actor = std::nullopt,
                    std::string request_id = "req-0123456789") {
  return SecurityEvent{.kind = kind,
                       .tenant = kTenant,
                       .user_id = user,
                       .actor_id = actor,
                       .request_id = std::move(request_id),
                       .reason = "wrong_password"};
}

TEST(SecurityAuditMappingTest, EveryKindHasTheActionTheAuditTrailPromises) {
  struct Row {
    K kind;
    Action action;
    Outcome outcome;
    Purpose purpose;
  };
  const Row rows[] = {
      {K::kSignInSucceeded, Action::kLogin, Outcome::kAllowed, Purpose::kAuthentication},
      {K::kSignInFailed, Action::kLoginFailed, Outcome::kDenied, Purpose::kAuthentication},
      {K::kSecondFactorFailed, Action::kLoginFailed, Outcome::kDenied, Purpose::kAuthentication},
      {K::kSignInThrottled, Action::kLoginFailed, Outcome::kDenied, Purpose::kAuthentication},
      {K::kAccountLocked, Action::kLockout, Outcome::kDenied, Purpose::kAuthentication},
      {K::kAccountUnlocked, Action::kUpdate, Outcome::kAllowed, Purpose::kAdministration},
      {K::kDemoAccountRefused, Action::kLoginFailed, Outcome::kDenied, Purpose::kAuthentication},
      {K::kTotpEnrolled, Action::kUpdate, Outcome::kAllowed, Purpose::kAuthentication},
      {K::kRecoveryCodeUsed, Action::kUpdate, Outcome::kAllowed, Purpose::kAuthentication},
      {K::kStepUpSucceeded, Action::kStepUp, Outcome::kAllowed, Purpose::kAuthentication},
      {K::kSignedOut, Action::kLogout, Outcome::kAllowed, Purpose::kAuthentication},
      {K::kSessionsEnded, Action::kLogout, Outcome::kAllowed, Purpose::kAuthentication},
      {K::kUserCreated, Action::kCreate, Outcome::kAllowed, Purpose::kAdministration},
      {K::kUserDeactivated, Action::kUpdate, Outcome::kAllowed, Purpose::kAdministration},
  };
  // A new kind must be added here too (the table covers the enum to its last value).
  static_assert(std::to_underlying(K::kUserDeactivated) + 1 == std::size(rows));
  for (const Row& row : rows) {
    SCOPED_TRACE(ToString(row.kind));
    const SecurityAuditMapping m = AuditMappingOf(row.kind);
    EXPECT_EQ(m.action, row.action);
    EXPECT_EQ(m.outcome, row.outcome);
    EXPECT_EQ(m.purpose, row.purpose);
    auto event = ToAuditEvent(Event(row.kind));
    ASSERT_TRUE(event) << event.error().detail;
    EXPECT_EQ(event->record_type, audit::RecordType::kUser);
    EXPECT_EQ(event->record_id, 42);
    EXPECT_EQ(event->request_id.str(), "req-0123456789");
  }
}

TEST(SecurityAuditMappingTest, AFailedAttemptHasNoActorASuccessIsTheUsers) {
  auto failed = ToAuditEvent(Event(K::kSignInFailed));
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->actor_user_id, std::nullopt);
  auto unknown = ToAuditEvent(Event(K::kSignInFailed, std::nullopt));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->record_id, std::nullopt);
  EXPECT_EQ(unknown->record_type, std::nullopt);
  auto ok = ToAuditEvent(Event(K::kSignInSucceeded));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->actor_user_id, 42);
}

TEST(SecurityAuditMappingTest, AnAdministratorEndingSomeonesSessionsIsAdministration) {
  auto own = ToAuditEvent(Event(K::kSessionsEnded, 42, 42));
  ASSERT_TRUE(own);
  EXPECT_EQ(own->purpose, Purpose::kAuthentication);
  auto admin = ToAuditEvent(Event(K::kSessionsEnded, 42, 7));
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->purpose, Purpose::kAdministration);
  EXPECT_EQ(admin->actor_user_id, 7);
}

TEST(SecurityAuditMappingTest, TheCliGetsAGeneratedRequestId) {
  for (const std::string& bad :
       std::vector<std::string>{"", "r", "has space in it", std::string(65, 'a')}) {
    auto event = ToAuditEvent(Event(K::kUserCreated, 42, std::nullopt, bad));
    ASSERT_TRUE(event) << event.error().detail;
    EXPECT_TRUE(event->request_id.str().starts_with("cli-")) << event->request_id.str();
    EXPECT_TRUE(audit::RequestId::Parse(event->request_id.str()));
  }
}

TEST(SecurityAuditMappingTest, ABadIdIsRefused) {
  EXPECT_FALSE(ToAuditEvent(Event(K::kSignInFailed, 0)));
  SecurityEvent no_tenant = Event(K::kSignInFailed);
  no_tenant.tenant = base::TenantId(0);
  EXPECT_FALSE(ToAuditEvent(no_tenant));
}

class AuditSecurityEventSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::OpenTestDatabase();
    ASSERT_TRUE(db_);
    log_ = std::make_unique<audit::AuditLog>(*db_, clock_);
    sink_ = std::make_unique<AuditSecurityEventSink>(*log_);
  }
  std::int64_t Count(std::string_view action) {
    auto n = db_->Read([&](storage::Transaction& tx) -> base::Result<std::int64_t> {
      auto rows = tx.Query("SELECT COUNT(*) FROM audit_entries WHERE tenant_id = 1 AND action = $1",
                           {action});
      if (!rows) return std::unexpected(rows.error());
      return rows->front().Int(0);
    });
    return n ? *n : -1;
  }

  base::FakeClock clock_{base::FromUnixMicros(1'700'000'000'000'000)};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<audit::AuditLog> log_;
  std::unique_ptr<AuditSecurityEventSink> sink_;
};

TEST_F(AuditSecurityEventSinkTest, AppendsInTheCallersTransaction) {
  auto done = db_->Write([&](storage::Transaction& tx) -> base::Status {
    if (auto ok = sink_->Record(tx, Event(K::kSignInFailed)); !ok) return ok;
    return sink_->Record(tx, Event(K::kSignInSucceeded));
  });
  ASSERT_TRUE(done) << done.error().detail;
  EXPECT_EQ(Count("login_failed"), 1);
  EXPECT_EQ(Count("login"), 1);
  // A rolled-back transaction leaves no entry: the event and the change go together.
  auto rolled_back = db_->Write([&](storage::Transaction& tx) -> base::Status {
    if (auto ok = sink_->Record(tx, Event(K::kAccountLocked)); !ok) return ok;
    return base::Fail(base::ErrorCode::kConflict, "changed meanwhile");
  });
  EXPECT_FALSE(rolled_back);
  EXPECT_EQ(Count("lockout"), 0);
  auto report = audit::VerifyChain(*db_, kTenant);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries_checked, 2);
}

TEST_F(AuditSecurityEventSinkTest, CompositeRecordsInEverySinkAndStopsAtTheFirstFailure) {
  std::vector<std::unique_ptr<SecurityEventSink>> sinks;
  sinks.push_back(std::make_unique<AuditSecurityEventSink>(*log_));
  auto recording = std::make_unique<RecordingSecurityEventSink>();
  RecordingSecurityEventSink& seen = *recording;
  sinks.push_back(std::move(recording));
  CompositeSecurityEventSink composite(std::move(sinks));
  auto done = db_->Write(
      [&](storage::Transaction& tx) { return composite.Record(tx, Event(K::kSignedOut)); });
  ASSERT_TRUE(done) << done.error().detail;
  EXPECT_EQ(Count("logout"), 1);
  EXPECT_EQ(seen.Count(K::kSignedOut), 1);
  auto refused = db_->Write(
      [&](storage::Transaction& tx) { return composite.Record(tx, Event(K::kSignedOut, 0)); });
  EXPECT_FALSE(refused);
  EXPECT_EQ(seen.Count(K::kSignedOut), 1);
}

}  // namespace
}  // namespace fyren::trust::accounts
