// Conformance: group commit under many threads, two servers appending to one database, and a
// failed commit that must reach every waiter and leave no partial batch.

#include <atomic>
#include <thread>
#include <vector>

#include "audit_fixture.h"
#include "trust/audit/chain_verifier.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;
using trust::audit::AuditLog;
using trust::audit::VerifyChain;

// A Database whose commits fail on demand (the connection "drops" at COMMIT): the transaction is
// rolled back and Commit reports kUnavailable, as a lost connection would.
class FailingCommitDatabase final : public Database {
 public:
  explicit FailingCommitDatabase(Database& inner) : inner_(inner) {}
  std::atomic<bool> fail_commits = false;
  std::atomic<int> failed_commits = 0;

  Backend backend() const override { return inner_.backend(); }
  Result<std::unique_ptr<TransactionHandle>> Begin(TxMode mode) override {
    auto tx = inner_.Begin(mode);
    if (!tx) return std::unexpected(tx.error());
    return std::unique_ptr<TransactionHandle>(std::make_unique<Handle>(*this, std::move(*tx)));
  }
  Status Ping() override { return inner_.Ping(); }
  PoolStats Stats() const override { return inner_.Stats(); }
  void Close() override { inner_.Close(); }

 private:
  class Handle final : public TransactionHandle {
   public:
    Handle(FailingCommitDatabase& owner, std::unique_ptr<TransactionHandle> inner)
        : owner_(owner), inner_(std::move(inner)) {}
    Result<Rows> QuerySpan(std::string_view sql, std::span<const Param> params) override {
      return inner_->QuerySpan(sql, params);
    }
    Result<std::int64_t> ExecuteSpan(std::string_view sql, std::span<const Param> params) override {
      return inner_->ExecuteSpan(sql, params);
    }
    Status ExecuteScript(std::string_view sql) override { return inner_->ExecuteScript(sql); }
    Backend backend() const override { return inner_->backend(); }
    Status DoCommit() override {
      if (owner_.fail_commits) {
        inner_->Rollback();
        ++owner_.failed_commits;
        return base::Fail(ErrorCode::kUnavailable, "database unavailable", "injected");
      }
      return inner_->Commit();
    }
    void Rollback() override { inner_->Rollback(); }

   private:
    FailingCommitDatabase& owner_;
    std::unique_ptr<TransactionHandle> inner_;
  };

  Database& inner_;
};

TEST_P(AuditTest, GroupCommitUnder32ThreadsYieldsOneContiguousChain) {
  SetUpAudit();
  constexpr int kThreads = 32;
  constexpr int kPerThread = 40;
  std::atomic<int> failures = 0;
  {
    AuditLog log(*db_, clock_);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          if (!log.Append(Event(kTenant, t + 1, i + 1))) ++failures;
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  EXPECT_EQ(failures, 0);
  auto range = db_->Read([&](Transaction& tx) {
    return tx.Query("SELECT MIN(seq), MAX(seq), COUNT(*) FROM audit_entries WHERE tenant_id = $1",
                    {kTenant.value()});
  });
  FYREN_ASSERT_OK(range);
  EXPECT_EQ((*range)[0].Int(0), 1);
  EXPECT_EQ((*range)[0].Int(1), kThreads * kPerThread);
  EXPECT_EQ((*range)[0].Int(2), kThreads * kPerThread);
  auto report = VerifyChain(*db_, kTenant);
  FYREN_ASSERT_OK(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries_checked, kThreads * kPerThread);
}

TEST_P(AuditTest, TwoServersAppendingToOneTenantKeepOneChain) {
  SetUpAudit();
  auto second_db = Open(DatabaseOptions{.pool_size = 8, .acquire_timeout_ms = 30000});
  ASSERT_NE(second_db, nullptr);
  constexpr int kThreadsPerServer = 8;
  constexpr int kPerThread = 30;
  std::atomic<int> failures = 0;
  {
    AuditLog server_a(*db_, clock_);
    AuditLog server_b(*second_db, clock_);
    std::vector<std::thread> threads;
    for (int t = 0; t < 2 * kThreadsPerServer; ++t) {
      const bool on_a = t % 2 == 0;
      threads.emplace_back([&, t, on_a] {
        AuditLog& log = on_a ? server_a : server_b;
        Database& db = on_a ? *db_ : *second_db;
        for (int i = 0; i < kPerThread; ++i) {
          const auto event = Event(i % 5 == 0 ? kOtherTenant : kTenant, t + 1, i + 1);
          // Every fourth thread writes inside its own business transaction instead.
          if (t % 4 == 3) {
            auto entry =
                db.Write([&](Transaction& tx) { return log.AppendInTransaction(tx, event); });
            if (!entry) ++failures;
          } else if (!log.Append(event)) {
            ++failures;
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  second_db->Close();
  EXPECT_EQ(failures, 0);
  std::int64_t total = 0;
  for (const base::TenantId tenant : {kTenant, kOtherTenant}) {
    auto report = VerifyChain(*db_, tenant);
    FYREN_ASSERT_OK(report);
    EXPECT_TRUE(report->intact()) << ToString(report->first_break->kind) << " at "
                                  << report->first_break->seq;
    EXPECT_EQ(report->entries_checked, CountEntries(tenant));
    total += report->entries_checked;
  }
  EXPECT_EQ(total, 2 * kThreadsPerServer * kPerThread);
}

TEST_P(AuditTest, AFailedCommitFailsEveryWaiterAndLeavesNoPartialBatch) {
  SetUpAudit();
  FailingCommitDatabase failing(*db_);
  AuditLog log(failing, clock_);
  FYREN_ASSERT_OK(log.Append(Event(kTenant, 1, 1)));

  failing.fail_commits = true;
  constexpr int kThreads = 16;
  std::atomic<int> unavailable = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto appended = log.Append(Event(t % 2 == 0 ? kTenant : kOtherTenant, t + 1, 2));
      if (!appended && appended.error().code == ErrorCode::kUnavailable) ++unavailable;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(unavailable, kThreads);
  EXPECT_GE(failing.failed_commits, 1);
  EXPECT_EQ(CountEntries(kTenant), 1);
  EXPECT_EQ(CountEntries(kOtherTenant), 0);

  failing.fail_commits = false;
  FYREN_ASSERT_OK(log.Append(Event(kTenant, 1, 3)));
  auto report = VerifyChain(*db_, kTenant);
  FYREN_ASSERT_OK(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->head_seq, 2);
}

}  // namespace
}  // namespace fyren::storage::testing
