// Conformance: the migrator behaves the same on both backends.

#include <atomic>
#include <thread>

#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;

TEST_P(StorageTest, FreshDatabaseHasVersionZeroAndNeedsMigrating) {
  auto version = SchemaVersion(*db_);
  FYREN_ASSERT_OK(version);
  EXPECT_EQ(*version, 0);
  const auto status = CheckSchema(*db_, static_cast<int>(migrations().size()));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(status.error().message.find("run fyren migrate"), std::string::npos);
}

TEST_P(StorageTest, MigratesFromScratchAndRecordsEachMigration) {
  const int latest = static_cast<int>(migrations().size());
  auto applied = Migrate(*db_, migrations());
  FYREN_ASSERT_OK(applied);
  EXPECT_EQ(*applied, latest);
  EXPECT_EQ(SchemaVersion(*db_).value_or(-1), latest);
  FYREN_ASSERT_OK(CheckSchema(*db_, latest));
  auto rows = db_->Read([](Transaction& tx) {
    return tx.Query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  });
  FYREN_ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), migrations().size());
  EXPECT_EQ((*rows)[0].Int(0), 1);
  EXPECT_EQ((*rows)[0].Text(1), migrations()[0].name);
  EXPECT_GT((*rows)[0].Int(2), 0);
}

TEST_P(StorageTest, MigrateIsIdempotent) {
  FYREN_ASSERT_OK(Migrate(*db_, migrations()));
  auto again = Migrate(*db_, migrations());
  FYREN_ASSERT_OK(again);
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(SchemaVersion(*db_).value_or(-1), static_cast<int>(migrations().size()));
}

TEST_P(StorageTest, NewerSchemaIsRefusedByAnOlderFyren) {
  FYREN_ASSERT_OK(Migrate(*db_, migrations()));
  const int older = static_cast<int>(migrations().size()) - 1;
  const auto status = CheckSchema(*db_, older);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(status.error().message.find("upgrade fyren"), std::string::npos);

  auto migrated = Migrate(*db_, std::span(migrations()).first(static_cast<std::size_t>(older)));
  ASSERT_FALSE(migrated);
  EXPECT_EQ(migrated.error().code, ErrorCode::kUnavailable);
}

TEST_P(StorageTest, FailedMigrationLeavesThePreviousVersionAndNoTrace) {
  std::vector<Migration> list = migrations();
  const int broken_version = static_cast<int>(list.size()) + 1;
  list.push_back(Migration{.version = broken_version,
                           .name = "broken",
                           .sql = "CREATE TABLE half_done (a BIGINT);\n"
                                  "INSERT INTO no_such_table VALUES (1);"});
  auto applied = Migrate(*db_, list);
  ASSERT_FALSE(applied);
  EXPECT_EQ(SchemaVersion(*db_).value_or(-1), broken_version - 1);
  auto probe = db_->Read([](Transaction& tx) { return tx.Query("SELECT a FROM half_done"); });
  EXPECT_FALSE(probe) << "the failed migration's first statement was kept";
}

TEST_P(StorageTest, DivergedHistoryIsRefused) {
  FYREN_ASSERT_OK(Migrate(*db_, migrations()));
  std::vector<Migration> renamed = migrations();
  renamed[0].name = "something_else";
  auto applied = Migrate(*db_, renamed);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code, ErrorCode::kInternal);
}

TEST_P(StorageTest, ServersMigratingAtOnceApplyEachMigrationOnce) {
  constexpr int kServers = 3;
  std::vector<std::unique_ptr<Database>> servers;
  for (int i = 0; i < kServers; ++i) servers.push_back(Open());
  std::atomic<int> total_applied = 0;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (auto& server : servers) {
    threads.emplace_back([&, db = server.get()] {
      auto applied = Migrate(*db, migrations());
      if (applied) {
        total_applied += *applied;
      } else {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(total_applied, static_cast<int>(migrations().size()));
  auto count =
      db_->Read([](Transaction& tx) { return tx.Query("SELECT COUNT(*) FROM schema_migrations"); });
  FYREN_ASSERT_OK(count);
  EXPECT_EQ((*count)[0].Int(0), static_cast<std::int64_t>(migrations().size()));
}

}  // namespace
}  // namespace fyren::storage::testing
