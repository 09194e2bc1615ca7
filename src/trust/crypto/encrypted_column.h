#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace fyren::trust::crypto {

// True for a lower-case SQL identifier: [a-z_][a-z0-9_]*, at most 63 characters.
constexpr bool IsSqlIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

// A column that holds values sealed by KeyRing::Encrypt with
// AssociatedData{tenant, table, column, <id_column value>}. The table's key is
// (tenant_id, id_column), as every Fyren table's key starts with tenant_id.
//
// Table and column names cannot be bound parameters, so the re-encryption loop has to put them
// into SQL text. That is safe only because they are compile-time constants: the constructor is
// consteval (a name read from input, config or the database cannot be used to make one) and it
// rejects anything but a plain lower-case identifier at compile time.
struct EncryptedColumn {
  consteval EncryptedColumn(std::string_view table_name, std::string_view column_name,
                            std::string_view id_column_name)
      : table(table_name), column(column_name), id_column(id_column_name) {
    if (!IsSqlIdentifier(table) || !IsSqlIdentifier(column) || !IsSqlIdentifier(id_column)) {
      throw "EncryptedColumn names must be lower-case SQL identifiers";
    }
  }

  std::string_view table;
  std::string_view column;
  std::string_view id_column;
};

// Every encrypted column of the application, collected in app/ from each domain module's
// constant list (e.g. `inline constexpr EncryptedColumn kPersonEncryptedColumns[] = {...}` beside
// the module's store) and handed to `fyren keys rotate`. A column added twice is kept once.
// Ownership: copies the (constant) descriptors. Thread-safety: fill it once at start, then read
// it from any thread.
class EncryptedColumnRegistry {
 public:
  void Add(std::span<const EncryptedColumn> columns) {
    for (const EncryptedColumn& column : columns) {
      bool known = false;
      for (const EncryptedColumn& existing : columns_) {
        known = known || (existing.table == column.table && existing.column == column.column);
      }
      if (!known) columns_.push_back(column);
    }
  }
  [[nodiscard]] std::span<const EncryptedColumn> columns() const { return columns_; }

 private:
  std::vector<EncryptedColumn> columns_;
};

}  // namespace fyren::trust::crypto
