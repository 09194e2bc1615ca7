#include "storage/sqlite/sqlite_connection.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace fyren::storage::sqlite {
namespace {

// Every allocation inside SQLite would take one process-wide mutex while it keeps memory
// statistics; the first Open turns them off, so what SQLite allocates is not counted.
TEST(SqliteConnectionTest, OpeningAConnectionTurnsOffSqliteMemoryStatistics) {
  auto conn = Connection::Open(":memory:", Connection::Access::kReadWrite, 1000, 2);
  ASSERT_TRUE(conn) << conn.error().detail;
  ASSERT_TRUE((*conn)->ExecuteScript("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a');"));
  auto rows = (*conn)->Query("SELECT x FROM t", {});
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->size(), 1U);
  EXPECT_EQ(sqlite3_memory_used(), 0);
  EXPECT_EQ(sqlite3_memory_highwater(0), 0);
}

}  // namespace
}  // namespace fyren::storage::sqlite
