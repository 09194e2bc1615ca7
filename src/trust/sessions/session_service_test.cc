#include "trust/sessions/session_service.h"

#include <gtest/gtest.h>

#include <vector>

#include "trust/crypto/tokens.h"
#include "trust/sessions/test_database.h"

namespace fyren::trust::sessions {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const base::TenantId kTenant(1);

class SessionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::OpenTestDatabase();
    ASSERT_TRUE(db_);
    ASSERT_TRUE(testing::InsertBareUser(*db_, 7));
    ASSERT_TRUE(testing::InsertBareUser(*db_, 8));
    service_ = std::make_unique<SessionService>(*db_, clock_);
  }

  IssuedSession Start(std::int64_t user, SessionStage stage = SessionStage::kFull) {
    auto issued = db_->Write([&](storage::Transaction& tx) {
      return service_->Start(tx, kTenant, user, stage, clock_.Now(), clock_.Now());
    });
    EXPECT_TRUE(issued);
    return issued ? *issued : IssuedSession{};
  }

  bool Resolves(const std::string& token) {
    auto found = service_->Resolve(kTenant, token);
    EXPECT_TRUE(found);
    return found && found->has_value();
  }

  std::unique_ptr<storage::Database> db_;
  base::FakeClock clock_{base::FromUnixMicros(1'700'000'000'000'000)};
  std::unique_ptr<SessionService> service_;
};

TEST_F(SessionServiceTest, StoresOnlyTheHashOfTheToken) {
  const IssuedSession issued = Start(7);
  ASSERT_TRUE(IsWellFormedToken(issued.token));
  auto rows = db_->Read([](storage::Transaction& tx) {
    return tx.Query("SELECT token_hash, csrf_token FROM sessions");
  });
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().Bytes(0), crypto::TokenHash(issued.token));
  EXPECT_NE(rows->front().Bytes(0).find(issued.token), 0u);
  EXPECT_EQ(rows->front().Text(1), issued.record.csrf_token);
  EXPECT_NE(issued.record.csrf_token, issued.token);
}

TEST_F(SessionServiceTest, ResolvesAnOpenSessionAndRejectsForgedTokens) {
  const IssuedSession issued = Start(7);
  EXPECT_TRUE(Resolves(issued.token));
  std::string forged = issued.token;
  forged[0] = forged[0] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(Resolves(forged));
  EXPECT_FALSE(Resolves("not a token"));
  EXPECT_FALSE(Resolves(""));
  EXPECT_FALSE(Resolves(std::string(43, '\'')));
}

TEST_F(SessionServiceTest, ExpiresAfterFifteenIdleMinutes) {
  const IssuedSession issued = Start(7);
  clock_.Advance(minutes(14));
  EXPECT_TRUE(Resolves(issued.token));  // activity resets the idle clock
  clock_.Advance(minutes(14));
  EXPECT_TRUE(Resolves(issued.token));
  clock_.Advance(minutes(15));
  EXPECT_FALSE(Resolves(issued.token));
  clock_.Advance(seconds(1));
  EXPECT_FALSE(Resolves(issued.token));  // ended, not revived
}

TEST_F(SessionServiceTest, ExpiresTwelveHoursAfterSignInEvenWhenActive) {
  const IssuedSession issued = Start(7);
  for (int i = 0; i < 12 * 6 - 1; ++i) {
    clock_.Advance(minutes(10));
    ASSERT_TRUE(Resolves(issued.token)) << i;
  }
  clock_.Advance(minutes(10));
  EXPECT_FALSE(Resolves(issued.token));
}

TEST_F(SessionServiceTest, PendingSignInExpiresSooner) {
  const IssuedSession issued = Start(7, SessionStage::kPassword);
  clock_.Advance(minutes(9));
  EXPECT_TRUE(Resolves(issued.token));
  clock_.Advance(minutes(2));
  EXPECT_FALSE(Resolves(issued.token));
}

TEST_F(SessionServiceTest, EndAllForUserLeavesOtherUsersAlone) {
  const IssuedSession a1 = Start(7);
  const IssuedSession a2 = Start(7);
  const IssuedSession b = Start(8);
  auto ended = db_->Write(
      [&](storage::Transaction& tx) { return service_->EndAllForUser(tx, kTenant, 7, "test"); });
  ASSERT_TRUE(ended);
  EXPECT_EQ(*ended, 2);
  EXPECT_FALSE(Resolves(a1.token));
  EXPECT_FALSE(Resolves(a2.token));
  EXPECT_TRUE(Resolves(b.token));
}

TEST_F(SessionServiceTest, EachSessionHasItsOwnTokenAndCsrfToken) {
  const IssuedSession a = Start(7);
  const IssuedSession b = Start(7);
  EXPECT_NE(a.token, b.token);
  EXPECT_NE(a.record.csrf_token, b.record.csrf_token);
  EXPECT_NE(a.record.public_handle, b.record.public_handle);
}

TEST_F(SessionServiceTest, ReadsMoreAboutAnOpenSessionInTheLookupAndPassesItsFailureOn) {
  const IssuedSession open = Start(7);
  const IssuedSession ended = Start(8);
  ASSERT_TRUE(db_->Write(
      [&](storage::Transaction& tx) { return service_->End(tx, ended.record, "sign_out"); }));
  std::vector<std::int64_t> read_for;
  const SessionService::AlsoRead note_user = [&](storage::Transaction& tx,
                                                 const SessionRecord& record,
                                                 const storage::Row&) -> base::Status {
    auto rows = tx.Query("SELECT COUNT(*) FROM sessions");
    if (!rows) return std::unexpected(rows.error());
    read_for.push_back(record.user_id);
    return base::Ok();
  };
  auto found = service_->Resolve(kTenant, open.token, note_user);
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  auto gone = service_->Resolve(kTenant, ended.token, note_user);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(gone->has_value());
  EXPECT_EQ(read_for, std::vector<std::int64_t>{7}) << "not run for an ended session";

  const SessionService::AlsoRead failing = [](storage::Transaction&, const SessionRecord&,
                                              const storage::Row&) -> base::Status {
    return base::Fail(base::ErrorCode::kUnavailable, "the database is busy; please try again");
  };
  auto failed = service_->Resolve(kTenant, open.token, failing);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, base::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace fyren::trust::sessions
