#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/crypto/encrypted_column.h"

namespace fyren::trust::crypto {

// Generic SQL over any registered encrypted column, for re-encryption after a key rotation. The
// statements are built from the column's compile-time names (see EncryptedColumn) and bind every
// value. Stateless; runs in the caller's transaction.
// Failure: database errors pass through; a column that is not a BLOB/BYTEA is kInternal.
class EncryptedColumnStore {
 public:
  struct Cell {
    std::int64_t row_id = 0;
    std::optional<std::string> sealed;  // nullopt for SQL NULL
  };

  // Up to `limit` rows of the tenant with row id > `after_row_id`, in row-id order.
  [[nodiscard]] static base::Result<std::vector<Cell>> ReadBatch(storage::Transaction& tx,
                                                                 const EncryptedColumn& column,
                                                                 base::TenantId tenant,
                                                                 std::int64_t after_row_id,
                                                                 int limit);
  // Writes `replacement` only if the cell still holds `expected` (so a value a user saved in the
  // meantime is never overwritten). Returns whether the row was changed.
  [[nodiscard]] static base::Result<bool> ReplaceIfUnchanged(
      storage::Transaction& tx, const EncryptedColumn& column, base::TenantId tenant,
      std::int64_t row_id, std::string_view expected, std::string_view replacement);
};

}  // namespace fyren::trust::crypto
