#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/embedded.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::storage {

// One forward-only schema change, from migrations/<backend>/NNNN_name.sql (embedded into the
// binary). `sql` points into the embedded file and lives for the whole program.
struct Migration {
  int version = 0;
  std::string name;  // "tenancy" for 0001_tenancy.sql
  std::string_view sql;
};

// The migrations for `backend` from the embedded files, ordered by version. Fails with kInternal,
// naming the file, when a name is not NNNN_name.sql (lower-case letters, digits, '_'), when a
// number appears twice, or when the numbers are not 1, 2, 3, ... without a gap.
[[nodiscard]] Result<std::vector<Migration>> LoadMigrations(Backend backend);
// The same from any list of files (for tests); only files under `folder` (e.g.
// "migrations/sqlite/") are considered.
[[nodiscard]] Result<std::vector<Migration>> LoadMigrationsFrom(
    std::span<const base::EmbeddedFile> files, std::string_view folder);

// The highest applied version; 0 when the database has no schema_migrations table yet.
[[nodiscard]] Result<int> SchemaVersion(Database& db);

// Applies every migration newer than the database's version, in order, each in its own write
// transaction together with its schema_migrations(version, name, applied_at) row, so a failed
// migration leaves the database at the previous version. Returns how many were applied (0 when
// up to date). Safe when several processes migrate at once: each transaction takes an exclusive
// lock first (PostgreSQL: pg_advisory_xact_lock; SQLite: BEGIN IMMEDIATE) and re-reads the
// version under it, so every migration is applied exactly once.
// Fails with kUnavailable when the database is newer than `migrations` (an older fyren must not
// touch it), kInternal when an applied version's name differs from the file's (the histories
// diverged), or with the failing statement's error.
[[nodiscard]] Result<int> Migrate(Database& db, std::span<const Migration> migrations);

// For `fyren serve` at start: ok when the schema is exactly `latest_known`; otherwise
// kUnavailable telling the operator what to do ("run fyren migrate" or "upgrade fyren").
[[nodiscard]] Status CheckSchema(Database& db, int latest_known);

}  // namespace fyren::storage
