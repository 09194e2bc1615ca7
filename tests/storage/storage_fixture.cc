#include "storage_fixture.h"

#include <cstdlib>
#include <string_view>

#include "base/random.h"

namespace fyren::storage::testing {
namespace {

std::string_view Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string_view() : std::string_view(value);
}

// Differs between the backends only where the dialects differ (BLOB / BYTEA).
constexpr std::string_view kSqliteTestTable = R"sql(
CREATE TABLE conformance_values (
  id BIGINT NOT NULL PRIMARY KEY,
  i BIGINT,
  d DOUBLE PRECISION,
  t TEXT,
  b BLOB,
  n BIGINT CHECK (n IS NULL OR n >= 0),
  version BIGINT NOT NULL DEFAULT 1
))sql";
constexpr std::string_view kPostgresTestTable = R"sql(
CREATE TABLE conformance_values (
  id BIGINT NOT NULL PRIMARY KEY,
  i BIGINT,
  d DOUBLE PRECISION,
  t TEXT,
  b BYTEA,
  n BIGINT CHECK (n IS NULL OR n >= 0),
  version BIGINT NOT NULL DEFAULT 1
))sql";

}  // namespace

void StorageTest::SetUp() {
  auto loaded = LoadMigrations(backend());
  ASSERT_TRUE(loaded) << loaded.error().detail;
  migrations_ = std::move(*loaded);

  if (backend() == Backend::kSqlite) {
    temp_dir_ = std::filesystem::temp_directory_path() / ("fyren-storage-" + base::NewPublicId());
    std::filesystem::create_directory(temp_dir_);
    url_ = "sqlite:" + (temp_dir_ / "fyren.db").string();
  } else {
    const std::string_view base_url = Env("FYREN_TEST_POSTGRES_URL");
    if (base_url.empty()) {
      if (Env("FYREN_ALLOW_NO_POSTGRES") == "1") {
        GTEST_SKIP() << "FYREN_TEST_POSTGRES_URL is not set (allowed by FYREN_ALLOW_NO_POSTGRES)";
      }
      FAIL() << "FYREN_TEST_POSTGRES_URL is not set. Run the suite through "
                "scripts/with-postgres, or set FYREN_ALLOW_NO_POSTGRES=1 to skip PostgreSQL.";
    }
    auto admin = OpenDatabase(base_url, DatabaseOptions{.pool_size = 1});
    ASSERT_TRUE(admin) << admin.error().message << " / " << admin.error().detail;
    admin_ = std::move(*admin);
    // A random base32 name is a safe identifier; it is test code, so concatenation is fine here.
    schema_ = "fyren_t_" + base::NewPublicId();
    FYREN_ASSERT_OK(admin_->Write(
        [&](Transaction& tx) { return tx.ExecuteScript("CREATE SCHEMA " + schema_); }));
    url_ = std::string(base_url) + (base_url.find('?') == std::string_view::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema_;
  }
  db_ = Open();
  ASSERT_NE(db_, nullptr);
}

void StorageTest::TearDown() {
  if (db_) db_->Close();
  db_.reset();
  if (admin_) {
    auto dropped = admin_->Write(
        [&](Transaction& tx) { return tx.ExecuteScript("DROP SCHEMA " + schema_ + " CASCADE"); });
    EXPECT_TRUE(dropped) << dropped.error().detail;
    admin_->Close();
  }
  if (!temp_dir_.empty()) std::filesystem::remove_all(temp_dir_);
}

std::unique_ptr<Database> StorageTest::Open(const DatabaseOptions& options) {
  auto db = OpenDatabase(url_, options);
  EXPECT_TRUE(db) << db.error().message << " / " << db.error().detail;
  return db ? std::move(*db) : nullptr;
}

void StorageTest::MigrateAndCreateTestTable() {
  auto applied = Migrate(*db_, migrations_);
  ASSERT_TRUE(applied) << applied.error().detail;
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
    return tx.ExecuteScript(backend() == Backend::kSqlite ? kSqliteTestTable : kPostgresTestTable);
  }));
}

base::Status StorageTest::InsertTenant(Transaction& tx, std::int64_t tenant_id,
                                       std::string_view slug) {
  const std::string public_id = base::NewPublicId();
  auto inserted = tx.Execute(
      "INSERT INTO tenants (tenant_id, public_id, slug, name, created_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {tenant_id, public_id, slug, "Testkommun", std::int64_t{0}});
  if (!inserted) return std::unexpected(inserted.error());
  return base::Ok();
}

Result<std::int64_t> CountConformanceValues(Database& db) {
  return db.Read([](Transaction& tx) -> Result<std::int64_t> {
    auto rows = tx.Query("SELECT COUNT(*) FROM conformance_values");
    if (!rows) return std::unexpected(rows.error());
    return (*rows)[0].Int(0);
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return std::string(ToString(param_info.param));
                         });

}  // namespace fyren::storage::testing
