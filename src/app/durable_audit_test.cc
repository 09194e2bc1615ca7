// RunWithDurableAudit: a response leaves only after the handler's audit entries are durable, and
// a failed append releases it with the failure's status (the server then sends its error page).
#include "app/durable_audit.h"

#include <gtest/gtest.h>

#include <future>
#include <stdexcept>

#include "base/clock.h"
#include "trust/audit/audit_log.h"
#include "trust/sessions/test_database.h"

namespace fyren::app {
namespace {

using trust::audit::AuditEvent;
using trust::audit::AuditLog;

const base::TenantId kTenant(1);

AuditEvent ReadOfPerson(std::int64_t person) {
  return AuditEvent{.tenant = kTenant,
                    .actor_user_id = 7,
                    .unit = base::OrganisationId(100),
                    .authority = base::OrganisationId(10),
                    .action = trust::audit::Action::kRead,
                    .outcome = trust::audit::Outcome::kAllowed,
                    .record_type = trust::audit::RecordType::kPerson,
                    .record_id = person,
                    .person_id = person,
                    .purpose = trust::audit::Purpose::kCaseWork,
                    .flags = 0,
                    .request_id = *trust::audit::RequestId::Parse("req-unit-test-0002")};
}

class DurableAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = trust::testing::OpenTestDatabase();
    ASSERT_NE(db_, nullptr);
  }

  std::int64_t CountEntries() {
    auto rows = db_->Read([](storage::Transaction& tx) {
      return tx.Query("SELECT COUNT(*) FROM audit_entries", {});
    });
    return rows ? (*rows)[0].Int(0) : -1;
  }

  base::FakeClock clock_{base::FromUnixMicros(1767225600000000)};
  std::unique_ptr<storage::Database> db_;
};

// What the server does with a held response: hand over the release function and wait for it.
int Release(http::Response& response) {
  std::promise<int> released;
  auto hold = std::move(response.hold);
  hold([&released](int failure_status) { released.set_value(failure_status); });
  return released.get_future().get();
}

TEST_F(DurableAuditTest, AHeldResponseIsReleasedOnceTheHandlersEntriesAreDurable) {
  AuditLog log(*db_, clock_);
  const http::Handler handler = [&](http::Request&) {
    EXPECT_TRUE(log.Append(ReadOfPerson(1)));
    EXPECT_TRUE(log.Append(ReadOfPerson(2)));
    return http::Response::Text(200, "the record");
  };
  http::Request request;
  http::Response response = RunWithDurableAudit(handler, request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "the record");
  ASSERT_TRUE(response.hold) << "a response with audit entries must not leave at once";
  EXPECT_EQ(Release(response), 0);
  EXPECT_EQ(CountEntries(), 2);  // durable by the time the response may leave
}

TEST_F(DurableAuditTest, AFailedAppendReleasesWithTheFailuresStatus) {
  AuditLog log(*db_, clock_);
  db_->Close();
  const http::Handler handler = [&](http::Request&) {
    EXPECT_TRUE(log.Append(ReadOfPerson(1)));  // queued; the failure comes with the release
    return http::Response::Text(200, "the record");
  };
  http::Request request;
  http::Response response = RunWithDurableAudit(handler, request);
  ASSERT_TRUE(response.hold);
  EXPECT_EQ(Release(response), 503);
}

TEST_F(DurableAuditTest, TheReleaseMayComeBeforeTheServerAsksForIt) {
  AuditLog log(*db_, clock_);
  const http::Handler handler = [&](http::Request&) {
    EXPECT_TRUE(log.Append(ReadOfPerson(1)));
    return http::Response::Text(200, "the record");
  };
  http::Request request;
  http::Response response = RunWithDurableAudit(handler, request);
  log.Shutdown();  // writes what is queued: the outcome is known before hold is called
  ASSERT_EQ(CountEntries(), 1);
  bool sent = false;
  response.hold([&sent](int failure_status) { sent = failure_status == 0; });
  EXPECT_TRUE(sent);  // called at once, on this thread
}

TEST_F(DurableAuditTest, AHandlerThatAppendsNothingIsAnsweredAtOnce) {
  AuditLog log(*db_, clock_);
  const http::Handler handler = [](http::Request&) { return http::Response::Text(404, "no"); };
  http::Request request;
  const http::Response response = RunWithDurableAudit(handler, request);
  EXPECT_EQ(response.status, 404);
  EXPECT_FALSE(response.hold);
  EXPECT_EQ(CountEntries(), 0);
}

TEST_F(DurableAuditTest, AnInvalidEventFailsTheHandlerAtOnceAndHoldsNothing) {
  AuditLog log(*db_, clock_);
  const http::Handler handler = [&](http::Request&) {
    AuditEvent bad = ReadOfPerson(1);
    bad.record_id = std::nullopt;
    EXPECT_FALSE(log.Append(bad));
    return http::Response::Text(500, "the handler saw the refusal");
  };
  http::Request request;
  const http::Response response = RunWithDurableAudit(handler, request);
  EXPECT_FALSE(response.hold);
  EXPECT_EQ(CountEntries(), 0);
}

TEST_F(DurableAuditTest, AThrowingHandlerStillWaitsForItsEntriesBeforeTheExceptionLeaves) {
  AuditLog log(*db_, clock_);
  const http::Handler handler = [&](http::Request&) -> http::Response {
    EXPECT_TRUE(log.Append(ReadOfPerson(1)));
    throw std::runtime_error("handler bug");
  };
  http::Request request;
  EXPECT_THROW((void)RunWithDurableAudit(handler, request), std::runtime_error);
  EXPECT_EQ(CountEntries(), 1);
}

}  // namespace
}  // namespace fyren::app
