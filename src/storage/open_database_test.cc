#include <gtest/gtest.h>

#include "storage/database.h"

namespace fyren::storage {
namespace {

using base::ErrorCode;

TEST(RedactUrlTest, HidesPasswords) {
  EXPECT_EQ(RedactUrl("postgresql://user:secret@host/db"), "postgresql://user:***@host/db");
  EXPECT_EQ(RedactUrl("postgres://user:s%40cr@t/x@host:5432/db?sslmode=require"),
            "postgres://user:***@host:5432/db?sslmode=require");
  EXPECT_EQ(RedactUrl("postgresql://host/db?user=u&password=secret&sslmode=verify-full"),
            "postgresql://host/db?user=u&password=***&sslmode=verify-full");
  EXPECT_EQ(RedactUrl("postgresql://host/db?sslpassword=x"),
            "postgresql://host/db?sslpassword=***");
}

TEST(RedactUrlTest, LeavesUrlsWithoutPasswordsAlone) {
  EXPECT_EQ(RedactUrl("postgresql://user@host/db"), "postgresql://user@host/db");
  EXPECT_EQ(RedactUrl("postgresql://host:5432/db"), "postgresql://host:5432/db");
  EXPECT_EQ(RedactUrl("sqlite:/var/lib/fyren/fyren.db"), "sqlite:/var/lib/fyren/fyren.db");
}

TEST(OpenDatabaseTest, UnknownSchemeIsInvalidInputNamingTheScheme) {
  auto db = OpenDatabase("mysql://user:secret@host/db", DatabaseOptions{});
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(db.error().message.find("'mysql'"), std::string::npos);
  EXPECT_EQ(db.error().message.find("secret"), std::string::npos);
}

TEST(OpenDatabaseTest, BadOptionsAreInvalidInput) {
  auto db = OpenDatabase("sqlite::memory:", DatabaseOptions{.pool_size = 0});
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidInput);
}

TEST(OpenDatabaseTest, UnreachablePostgresIsUnavailable) {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  auto db = OpenDatabase("postgresql://fyren:secret@127.0.0.1:1/fyren", DatabaseOptions{});
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(db.error().message.find("PostgreSQL"), std::string::npos);
  EXPECT_EQ(db.error().message.find("secret"), std::string::npos);
  EXPECT_EQ(db.error().detail.find("secret"), std::string::npos);
}

TEST(OpenDatabaseTest, InMemorySqliteWorks) {
  auto db = OpenDatabase("sqlite::memory:", DatabaseOptions{});
  ASSERT_TRUE(db) << db.error().detail;
  EXPECT_EQ((*db)->backend(), Backend::kSqlite);
  EXPECT_TRUE((*db)->Ping());
  auto written = (*db)->Write([](Transaction& tx) -> Status {
    if (auto s = tx.ExecuteScript("CREATE TABLE t (x BIGINT)"); !s) return s;
    auto n = tx.Execute("INSERT INTO t (x) VALUES ($1)", {7});
    if (!n) return std::unexpected(n.error());
    return base::Ok();
  });
  ASSERT_TRUE(written);
  auto read = (*db)->Read([](Transaction& tx) { return tx.Query("SELECT x FROM t"); });
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].Int(0), 7);
}

TEST(OpenDatabaseTest, SqliteConnectionsGetTheConfiguredPageCache) {
  auto db = OpenDatabase("sqlite::memory:", DatabaseOptions{.sqlite_cache_mib = 24});
  ASSERT_TRUE(db) << db.error().detail;
  auto read = (*db)->Read([](Transaction& tx) { return tx.Query("PRAGMA cache_size"); });
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].Int(0), -24 * 1024) << "negative: KiB";

  auto none = OpenDatabase("sqlite::memory:", DatabaseOptions{.sqlite_cache_mib = 0});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidInput);
}

TEST(OpenDatabaseTest, MissingDirectoryIsUnavailable) {
  auto db = OpenDatabase("sqlite:/nonexistent-fyren-dir/x.db", DatabaseOptions{});
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace fyren::storage
