#include "storage/sqlite/sqlite_backup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/random.h"
#include "storage/sqlite/sqlite_database.h"

namespace fyren::storage::sqlite {
namespace {

using base::ErrorCode;

class SqliteBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("fyren-backup-test-" + base::NewPublicId());
    std::filesystem::create_directory(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string PathOf(const std::string& name) const { return (dir_ / name).string(); }

  std::unique_ptr<Database> OpenWithRows(const std::string& path, int rows) {
    auto db = OpenSqlite(path, DatabaseOptions{});
    EXPECT_TRUE(db) << db.error().detail;
    auto written = (*db)->Write([&](Transaction& tx) -> Status {
      if (auto s = tx.ExecuteScript("CREATE TABLE IF NOT EXISTS t (x BIGINT)"); !s) return s;
      for (int i = 0; i < rows; ++i) {
        if (auto n = tx.Execute("INSERT INTO t (x) VALUES ($1)", {i}); !n) {
          return std::unexpected(n.error());
        }
      }
      return base::Ok();
    });
    EXPECT_TRUE(written);
    return std::move(*db);
  }

  static std::int64_t CountRows(const std::string& path) {
    auto db = OpenSqlite(path, DatabaseOptions{});
    EXPECT_TRUE(db);
    auto rows = (*db)->Read([](Transaction& tx) { return tx.Query("SELECT COUNT(*) FROM t"); });
    EXPECT_TRUE(rows);
    return (*rows)[0].Int(0);
  }

  std::filesystem::path dir_;
};

TEST_F(SqliteBackupTest, CopiesALiveDatabaseAndRefusesToOverwrite) {
  const auto live = OpenWithRows(PathOf("live.db"), 100);  // stays open, as under a server
  ASSERT_TRUE(BackupSqlite(PathOf("live.db"), PathOf("backup.db")));
  EXPECT_EQ(CountRows(PathOf("backup.db")), 100);

  const auto again = BackupSqlite(PathOf("live.db"), PathOf("backup.db"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(CountRows(PathOf("backup.db")), 100);
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().string().find(".partial-"), std::string::npos) << entry.path();
  }
}

TEST_F(SqliteBackupTest, MissingSourceIsInvalidInput) {
  const auto status = BackupSqlite(PathOf("missing.db"), PathOf("backup.db"));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
  EXPECT_FALSE(std::filesystem::exists(PathOf("backup.db")));
}

TEST_F(SqliteBackupTest, RestoresIntoNewFileAndOverwritesOnlyWhenTold) {
  { const auto live = OpenWithRows(PathOf("live.db"), 3); }
  ASSERT_TRUE(BackupSqlite(PathOf("live.db"), PathOf("backup.db")));

  ASSERT_TRUE(RestoreSqlite(PathOf("backup.db"), PathOf("new.db"), RestoreMode::kRefuseExisting));
  EXPECT_EQ(CountRows(PathOf("new.db")), 3);

  { const auto other = OpenWithRows(PathOf("other.db"), 7); }
  const auto refused =
      RestoreSqlite(PathOf("backup.db"), PathOf("other.db"), RestoreMode::kRefuseExisting);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(CountRows(PathOf("other.db")), 7);

  ASSERT_TRUE(RestoreSqlite(PathOf("backup.db"), PathOf("other.db"), RestoreMode::kOverwrite));
  EXPECT_EQ(CountRows(PathOf("other.db")), 3);
}

}  // namespace
}  // namespace fyren::storage::sqlite
