// Conformance: a SharedReads scope lets a request's Reads share one transaction, and never at the
// cost of reading past its own writes, of a broken transaction, or of a leaked connection.

#include <stdexcept>
#include <thread>

#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;

Status InsertValue(Database& db, std::int64_t id) {
  return db.Write([id](Transaction& tx) -> Status {
    auto done = tx.Execute("INSERT INTO conformance_values (id) VALUES ($1)", {id});
    if (!done) return std::unexpected(done.error());
    return base::Ok();
  });
}

std::int64_t Acquired(const Database& db) { return db.Stats().acquired_total; }

TEST_P(StorageTest, ReadsInAScopeShareOneTransactionAndItsConnection) {
  MigrateAndCreateTestTable();
  const std::int64_t before = Acquired(*db_);
  {
    SharedReads reads(*db_);
    EXPECT_FALSE(reads.open());  // begun by the first Read, not by the scope
    EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
    EXPECT_TRUE(reads.open());
    EXPECT_EQ(db_->Stats().in_use, 1);  // kept between the Reads
    EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
    EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
    EXPECT_EQ(Acquired(*db_) - before, 1);
  }
  EXPECT_EQ(db_->Stats().in_use, 0);
  // Outside a scope every Read takes its own again.
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
  EXPECT_EQ(Acquired(*db_) - before, 3);
}

TEST_P(StorageTest, AWriteInTheScopeIsSeenByTheReadsAfterIt) {
  MigrateAndCreateTestTable();
  SharedReads reads(*db_);
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
  FYREN_ASSERT_OK(InsertValue(*db_, 1));
  EXPECT_FALSE(reads.open());  // the Write ended it before it began
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 1);
  FYREN_ASSERT_OK(InsertValue(*db_, 2));
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 2);
}

TEST_P(StorageTest, WhatSharedReadsSeeOfAnotherServersCommit) {
  MigrateAndCreateTestTable();
  auto other_server = Open();
  ASSERT_NE(other_server, nullptr);
  {
    SharedReads reads(*db_);
    EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
    FYREN_ASSERT_OK(InsertValue(*other_server, 1));
    // SQLite keeps the transaction's snapshot; PostgreSQL's READ COMMITTED reads show each
    // statement the latest commits, as separate transactions did.
    EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), backend() == Backend::kSqlite ? 0 : 1);
  }
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 1);
}

TEST_P(StorageTest, AReadNestedInASharedReadTakesItsOwnTransaction) {
  MigrateAndCreateTestTable();
  FYREN_ASSERT_OK(InsertValue(*db_, 1));
  SharedReads reads(*db_);
  auto nested = db_->Read([&](Transaction& tx) -> Result<std::int64_t> {
    auto outer = tx.Query("SELECT id FROM conformance_values");
    if (!outer) return std::unexpected(outer.error());
    EXPECT_EQ(db_->Stats().in_use, 1);
    auto inner = db_->Read([&](Transaction& inner_tx) -> Result<std::int64_t> {
      EXPECT_NE(&inner_tx, &tx);
      EXPECT_EQ(db_->Stats().in_use, 2);
      auto rows = inner_tx.Query("SELECT COUNT(*) FROM conformance_values");
      if (!rows) return std::unexpected(rows.error());
      return (*rows)[0].Int(0);
    });
    if (!inner) return std::unexpected(inner.error());
    return *inner + (*outer)[0].Int(0);
  });
  FYREN_ASSERT_OK(nested);
  EXPECT_EQ(*nested, 2);
  EXPECT_EQ(db_->Stats().in_use, 1);  // the shared one, still open for the next Read
  EXPECT_TRUE(reads.open());
}

TEST_P(StorageTest, AWriteInsideASharedReadEndsItWhenTheReadReturns) {
  MigrateAndCreateTestTable();
  SharedReads reads(*db_);
  auto seen = db_->Read([&](Transaction& tx) -> Result<std::int64_t> {
    if (auto written = InsertValue(*db_, 1); !written) return std::unexpected(written.error());
    // The Read goes on on its own transaction, which the Write could not end under it.
    auto rows = tx.Query("SELECT COUNT(*) FROM conformance_values");
    if (!rows) return std::unexpected(rows.error());
    return (*rows)[0].Int(0);
  });
  FYREN_ASSERT_OK(seen);
  EXPECT_FALSE(reads.open());
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 1);
}

TEST_P(StorageTest, AFailedSharedReadEndsTheTransactionAndTheNextReadWorks) {
  MigrateAndCreateTestTable();
  SharedReads reads(*db_);
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
  auto failed = db_->Read([](Transaction& tx) -> Result<std::int64_t> {
    auto rows = tx.Query("SELECT no_such_column FROM conformance_values");
    if (!rows) return std::unexpected(rows.error());
    return std::int64_t{0};
  });
  EXPECT_FALSE(failed);
  // On PostgreSQL the failed statement poisoned that transaction; the next Read has a new one.
  EXPECT_FALSE(reads.open());
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
  auto refused = db_->Read(
      [](Transaction&) -> Status { return base::Fail(ErrorCode::kNotFound, "not here"); });
  EXPECT_FALSE(refused);
  EXPECT_FALSE(reads.open());
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
}

TEST_P(StorageTest, AThrowingSharedReadFreesTheConnection) {
  MigrateAndCreateTestTable();
  {
    SharedReads reads(*db_);
    EXPECT_THROW((void)db_->Read([](Transaction&) -> Status { throw std::runtime_error("boom"); }),
                 std::runtime_error);
    EXPECT_FALSE(reads.open());
    EXPECT_EQ(db_->Stats().in_use, 0);
    EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
  }
  EXPECT_EQ(db_->Stats().in_use, 0);
}

TEST_P(StorageTest, AWriteEndsTheOuterScopesTransactionToo) {
  MigrateAndCreateTestTable();
  auto other = Open();
  ASSERT_NE(other, nullptr);
  SharedReads outer(*db_);
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
  EXPECT_TRUE(outer.open());
  {
    SharedReads inner(*other);  // the innermost scope is another database's
    FYREN_ASSERT_OK(InsertValue(*db_, 1));
    EXPECT_FALSE(outer.open());
  }
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 1);
  EXPECT_TRUE(outer.open());
}

TEST_P(StorageTest, AScopeSharesOnlyForItsDatabaseAndItsThread) {
  MigrateAndCreateTestTable();
  auto other = Open();
  ASSERT_NE(other, nullptr);
  SharedReads reads(*other);
  const std::int64_t before = Acquired(*db_);
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
  EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
  EXPECT_EQ(Acquired(*db_) - before, 2);
  EXPECT_FALSE(reads.open());
  {
    SharedReads inner(*db_);  // scopes nest: the inner one shares on its database
    EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
    EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
    EXPECT_EQ(Acquired(*db_) - before, 3);
    // Another thread's Reads are not the scope's.
    std::thread elsewhere([&] {
      EXPECT_EQ(CountConformanceValues(*db_).value_or(-1), 0);
      EXPECT_EQ(db_->Stats().in_use, 1);  // its own went back; the scope's is still lent out
    });
    elsewhere.join();
    EXPECT_EQ(Acquired(*db_) - before, 4);
  }
  EXPECT_EQ(db_->Stats().in_use, 0);
}

}  // namespace
}  // namespace fyren::storage::testing
