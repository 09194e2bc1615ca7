// AuditLog on an in-memory SQLite database: group commit, chaining, the mirror and failures. The
// same behaviour on PostgreSQL and with several servers is in tests/storage/audit_*_test.cc.
#include "trust/audit/audit_log.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "storage/migrator.h"
#include "trust/audit/audit_store.h"
#include "trust/audit/canonical_encoding.h"
#include "trust/audit/chain_verifier.h"

namespace fyren::trust::audit {
namespace {

using base::ErrorCode;
using base::TenantId;

const TenantId kTenant(1);
const TenantId kOtherTenant(2);

class RecordingMirror final : public AuditMirror {
 public:
  void Publish(std::span<const AuditEntry> entries) override {
    std::lock_guard lock(mu_);
    entries_.insert(entries_.end(), entries.begin(), entries.end());
  }
  std::vector<AuditEntry> entries() {
    std::lock_guard lock(mu_);
    return entries_;
  }

 private:
  std::mutex mu_;
  std::vector<AuditEntry> entries_;
};

AuditEvent Event(TenantId tenant, std::int64_t user, std::int64_t person) {
  return AuditEvent{.tenant = tenant,
                    .actor_user_id = user,
                    .unit = base::OrganisationId(100),
                    .authority = base::OrganisationId(10),
                    .action = Action::kRead,
                    .outcome = Outcome::kAllowed,
                    .record_type = RecordType::kPerson,
                    .record_id = person,
                    .person_id = person,
                    .purpose = Purpose::kCaseWork,
                    .flags = 0,
                    .request_id = *RequestId::Parse("req-unit-test-0001")};
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::OpenDatabase("sqlite::memory:", storage::DatabaseOptions{});
    ASSERT_TRUE(db) << db.error().detail;
    db_ = std::move(*db);
    auto migrations = storage::LoadMigrations(db_->backend());
    ASSERT_TRUE(migrations) << migrations.error().detail;
    auto applied = storage::Migrate(*db_, *migrations);
    ASSERT_TRUE(applied) << applied.error().detail;
    auto inserted = db_->Write([](storage::Transaction& tx) -> base::Status {
      for (const TenantId tenant : {kTenant, kOtherTenant}) {
        const std::string public_id = "t" + std::to_string(tenant.value());
        const std::string slug = "s" + std::to_string(tenant.value());
        auto ok = tx.Execute(
            "INSERT INTO tenants (tenant_id, public_id, slug, name, created_at) "
            "VALUES ($1, $2, $3, 'Testkommun', 0)",
            {tenant.value(), public_id, slug});
        if (!ok) return std::unexpected(ok.error());
      }
      return base::Ok();
    });
    ASSERT_TRUE(inserted) << inserted.error().detail;
  }

  std::int64_t CountEntries(TenantId tenant) {
    auto rows = db_->Read([&](storage::Transaction& tx) {
      return tx.Query("SELECT COUNT(*) FROM audit_entries WHERE tenant_id = $1", {tenant.value()});
    });
    return rows ? (*rows)[0].Int(0) : -1;
  }

  base::FakeClock clock_{base::FromUnixMicros(1767225600000000)};
  std::unique_ptr<storage::Database> db_;
};

TEST_F(AuditLogTest, AppendsChainAndVerify) {
  RecordingMirror mirror;
  AuditLog log(*db_, clock_, AuditLogOptions{.max_batch = 4096, .mirror = &mirror});
  for (int i = 1; i <= 5; ++i) {
    clock_.Advance(std::chrono::microseconds(10));
    ASSERT_TRUE(log.Append(Event(kTenant, 7, i)));
  }
  ASSERT_TRUE(log.Append(Event(kOtherTenant, 8, 1)));
  log.Shutdown();

  auto report = VerifyChain(*db_, kTenant);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries_checked, 5);
  EXPECT_EQ(report->head_seq, 5);
  auto other = VerifyChain(*db_, kOtherTenant);
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->intact());
  EXPECT_EQ(other->entries_checked, 1);

  const auto mirrored = mirror.entries();
  ASSERT_EQ(mirrored.size(), 6U);
  EXPECT_EQ(mirrored[0].seq, 1);
  EXPECT_EQ(mirrored[0].prev_hash, kGenesisHash);
  EXPECT_EQ(mirrored[1].prev_hash, mirrored[0].hash);
  EXPECT_EQ(mirrored[0].occurred_at, 1767225600000010);
  EXPECT_EQ(mirrored[4].event.person_id, 5);
}

TEST_F(AuditLogTest, ConcurrentAppendsGetContiguousSeqsAndOneChain) {
  RecordingMirror mirror;
  AuditLog log(*db_, clock_, AuditLogOptions{.max_batch = 4096, .mirror = &mirror});
  constexpr int kThreads = 16;
  constexpr int kPerThread = 25;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!log.Append(Event(t % 2 == 0 ? kTenant : kOtherTenant, t + 1, i + 1))) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  log.Shutdown();
  EXPECT_EQ(failures, 0);
  for (const TenantId tenant : {kTenant, kOtherTenant}) {
    auto report = VerifyChain(*db_, tenant);
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->intact());
    EXPECT_EQ(report->entries_checked, kThreads / 2 * kPerThread);
  }
  EXPECT_EQ(mirror.entries().size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_F(AuditLogTest, AppendInTransactionCommitsWithTheCallersWork) {
  AuditLog log(*db_, clock_);
  ASSERT_TRUE(log.Append(Event(kTenant, 7, 1)));
  auto committed = db_->Write(
      [&](storage::Transaction& tx) { return log.AppendInTransaction(tx, Event(kTenant, 7, 2)); });
  ASSERT_TRUE(committed) << committed.error().detail;
  EXPECT_EQ(committed->seq, 2);
  // A rolled-back business transaction leaves no entry and no gap.
  auto rolled_back = db_->Write([&](storage::Transaction& tx) -> base::Status {
    auto entry = log.AppendInTransaction(tx, Event(kTenant, 7, 3));
    if (!entry) return std::unexpected(entry.error());
    return base::Fail(ErrorCode::kConflict, "the domain write failed");
  });
  EXPECT_FALSE(rolled_back);
  ASSERT_TRUE(log.Append(Event(kTenant, 7, 4)));
  auto report = VerifyChain(*db_, kTenant);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->head_seq, 3);
}

TEST_F(AuditLogTest, TheMirrorGetsInTransactionEntriesOnlyWhenTheirTransactionCommits) {
  RecordingMirror mirror;
  AuditLog log(*db_, clock_, AuditLogOptions{.max_batch = 4096, .mirror = &mirror});
  auto rolled_back = db_->Write([&](storage::Transaction& tx) -> base::Status {
    auto entry = log.AppendInTransaction(tx, Event(kTenant, 7, 3));
    if (!entry) return std::unexpected(entry.error());
    return base::Fail(ErrorCode::kConflict, "the domain write failed");
  });
  EXPECT_FALSE(rolled_back);
  EXPECT_TRUE(mirror.entries().empty());

  auto committed = db_->Write(
      [&](storage::Transaction& tx) { return log.AppendInTransaction(tx, Event(kTenant, 7, 2)); });
  ASSERT_TRUE(committed) << committed.error().detail;
  const auto mirrored = mirror.entries();
  ASSERT_EQ(mirrored.size(), 1U);
  EXPECT_EQ(mirrored[0].seq, committed->seq);
  EXPECT_EQ(mirrored[0].hash, committed->hash);
  EXPECT_EQ(mirrored[0].event.person_id, 2);

  // A commit that fails (here: the transaction was left unusable by a failed statement) is a
  // rollback too: nothing more is mirrored.
  auto failed = db_->Write([&](storage::Transaction& tx) -> base::Status {
    auto entry = log.AppendInTransaction(tx, Event(kTenant, 7, 4));
    if (!entry) return std::unexpected(entry.error());
    (void)tx.Execute("INSERT INTO no_such_table VALUES (1)");
    return base::Ok();
  });
  EXPECT_FALSE(failed);
  EXPECT_EQ(mirror.entries().size(), 1U);
}

TEST_F(AuditLogTest, InvalidEventsAreRefusedWithoutWriting) {
  AuditLog log(*db_, clock_);
  AuditEvent bad = Event(kTenant, 7, 1);
  bad.record_id = std::nullopt;
  auto appended = log.Append(bad);
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error().code, ErrorCode::kInvalidInput);
  auto in_tx =
      db_->Write([&](storage::Transaction& tx) { return log.AppendInTransaction(tx, bad); });
  EXPECT_FALSE(in_tx);
  EXPECT_EQ(CountEntries(kTenant), 0);
}

TEST_F(AuditLogTest, AnUnknownTenantFailsOnlyItsOwnAppends) {
  // Tenant 99 does not exist: its batch fails the foreign key, and the retry per tenant keeps the
  // other tenant's appends in the same batch from failing with it.
  AuditLog log(*db_, clock_);
  std::atomic<int> good_failures = 0;
  std::atomic<int> bad_successes = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        if (t == 0) {
          if (log.Append(Event(TenantId(99), 1, i + 1))) ++bad_successes;
        } else if (!log.Append(Event(kTenant, t, i + 1))) {
          ++good_failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(good_failures, 0);
  EXPECT_EQ(bad_successes, 0);
  EXPECT_EQ(CountEntries(kTenant), 70);
}

TEST_F(AuditLogTest, AfterShutdownAppendsAreUnavailable) {
  AuditLog log(*db_, clock_);
  ASSERT_TRUE(log.Append(Event(kTenant, 7, 1)));
  log.Shutdown();
  log.Shutdown();
  auto appended = log.Append(Event(kTenant, 7, 2));
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error().code, ErrorCode::kUnavailable);
}

TEST_F(AuditLogTest, AClosedDatabaseFailsEveryWaiterAndWritesNothing) {
  AuditLog log(*db_, clock_);
  db_->Close();
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      if (!log.Append(Event(kTenant, 7, 1))) ++failures;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 8);
}

// Inside a scope an Append queues and returns; the entry is durable once Await returns, and an
// event that goes out of scope before it is written is still written intact (the scope copies it).
TEST_F(AuditLogTest, DeferredAppendsAreDurableWhenAwaitReturns) {
  AuditLog log(*db_, clock_);
  {
    DeferredAppends scope;
    for (int i = 1; i <= 3; ++i) {
      AuditEvent event = Event(kTenant, 7, i);
      ASSERT_TRUE(log.Append(event));
      event.person_id = 999;  // changing the caller's copy changes nothing queued
    }
    EXPECT_EQ(scope.pending(), 3U);
    ASSERT_TRUE(scope.Await());
    EXPECT_EQ(scope.pending(), 0U);
    EXPECT_EQ(CountEntries(kTenant), 3);
  }
  auto persons = db_->Read([](storage::Transaction& tx) {
    return tx.Query("SELECT person_id FROM audit_entries ORDER BY seq", {});
  });
  ASSERT_TRUE(persons);
  ASSERT_EQ(persons->size(), 3U);
  for (std::size_t i = 0; i < persons->size(); ++i) {
    EXPECT_EQ((*persons)[i].Int(0), static_cast<std::int64_t>(i) + 1);
  }
  auto report = VerifyChain(*db_, kTenant);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
}

TEST_F(AuditLogTest, DeferredAppendsReportTheFailureAtAwait) {
  AuditLog log(*db_, clock_);
  DeferredAppends scope;
  ASSERT_TRUE(log.Append(Event(kTenant, 7, 1)));
  ASSERT_TRUE(log.Append(Event(TenantId(99), 7, 1)));  // no such tenant: its batch fails
  auto awaited = scope.Await();
  ASSERT_FALSE(awaited);
  EXPECT_EQ(CountEntries(TenantId(99)), 0);
  EXPECT_EQ(CountEntries(kTenant), 1);  // the retry per tenant kept the good one
  // Invalid events are still refused at once, and nothing is queued for them.
  AuditEvent bad = Event(kTenant, 7, 2);
  bad.record_id = std::nullopt;
  auto refused = log.Append(bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(scope.pending(), 0U);
}

TEST_F(AuditLogTest, DeferralIsPerThreadAndEndsWithTheScope) {
  AuditLog log(*db_, clock_);
  {
    DeferredAppends scope;
    ASSERT_TRUE(log.Append(Event(kTenant, 7, 1)));
    // Another thread has no scope: its Append blocks until durable.
    std::thread other([&] {
      ASSERT_TRUE(log.Append(Event(kTenant, 8, 1)));
      EXPECT_GE(CountEntries(kTenant), 1);
    });
    other.join();
    {
      DeferredAppends inner;
      ASSERT_TRUE(log.Append(Event(kTenant, 7, 2)));
      EXPECT_EQ(inner.pending(), 1U);
      EXPECT_EQ(scope.pending(), 1U);
    }
    // The destructor awaited the inner scope's event.
    EXPECT_EQ(CountEntries(kTenant), 3);
  }
  // Outside every scope, Append blocks again.
  ASSERT_TRUE(log.Append(Event(kTenant, 7, 3)));
  EXPECT_EQ(CountEntries(kTenant), 4);
}

TEST_F(AuditLogTest, ADeferredAppendAfterShutdownIsRefusedAtOnce) {
  AuditLog log(*db_, clock_);
  log.Shutdown();
  DeferredAppends scope;
  auto appended = log.Append(Event(kTenant, 7, 1));
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(scope.pending(), 0U);
  EXPECT_TRUE(scope.Await());
}

TEST_F(AuditLogTest, ThenCallHearsOnceEveryDeferredEntryIsDurable) {
  AuditLog log(*db_, clock_);
  std::promise<base::Status> heard;
  {
    DeferredAppends scope;
    ASSERT_TRUE(log.Append(Event(kTenant, 7, 1)));
    ASSERT_TRUE(log.Append(Event(kTenant, 7, 2)));
    scope.ThenCall([&heard](const base::Status& status) { heard.set_value(status); });
    EXPECT_EQ(scope.pending(), 0U);  // handed over: the scope's end waits for nothing
  }
  EXPECT_TRUE(heard.get_future().get());
  EXPECT_EQ(CountEntries(kTenant), 2);
}

TEST_F(AuditLogTest, ThenCallHearsTheFailureAndIsCalledAtOnceWhenNothingIsPending) {
  AuditLog log(*db_, clock_);
  std::promise<base::Status> heard;
  {
    DeferredAppends scope;
    ASSERT_TRUE(log.Append(Event(TenantId(99), 7, 1)));
    scope.ThenCall([&heard](const base::Status& status) { heard.set_value(status); });
  }
  const base::Status outcome = heard.get_future().get();
  EXPECT_FALSE(outcome);
  DeferredAppends empty;
  bool called = false;
  empty.ThenCall([&called](const base::Status& status) { called = status.has_value(); });
  EXPECT_TRUE(called);
}

TEST_F(AuditLogTest, ManyThreadsHandingOverDeferredEntriesAllHearAndChainOnce) {
  AuditLog log(*db_, clock_);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20;
  std::atomic<int> heard_ok = 0;
  std::atomic<int> heard = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        DeferredAppends scope;
        ASSERT_TRUE(log.Append(Event(kTenant, t + 1, i + 1)));
        scope.ThenCall([&](const base::Status& status) {
          if (status) ++heard_ok;
          ++heard;
        });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  log.Shutdown();  // writes whatever is still queued, so every callback has run
  EXPECT_EQ(heard, kThreads * kPerThread);
  EXPECT_EQ(heard_ok, kThreads * kPerThread);
  auto report = VerifyChain(*db_, kTenant);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries_checked, kThreads * kPerThread);
}

TEST_F(AuditLogTest, AThenCallCallbackThatThrowsDoesNotStopTheWriter) {
  AuditLog log(*db_, clock_);
  std::promise<void> thrown;
  {
    DeferredAppends scope;
    ASSERT_TRUE(log.Append(Event(kTenant, 7, 1)));
    scope.ThenCall([&thrown](const base::Status&) {
      thrown.set_value();
      throw std::runtime_error("a callback bug");
    });
  }
  thrown.get_future().wait();
  ASSERT_TRUE(log.Append(Event(kTenant, 7, 2)));  // the writer is still there
  EXPECT_EQ(CountEntries(kTenant), 2);
}

}  // namespace
}  // namespace fyren::trust::audit
