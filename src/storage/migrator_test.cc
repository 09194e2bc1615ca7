#include "storage/migrator.h"

#include <gtest/gtest.h>

#include <vector>

namespace fyren::storage {
namespace {

using base::EmbeddedFile;

TEST(LoadMigrationsTest, BothBackendsHoldTheSameNumbersAndNames) {
  auto sqlite = LoadMigrations(Backend::kSqlite);
  auto postgres = LoadMigrations(Backend::kPostgres);
  ASSERT_TRUE(sqlite) << sqlite.error().detail;
  ASSERT_TRUE(postgres) << postgres.error().detail;
  ASSERT_FALSE(sqlite->empty());
  ASSERT_EQ(sqlite->size(), postgres->size());
  for (std::size_t i = 0; i < sqlite->size(); ++i) {
    EXPECT_EQ((*sqlite)[i].version, static_cast<int>(i) + 1);
    EXPECT_EQ((*sqlite)[i].version, (*postgres)[i].version);
    EXPECT_EQ((*sqlite)[i].name, (*postgres)[i].name);
    EXPECT_FALSE((*sqlite)[i].sql.empty());
  }
}

TEST(LoadMigrationsTest, OrdersByNumberAndIgnoresOtherFolders) {
  const std::vector<EmbeddedFile> files = {
      {"migrations/x/0002_cases.sql", "B"},
      {"migrations/README.md", "readme"},
      {"migrations/y/0001_other.sql", "Y"},
      {"migrations/x/0001_tenancy.sql", "A"},
  };
  auto loaded = LoadMigrationsFrom(files, "migrations/x/");
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ((*loaded)[0].name, "tenancy");
  EXPECT_EQ((*loaded)[0].sql, "A");
  EXPECT_EQ((*loaded)[1].version, 2);
  EXPECT_EQ((*loaded)[1].name, "cases");
}

struct BadCase {
  std::vector<EmbeddedFile> files;
  std::string_view names_file;
};

TEST(LoadMigrationsTest, RejectsBadNumberingNamingTheFile) {
  const BadCase cases[] = {
      {{{"m/0001_a.sql", ""}, {"m/0001_b.sql", ""}}, "0001_"},         // duplicate
      {{{"m/0001_a.sql", ""}, {"m/0003_c.sql", ""}}, "m/0003_c.sql"},  // gap
      {{{"m/0002_b.sql", ""}}, "m/0002_b.sql"},                        // does not start at 1
      {{{"m/1_a.sql", ""}}, "m/1_a.sql"},                              // not four digits
      {{{"m/0001_Bad-Name.sql", ""}}, "m/0001_Bad-Name.sql"},
      {{{"m/0001_a.txt", ""}}, "m/0001_a.txt"},
      {{{"m/0000_zero.sql", ""}}, "m/0000_zero.sql"},
  };
  for (const BadCase& c : cases) {
    auto loaded = LoadMigrationsFrom(c.files, "m/");
    ASSERT_FALSE(loaded) << c.names_file;
    EXPECT_EQ(loaded.error().code, base::ErrorCode::kInternal);
    EXPECT_NE(loaded.error().detail.find(c.names_file), std::string::npos) << loaded.error().detail;
  }
}

}  // namespace
}  // namespace fyren::storage
