#pragma once

// For unit tests only: an in-memory SQLite database with every migration applied, tenant 1 and
// a small organisation tree (authority 10 "AUTH" > unit 11 "UNIT"; partner 20 "PART").
#include <memory>

#include "storage/database.h"
#include "storage/migrator.h"

namespace fyren::trust::testing {

inline std::unique_ptr<storage::Database> OpenTestDatabase() {
  auto db = storage::OpenDatabase("sqlite::memory:", storage::DatabaseOptions{});
  if (!db) return nullptr;
  auto migrations = storage::LoadMigrations(storage::Backend::kSqlite);
  if (!migrations || !storage::Migrate(**db, *migrations)) return nullptr;
  auto seeded = (*db)->Write([](storage::Transaction& tx) -> base::Status {
    for (const char* sql :
         {"INSERT INTO tenants (tenant_id, public_id, slug, name, created_at) "
          "VALUES (1, 't1', 't1', 'Test', 0)",
          "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
          "code, name_sv, name_en, created_at, updated_at) "
          "VALUES (1, 10, 'o10', NULL, 'authority', 'AUTH', 'Nämnd', 'Committee', 0, 0)",
          "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
          "code, name_sv, name_en, created_at, updated_at) "
          "VALUES (1, 11, 'o11', 10, 'unit', 'UNIT', 'Enhet', 'Unit', 0, 0)",
          "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
          "code, name_sv, name_en, created_at, updated_at) "
          "VALUES (1, 20, 'o20', NULL, 'partner', 'PART', 'Partner', 'Partner', 0, 0)"}) {
      auto done = tx.Execute(sql);
      if (!done) return std::unexpected(done.error());
    }
    return base::Ok();
  });
  if (!seeded) return nullptr;
  return std::move(*db);
}

// A user row without the accounts library (sessions tests).
inline bool InsertBareUser(storage::Database& db, std::int64_t user_id) {
  return db
      .Write([&](storage::Transaction& tx) -> base::Status {
        const std::string public_id = "u" + std::to_string(user_id);
        auto done = tx.Execute(
            "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
            "password_hash, created_at, updated_at) VALUES (1, $1, $2, $2, 'Test', 11, 'x', 0, 0)",
            {user_id, public_id});
        if (!done) return std::unexpected(done.error());
        return base::Ok();
      })
      .has_value();
}

}  // namespace fyren::trust::testing
