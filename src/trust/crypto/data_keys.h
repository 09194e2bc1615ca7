#pragma once

#include <cstdint>
#include <string>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/crypto/key_store.h"
#include "trust/crypto/master_key.h"
#include "trust/crypto/secret_bytes.h"

namespace fyren::trust::crypto {

// Envelope encryption of data keys: each tenant's data keys (32 random bytes) are sealed by the
// master key with associated data (tenant, "data_keys", purpose, key id), so a wrapped key moved
// to another tenant, purpose or id no longer unwraps. All functions are thread-safe; those taking
// a Database run their own write transaction, those taking a Transaction run in the caller's.

// Seals `data_key` for storage in data_keys.wrapped_key.
[[nodiscard]] base::Result<std::string> WrapDataKey(const MasterKey& master, base::TenantId tenant,
                                                    std::uint32_t key_id, KeyPurpose purpose,
                                                    const SecretBytes& data_key);

// Unwraps a stored key. kInvalidInput, naming both fingerprints, when the key was wrapped by
// another master key (the operator loaded the wrong key file); kInternal when the wrapped bytes
// fail authentication (tampering or corruption).
[[nodiscard]] base::Result<SecretBytes> UnwrapDataKey(const MasterKey& master,
                                                      const StoredDataKey& stored);

// Creates the tenant's active encryption key and blind-index key when missing; does nothing when
// they exist. Call it in the transaction that creates the tenant, or once for existing tenants
// (`fyren keys init`). Returns how many keys were created (0, 1 or 2).
[[nodiscard]] base::Result<int> EnsureTenantKeys(storage::Transaction& tx, const MasterKey& master,
                                                 base::TenantId tenant);
// The same in its own write transaction. When another server creates the keys at the same time
// (kConflict from the unique active-key index), it retries once and then sees their keys.
[[nodiscard]] base::Result<int> EnsureTenantKeys(storage::Database& db, const MasterKey& master,
                                                 base::TenantId tenant);

// First step of data-key rotation: retires the tenant's active encryption key and adds a new one,
// in one write transaction, returning the new key id. The old key stays in data_keys so existing
// values still decrypt until ReencryptColumns (key_rotation.h) has moved them. kNotFound when the
// tenant has no active encryption key yet.
[[nodiscard]] base::Result<std::uint32_t> AddEncryptionKey(storage::Database& db,
                                                           const MasterKey& master,
                                                           base::TenantId tenant);

}  // namespace fyren::trust::crypto
