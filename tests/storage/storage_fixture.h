#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/migrator.h"

namespace fyren::storage::testing {

// The storage conformance suite: every TEST_P on StorageTest runs unchanged on SQLite (a file in
// a fresh temporary directory) and on PostgreSQL (a fresh schema in the database named by
// FYREN_TEST_POSTGRES_URL, found through search_path). Without that variable the PostgreSQL
// cases fail, unless FYREN_ALLOW_NO_POSTGRES=1 makes them skip: CI always provides PostgreSQL
// (scripts/with-postgres), so a silent skip there would hide a broken backend.
class StorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Another Database on the same target (to reopen, or to act as a second server).
  std::unique_ptr<Database> Open(const DatabaseOptions& options = DatabaseOptions{});

  // Applies the real migrations, then adds the suite's own `conformance_values` table.
  void MigrateAndCreateTestTable();
  // Inserts tenant `tenant_id` with the given slug (as a store would).
  base::Status InsertTenant(Transaction& tx, std::int64_t tenant_id, std::string_view slug);

  Backend backend() const { return GetParam(); }
  const std::vector<Migration>& migrations() const { return migrations_; }

  std::unique_ptr<Database> db_;

 private:
  std::string url_;
  std::filesystem::path temp_dir_;   // SQLite
  std::unique_ptr<Database> admin_;  // PostgreSQL: creates and drops the schema
  std::string schema_;
  std::vector<Migration> migrations_;
};

// The rows of the suite's `conformance_values` table, read in a Read of its own.
Result<std::int64_t> CountConformanceValues(Database& db);

// Unwraps a Result in a test, failing with the error's detail.
#define FYREN_ASSERT_OK(expr)                                            \
  do {                                                                   \
    const auto& fyren_result_ = (expr);                                  \
    ASSERT_TRUE(fyren_result_) << fyren_result_.error().message << " / " \
                               << fyren_result_.error().detail;          \
  } while (false)

}  // namespace fyren::storage::testing
