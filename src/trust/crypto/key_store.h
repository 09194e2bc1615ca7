#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::trust::crypto {

// What a data key is for. Encryption keys rotate (old ones stay for decryption); the blind-index
// key does not rotate silently, because every stored blind index depends on it
// (docs/decisions/0004-envelope-encryption.md).
enum class KeyPurpose { kEncryption, kBlindIndex };
[[nodiscard]] std::string_view ToString(KeyPurpose purpose);
[[nodiscard]] std::optional<KeyPurpose> ParseKeyPurpose(std::string_view text);

// One row of data_keys (migrations/*/0002_keys.sql). `wrapped_key` is the data key sealed by the
// master key whose fingerprint is `master_key_id`; the plaintext key never reaches the database.
struct StoredDataKey {
  base::TenantId tenant;
  std::uint32_t key_id = 0;
  KeyPurpose purpose = KeyPurpose::kEncryption;
  std::string wrapped_key;
  std::string master_key_id;
  std::int64_t created_at = 0;  // microseconds since the epoch
  std::optional<std::int64_t> retired_at;

  [[nodiscard]] bool active() const { return !retired_at.has_value(); }
};

// The SQL for data_keys. Stateless; every method runs inside the caller's transaction, which the
// caller commits. Thread-safety: as the Transaction. Failure: database errors pass through; a row
// that does not decode (unknown purpose, key id out of range) is kInternal.
class KeyStore {
 public:
  [[nodiscard]] static base::Result<std::vector<StoredDataKey>> ListAll(storage::Transaction& tx);
  [[nodiscard]] static base::Result<std::vector<StoredDataKey>> ListForTenant(
      storage::Transaction& tx, base::TenantId tenant);
  // One more than the tenant's highest key id (1 for the first key).
  [[nodiscard]] static base::Result<std::uint32_t> NextKeyId(storage::Transaction& tx,
                                                             base::TenantId tenant);
  // A second active key for the same tenant and purpose, or a reused key id, is kConflict.
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, const StoredDataKey& key);
  // Marks an active key retired at `at`; kNotFound when it is not active.
  [[nodiscard]] static base::Status Retire(storage::Transaction& tx, base::TenantId tenant,
                                           std::uint32_t key_id, std::int64_t at);
  // Replaces a key's wrapping (master-key rotation); kNotFound when the key does not exist.
  [[nodiscard]] static base::Status UpdateWrapping(storage::Transaction& tx, base::TenantId tenant,
                                                   std::uint32_t key_id,
                                                   std::string_view wrapped_key,
                                                   std::string_view master_key_id);
};

}  // namespace fyren::trust::crypto
