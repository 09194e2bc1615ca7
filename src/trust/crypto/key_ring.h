#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/crypto/aead.h"
#include "trust/crypto/key_store.h"
#include "trust/crypto/master_key.h"
#include "trust/crypto/secret_bytes.h"

namespace fyren::trust::crypto {

// The unwrapped data keys of every tenant, held in locked memory for the life of the server, and
// the operations the domain stores need: seal and open a column value, and compute a blind index.
//
// Built once in app/ with the master key, then Reload()ed at start and after keys change (a new
// tenant, a data-key rotation). Per tenant it holds the active encryption key (used to seal), every
// older encryption key (to open values sealed before a rotation, picked by the key id in the
// ciphertext) and the blind-index key.
//
// Ownership: owns the master key and all data keys. Thread-safety: every method may be called from
// any thread; Encrypt/Decrypt/BlindIndex take a shared lock and run concurrently, Reload swaps the
// whole key set under an exclusive lock. Failure: a tenant without keys, an unknown key id or a
// value that fails authentication is kInternal with a fixed safe message (no value bytes, ever).
class KeyRing {
 public:
  explicit KeyRing(MasterKey master);
  KeyRing(const KeyRing&) = delete;
  KeyRing& operator=(const KeyRing&) = delete;

  // Reads and unwraps every tenant's keys (one read transaction). On failure the previous key set
  // stays in place, so a running server keeps working.
  [[nodiscard]] base::Status Reload(storage::Database& db);

  // Seals `plaintext` with the tenant's active encryption key, bound to `ad`. `ad.tenant` must be
  // `tenant` (a mismatch is a programming error, reported as kInternal).
  [[nodiscard]] base::Result<std::string> Encrypt(base::TenantId tenant, const AssociatedData& ad,
                                                  std::string_view plaintext) const;
  // Opens a value sealed by Encrypt with the same `ad`, using the key named in its header.
  [[nodiscard]] base::Result<std::string> Decrypt(base::TenantId tenant, const AssociatedData& ad,
                                                  std::string_view sealed) const;
  // An optional text field as the modules store it: empty text is stored as NULL (nothing to
  // seal), anything else sealed as by Encrypt; and back, NULL opening to empty text.
  [[nodiscard]] base::Result<std::optional<std::string>> EncryptOptional(
      base::TenantId tenant, const AssociatedData& ad, std::string_view plaintext) const;
  [[nodiscard]] base::Result<std::string> DecryptOptional(
      base::TenantId tenant, const AssociatedData& ad,
      const std::optional<std::string>& sealed) const;

  // The blind index of a normalised identity number: keyed BLAKE2b-256 with the tenant's
  // blind-index key over a domain-separated input; 32 raw bytes. Deterministic within a tenant and
  // unrelated across tenants. The caller normalises (e.g. 12-digit personnummer without
  // separator); different spellings of one number must normalise to the same text.
  [[nodiscard]] base::Result<std::string> BlindIndex(base::TenantId tenant,
                                                     std::string_view normalised_value) const;
  // The same for another kind of value; `field` (a constant such as "phone") separates the
  // domains so equal text in two fields gives unrelated indexes.
  [[nodiscard]] base::Result<std::string> BlindIndex(base::TenantId tenant, std::string_view field,
                                                     std::string_view normalised_value) const;

  // The id of the tenant's active key of `purpose`, or nullopt when the tenant has none.
  [[nodiscard]] std::optional<std::uint32_t> ActiveKeyId(base::TenantId tenant,
                                                         KeyPurpose purpose) const;

  // For key management (fyren keys) only: wrapping new data keys needs the master key.
  [[nodiscard]] const MasterKey& master_key() const { return master_; }

 private:
  struct TenantKeys {
    std::map<std::uint32_t, SecretBytes> encryption;  // by key id; all, active or retired
    std::uint32_t active_encryption = 0;
    SecretBytes blind_index;
    std::uint32_t blind_index_id = 0;
  };

  const MasterKey master_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<base::TenantId, TenantKeys> tenants_;
};

}  // namespace fyren::trust::crypto
