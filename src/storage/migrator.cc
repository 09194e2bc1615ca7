#include "storage/migrator.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string>

#include "base/clock.h"

namespace fyren::storage {
namespace {

using base::ErrorCode;
using base::Fail;

// Any constant works as long as every fyren process uses the same one: it names the lock that
// serialises migrations across servers sharing one PostgreSQL database.
constexpr std::int64_t kMigrationLockKey = 0x6679'7265'6e00'0001;  // "fyren" + 1

std::string_view FolderFor(Backend backend) {
  return backend == Backend::kPostgres ? "migrations/postgres/" : "migrations/sqlite/";
}

bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// "0001_tenancy.sql" -> {1, "tenancy"}; false when the name has another shape.
bool ParseFileName(std::string_view file, int& version, std::string& name) {
  constexpr std::string_view kSuffix = ".sql";
  if (file.size() <= 5 + kSuffix.size() || !file.ends_with(kSuffix) || file[4] != '_') {
    return false;
  }
  const std::string_view digits = file.substr(0, 4);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (ec != std::errc() || end != digits.data() + digits.size() || version <= 0) return false;
  const std::string_view base_name = file.substr(5, file.size() - 5 - kSuffix.size());
  if (!std::all_of(base_name.begin(), base_name.end(), IsNameChar)) return false;
  name = std::string(base_name);
  return true;
}

std::string FileName(std::string_view folder, const Migration& migration) {
  char number[16];
  std::snprintf(number, sizeof number, "%04d", migration.version);
  return std::string(folder) + number + "_" + migration.name + ".sql";
}

Result<bool> HasMigrationsTable(Transaction& tx) {
  auto rows = tx.backend() == Backend::kPostgres
                  ? tx.Query(
                        "SELECT 1 FROM pg_catalog.pg_tables "
                        "WHERE schemaname = current_schema() AND tablename = "
                        "'schema_migrations'")
                  : tx.Query(
                        "SELECT 1 FROM sqlite_master "
                        "WHERE type = 'table' AND name = 'schema_migrations'");
  if (!rows) return std::unexpected(rows.error());
  return !rows->empty();
}

Result<int> ReadVersion(Transaction& tx) {
  auto exists = HasMigrationsTable(tx);
  if (!exists) return std::unexpected(exists.error());
  if (!*exists) return 0;
  auto rows = tx.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!rows) return std::unexpected(rows.error());
  return static_cast<int>(rows->at(0).Int(0));
}

Status NewerThanKnown(int version, int latest_known) {
  return Fail(ErrorCode::kUnavailable, "schema version " + std::to_string(version) +
                                           " is newer than this fyren knows (" +
                                           std::to_string(latest_known) + "); upgrade fyren");
}

// Applies `migration` unless another process already did. Runs inside one write transaction.
Result<bool> ApplyOne(Transaction& tx, const Migration& migration, int latest_known) {
  if (tx.backend() == Backend::kPostgres) {
    // Transaction-scoped: released by COMMIT or ROLLBACK, also when the process dies.
    if (auto locked = tx.Query("SELECT pg_advisory_xact_lock($1)", {kMigrationLockKey}); !locked) {
      return std::unexpected(locked.error());
    }
  }
  if (auto created = tx.ExecuteScript("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                      " version BIGINT NOT NULL PRIMARY KEY,"
                                      " name TEXT NOT NULL,"
                                      " applied_at BIGINT NOT NULL)");
      !created) {
    return std::unexpected(created.error());
  }
  auto current = ReadVersion(tx);
  if (!current) return std::unexpected(current.error());
  if (*current > latest_known)
    return std::unexpected(NewerThanKnown(*current, latest_known).error());
  if (*current >= migration.version) return false;  // someone else got there first
  if (*current != migration.version - 1) {
    return Fail(ErrorCode::kInternal, "database error",
                "migration " + std::to_string(migration.version) + " follows version " +
                    std::to_string(*current));
  }
  if (auto applied = tx.ExecuteScript(migration.sql); !applied) {
    return std::unexpected(applied.error());
  }
  const std::int64_t now = base::ToUnixMicros(std::chrono::system_clock::now());
  auto recorded =
      tx.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                 {migration.version, migration.name, now});
  if (!recorded) return std::unexpected(recorded.error());
  return true;
}

// The names already recorded must be the names of our files: a database migrated by a different
// branch of fyren must not be migrated further by this one.
Status CheckHistory(Database& db, std::span<const Migration> migrations) {
  return db.Read([&](Transaction& tx) -> Status {
    auto exists = HasMigrationsTable(tx);
    if (!exists) return std::unexpected(exists.error());
    if (!*exists) return base::Ok();
    auto rows = tx.Query("SELECT version, name FROM schema_migrations ORDER BY version");
    if (!rows) return std::unexpected(rows.error());
    for (const Row& row : *rows) {
      const std::int64_t version = row.Int(0);
      if (version < 1 || version > static_cast<std::int64_t>(migrations.size())) continue;
      const Migration& known = migrations[static_cast<std::size_t>(version - 1)];
      if (known.name != row.Text(1)) {
        return Fail(ErrorCode::kInternal, "database error",
                    "applied migration " + std::to_string(version) + " is '" + row.Text(1) +
                        "' but this fyren has '" + known.name + "'");
      }
    }
    return base::Ok();
  });
}

}  // namespace

Result<std::vector<Migration>> LoadMigrationsFrom(std::span<const base::EmbeddedFile> files,
                                                  std::string_view folder) {
  std::vector<Migration> found;
  for (const base::EmbeddedFile& file : files) {
    if (!file.path.starts_with(folder)) continue;
    const std::string_view file_name = file.path.substr(folder.size());
    Migration migration{.version = 0, .name = {}, .sql = file.data};
    if (!ParseFileName(file_name, migration.version, migration.name)) {
      return Fail(ErrorCode::kInternal, "database error",
                  "migration file name is not NNNN_name.sql: " + std::string(file.path));
    }
    found.push_back(std::move(migration));
  }
  std::sort(found.begin(), found.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t i = 0; i < found.size(); ++i) {
    const int expected = static_cast<int>(i) + 1;
    if (found[i].version != expected) {
      const std::string what =
          found[i].version < expected ? "repeats an earlier number" : "leaves a gap before it";
      return Fail(ErrorCode::kInternal, "database error",
                  "migration " + FileName(folder, found[i]) + " " + what + "; expected number " +
                      std::to_string(expected));
    }
  }
  return found;
}

Result<std::vector<Migration>> LoadMigrations(Backend backend) {
  return LoadMigrationsFrom(base::EmbeddedFiles(), FolderFor(backend));
}

Result<int> SchemaVersion(Database& db) {
  return db.Read([](Transaction& tx) { return ReadVersion(tx); });
}

Result<int> Migrate(Database& db, std::span<const Migration> migrations) {
  const int latest_known = static_cast<int>(migrations.size());
  if (auto history = CheckHistory(db, migrations); !history) {
    return std::unexpected(history.error());
  }
  auto start = SchemaVersion(db);
  if (!start) return std::unexpected(start.error());
  if (*start > latest_known) return std::unexpected(NewerThanKnown(*start, latest_known).error());
  int applied = 0;
  for (const Migration& migration : migrations.subspan(static_cast<std::size_t>(*start))) {
    auto done = db.Write([&](Transaction& tx) { return ApplyOne(tx, migration, latest_known); });
    if (!done) return std::unexpected(done.error());
    if (*done) ++applied;
  }
  return applied;
}

Status CheckSchema(Database& db, int latest_known) {
  auto version = SchemaVersion(db);
  if (!version) return std::unexpected(version.error());
  if (*version == latest_known) return base::Ok();
  if (*version > latest_known) return NewerThanKnown(*version, latest_known);
  return Fail(ErrorCode::kUnavailable, "database schema version " + std::to_string(*version) +
                                           " is older than this fyren needs (" +
                                           std::to_string(latest_known) + "); run fyren migrate");
}

}  // namespace fyren::storage
