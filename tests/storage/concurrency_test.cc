// Conformance: several threads share one Database; the pool bounds and reports its use.

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;

TEST_P(StorageTest, ConcurrentReadersAndWritersSeeConsistentCounts) {
  MigrateAndCreateTestTable();
  db_ = Open(DatabaseOptions{.pool_size = 4, .acquire_timeout_ms = 20000});
  ASSERT_NE(db_, nullptr);
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return tx.Execute("INSERT INTO conformance_values (id, n) VALUES (1, 0)");
  }));
  constexpr int kWriters = 3;
  constexpr int kReaders = 3;
  constexpr int kIncrements = 40;
  std::atomic<int> errors = 0;
  std::atomic<bool> writing = true;
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&] {
      for (int k = 0; k < kIncrements; ++k) {
        auto changed = db_->Write([](Transaction& tx) {
          return tx.Execute("UPDATE conformance_values SET n = n + 1 WHERE id = 1");
        });
        if (!changed || *changed != 1) ++errors;
      }
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&] {
      std::int64_t last = 0;
      while (writing) {
        auto rows = db_->Read([](Transaction& tx) {
          return tx.Query("SELECT n FROM conformance_values WHERE id = 1");
        });
        if (!rows || rows->size() != 1 || (*rows)[0].Int(0) < last) {
          ++errors;
          continue;
        }
        last = (*rows)[0].Int(0);
      }
    });
  }
  for (int w = 0; w < kWriters; ++w) threads[static_cast<std::size_t>(w)].join();
  writing = false;
  for (std::size_t t = kWriters; t < threads.size(); ++t) threads[t].join();
  EXPECT_EQ(errors, 0);
  auto rows = db_->Read(
      [](Transaction& tx) { return tx.Query("SELECT n FROM conformance_values WHERE id = 1"); });
  FYREN_ASSERT_OK(rows);
  EXPECT_EQ((*rows)[0].Int(0), kWriters * kIncrements);
  const PoolStats stats = db_->Stats();
  EXPECT_EQ(stats.in_use, 0);
  EXPECT_EQ(stats.waiting, 0);
  EXPECT_LE(stats.size, 4 + 1);  // SQLite: readers plus the one writer
}

TEST_P(StorageTest, PingAndPoolStats) {
  const PoolStats before = db_->Stats();
  FYREN_ASSERT_OK(db_->Ping());
  const PoolStats after = db_->Stats();
  EXPECT_GT(after.acquired_total, before.acquired_total);
  EXPECT_GE(after.size, 1);
  EXPECT_EQ(after.in_use, 0);

  auto tx = db_->Begin(TxMode::kWrite);
  FYREN_ASSERT_OK(tx);
  EXPECT_EQ(db_->Stats().in_use, 1);
  tx->reset();
  EXPECT_EQ(db_->Stats().in_use, 0);
}

TEST_P(StorageTest, AcquireTimesOutWhenThePoolIsExhausted) {
  db_ = Open(DatabaseOptions{.pool_size = 1, .acquire_timeout_ms = 100});
  ASSERT_NE(db_, nullptr);
  auto held = db_->Begin(TxMode::kWrite);
  FYREN_ASSERT_OK(held);
  const auto started = std::chrono::steady_clock::now();
  auto second = db_->Begin(TxMode::kWrite);
  const auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable);
  EXPECT_GE(waited, std::chrono::milliseconds(90));
  EXPECT_LT(waited, std::chrono::seconds(5));
  EXPECT_EQ(db_->Stats().acquire_timeouts_total, 1);
}

TEST_P(StorageTest, ClosedDatabaseRefusesNewTransactions) {
  db_->Close();
  auto tx = db_->Begin(TxMode::kRead);
  ASSERT_FALSE(tx);
  EXPECT_EQ(tx.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(db_->Ping());
}

// PostgreSQL only: SQLite has no server connection to lose. A killed backend stands in for a
// restarted or failed-over server.
TEST_P(StorageTest, LostConnectionsAreReplacedWithoutRestart) {
  if (backend() != Backend::kPostgres) GTEST_SKIP() << "no server connection to lose";
  db_ = Open(DatabaseOptions{.pool_size = 1});
  ASSERT_NE(db_, nullptr);
  auto other = Open(DatabaseOptions{.pool_size = 1});
  ASSERT_NE(other, nullptr);
  const auto kill_pooled_connection = [&] {
    auto pid = db_->Read([](Transaction& tx) { return tx.Query("SELECT pg_backend_pid()"); });
    ASSERT_TRUE(pid);
    FYREN_ASSERT_OK(other->Read([&](Transaction& tx) {
      return tx.Query("SELECT pg_terminate_backend($1::int)", {(*pid)[0].Int(0)});
    }));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  };

  // Lost while idle in the pool: the next transaction reconnects by itself.
  kill_pooled_connection();
  FYREN_ASSERT_OK(db_->Ping());

  // Lost inside a transaction: that transaction fails as unavailable, the next one works.
  auto tx = db_->Begin(TxMode::kRead);
  FYREN_ASSERT_OK(tx);
  {
    auto pid = (**tx).Query("SELECT pg_backend_pid()");
    FYREN_ASSERT_OK(pid);
    FYREN_ASSERT_OK(other->Read([&](Transaction& admin) {
      return admin.Query("SELECT pg_terminate_backend($1::int)", {(*pid)[0].Int(0)});
    }));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  auto failed = (**tx).Query("SELECT 1");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  tx->reset();
  FYREN_ASSERT_OK(db_->Ping());
  EXPECT_EQ(db_->Stats().size, 1);
}

}  // namespace
}  // namespace fyren::storage::testing
