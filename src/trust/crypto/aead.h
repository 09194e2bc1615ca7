#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "trust/crypto/secret_bytes.h"

namespace fyren::trust::crypto {

// Authenticated encryption of one stored value with XChaCha20-Poly1305 (IETF).
//
// Sealed format (stored as BLOB/BYTEA):
//   version (1 byte, kSealedVersion) || key id (u32, big-endian) || nonce (24 random bytes)
//   || ciphertext || Poly1305 tag (16 bytes)
// The version and key id are authenticated together with the caller's associated data, so
// changing either is detected. A random 192-bit nonce per value makes nonce reuse negligible
// without any counter state shared between servers.
//
// Thread-safety: all functions are pure and safe to call concurrently.
// Failure: a wrong key, wrong associated data, tampered or truncated input is kInternal with the
// fixed message kOpenFailedMessage; no input bytes are ever echoed in an Error.

inline constexpr std::uint8_t kSealedVersion = 1;
inline constexpr std::size_t kKeyBytes = 32;
inline constexpr std::size_t kNonceBytes = 24;
inline constexpr std::size_t kTagBytes = 16;
inline constexpr std::size_t kHeaderBytes = 1 + 4;
inline constexpr std::size_t kSealedOverhead = kHeaderBytes + kNonceBytes + kTagBytes;
inline constexpr std::string_view kOpenFailedMessage = "An encrypted value could not be read.";

// What a sealed value is bound to: the row and field it belongs to. Sealing a value with one
// AssociatedData and opening it with another fails, so a ciphertext copied into another row,
// column, table or tenant is rejected instead of being shown as someone else's data.
// `table` and `column` are the SQL names; `row_id` is the row's internal id.
struct AssociatedData {
  base::TenantId tenant;
  std::string_view table;
  std::string_view column;
  std::int64_t row_id = 0;

  // The canonical bytes: a version tag, then each field fixed-width (ids, big-endian) or
  // length-prefixed (names), so no two different AssociatedData encode to the same bytes.
  [[nodiscard]] std::string Canonical() const;
};

// Seals `plaintext` under `key` (kKeyBytes) and records `key_id` in the header. Fails with
// kInternal when the key has the wrong size.
[[nodiscard]] base::Result<std::string> Seal(const SecretBytes& key, std::uint32_t key_id,
                                             std::string_view associated_data,
                                             std::string_view plaintext);

// Opens a value sealed by Seal. `key_id` must be the id in the header (callers pick the key by
// SealedKeyId first); a mismatch, a wrong key or associated data, or any tampering is kInternal.
[[nodiscard]] base::Result<std::string> Open(const SecretBytes& key, std::uint32_t key_id,
                                             std::string_view associated_data,
                                             std::string_view sealed);

// Open for key material: the plaintext goes straight into locked memory (used to unwrap data
// keys, so no copy of a key is left in an ordinary heap string).
[[nodiscard]] base::Result<SecretBytes> OpenSecret(const SecretBytes& key, std::uint32_t key_id,
                                                   std::string_view associated_data,
                                                   std::string_view sealed);

// The key id in a sealed value's header, without decrypting. kInternal when the value is too
// short or of an unknown version.
[[nodiscard]] base::Result<std::uint32_t> SealedKeyId(std::string_view sealed);

}  // namespace fyren::trust::crypto
