#include "trust/crypto/encrypted_column_store.h"

#include <stdexcept>

namespace fyren::trust::crypto {
namespace {

// Defence in depth: EncryptedColumn is consteval-checked, but a copy could in principle be
// corrupted, and a malformed name must never reach SQL text.
base::Status CheckNames(const EncryptedColumn& c) {
  if (IsSqlIdentifier(c.table) && IsSqlIdentifier(c.column) && IsSqlIdentifier(c.id_column)) {
    return base::Ok();
  }
  return base::Fail(base::ErrorCode::kInternal, "Re-encryption is misconfigured.",
                    "encrypted column descriptor is not a plain identifier");
}

std::string SelectSql(const EncryptedColumn& c) {
  return "SELECT " + std::string(c.id_column) + ", " + std::string(c.column) + " FROM " +
         std::string(c.table) + " WHERE tenant_id = $1 AND " + std::string(c.id_column) +
         " > $2 ORDER BY " + std::string(c.id_column) + " LIMIT $3";
}

std::string UpdateSql(const EncryptedColumn& c) {
  return "UPDATE " + std::string(c.table) + " SET " + std::string(c.column) +
         " = $1 WHERE tenant_id = $2 AND " + std::string(c.id_column) + " = $3 AND " +
         std::string(c.column) + " = $4";
}

}  // namespace

base::Result<std::vector<EncryptedColumnStore::Cell>> EncryptedColumnStore::ReadBatch(
    storage::Transaction& tx, const EncryptedColumn& column, base::TenantId tenant,
    std::int64_t after_row_id, int limit) {
  if (auto ok = CheckNames(column); !ok) return std::unexpected(ok.error());
  auto rows = tx.Query(SelectSql(column), {tenant.value(), after_row_id, limit});
  if (!rows) return std::unexpected(rows.error());
  std::vector<Cell> cells;
  cells.reserve(rows->size());
  try {
    for (const storage::Row& row : *rows) {
      Cell cell{.row_id = row.Int(0), .sealed = std::nullopt};
      if (!row.IsNull(1)) cell.sealed = row.Bytes(1);
      cells.push_back(std::move(cell));
    }
  } catch (const std::logic_error&) {
    return base::Fail(base::ErrorCode::kInternal, "Re-encryption is misconfigured.",
                      "encrypted column " + std::string(column.table) + "." +
                          std::string(column.column) + " is not an integer id and a blob");
  }
  return cells;
}

base::Result<bool> EncryptedColumnStore::ReplaceIfUnchanged(
    storage::Transaction& tx, const EncryptedColumn& column, base::TenantId tenant,
    std::int64_t row_id, std::string_view expected, std::string_view replacement) {
  if (auto ok = CheckNames(column); !ok) return std::unexpected(ok.error());
  auto changed = tx.Execute(UpdateSql(column), {storage::BlobView{replacement}, tenant.value(),
                                                row_id, storage::BlobView{expected}});
  if (!changed) return std::unexpected(changed.error());
  return *changed == 1;
}

}  // namespace fyren::trust::crypto
