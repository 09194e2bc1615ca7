#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "trust/crypto/key_ring.h"

namespace fyren::trust::crypto {

// The optional sealed text columns of one table, as the domain services store them:
// KeyRing::EncryptOptional / DecryptOptional with the associated data {tenant, table, column,
// row id}, so a sealed value moved to another row, column or table does not open.
class SealedTable {
 public:
  // `ring` must outlive this; `table` is a constant (a string literal).
  SealedTable(const KeyRing& ring, std::string_view table) : ring_(ring), table_(table) {}

  // NULL (nullopt) for empty text, else the sealed bytes.
  [[nodiscard]] base::Result<std::optional<std::string>> Seal(base::TenantId tenant,
                                                              std::int64_t row_id,
                                                              std::string_view column,
                                                              std::string_view plaintext) const {
    return ring_.EncryptOptional(tenant, Bound(tenant, row_id, column), plaintext);
  }
  // Empty text for NULL.
  [[nodiscard]] base::Result<std::string> Open(base::TenantId tenant, std::int64_t row_id,
                                               std::string_view column,
                                               const std::optional<std::string>& sealed) const {
    return ring_.DecryptOptional(tenant, Bound(tenant, row_id, column), sealed);
  }

 private:
  [[nodiscard]] AssociatedData Bound(base::TenantId tenant, std::int64_t row_id,
                                     std::string_view column) const {
    return {.tenant = tenant, .table = table_, .column = column, .row_id = row_id};
  }

  const KeyRing& ring_;
  std::string_view table_;
};

}  // namespace fyren::trust::crypto
