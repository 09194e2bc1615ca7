#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.h"
#include "trust/crypto/secret_bytes.h"

namespace fyren::trust::crypto {

// The master key wraps (encrypts) every tenant's data keys. It lives in a file outside the
// database, so a stolen database dump or backup alone reveals no personal data.
//
// File format (docs/decisions/0004-envelope-encryption.md): two lines,
//   fyren-master-key-v1
//   <64 lower-case hex digits = 32 random bytes>
// with an optional final newline and nothing else. The file must be a regular file that neither
// group nor others may read or write (mode & 077 == 0).
//
// Ownership: owns its key bytes (locked, zeroed on destruction). Move-only.
// Thread-safety: const methods are safe to call concurrently.
class MasterKey {
 public:
  // A new key from the kernel's CSPRNG.
  [[nodiscard]] static MasterKey Generate();
  // Adopts 32 key bytes; kInvalidInput for any other size.
  [[nodiscard]] static base::Result<MasterKey> FromBytes(SecretBytes bytes);

  [[nodiscard]] const SecretBytes& key() const { return key_; }
  // A public, non-secret name for this key: 16 hex digits of a keyed BLAKE2b of a fixed label.
  // Stored beside each wrapped data key (data_keys.master_key_id) so a wrong master key file is
  // reported as such instead of as a decryption failure. Safe to log.
  [[nodiscard]] const std::string& fingerprint() const { return fingerprint_; }
  // The first 32 bits of the fingerprint; written into the header of each wrapped key.
  [[nodiscard]] std::uint32_t id() const { return id_; }

 private:
  explicit MasterKey(SecretBytes key);

  SecretBytes key_;
  std::string fingerprint_;
  std::uint32_t id_ = 0;
};

// Creates `path` holding a new random master key, with mode 0600, refusing to replace anything
// that exists (O_CREAT|O_EXCL, no symlink following). The file and its directory are fsync'ed
// before returning, because losing this file after a crash would make all data unreadable.
// Failure: kConflict when the path exists; kInvalidInput when it cannot be created (the message
// names the path and the reason). A partly written file is removed.
[[nodiscard]] base::Status WriteNewMasterKeyFile(const std::filesystem::path& path);
// The same for a given key (e.g. to write the file for a key made elsewhere in a test).
[[nodiscard]] base::Status WriteMasterKeyFile(const std::filesystem::path& path,
                                              const MasterKey& key);

// Reads and checks the master key file. kInvalidInput, with a message naming the path and the
// problem (never the content), when the file is missing, unreadable, not a regular file, readable
// or writable by group or others, too large, or not in the format above.
[[nodiscard]] base::Result<MasterKey> LoadMasterKeyFile(const std::filesystem::path& path);

}  // namespace fyren::trust::crypto
