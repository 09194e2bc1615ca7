#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "trust/crypto/key_ring.h"

namespace fyren::trust::accounts {

// Seals and opens a user's TOTP secret for storage in users.totp_secret, bound to the tenant,
// the table, the column and the user id, so a sealed secret copied to another user does not open.
// Implementations are thread-safe.
class SecretSealer {
 public:
  virtual ~SecretSealer() = default;
  [[nodiscard]] virtual base::Result<std::string> Seal(base::TenantId tenant, std::int64_t user_id,
                                                       std::string_view column,
                                                       std::string_view secret) const = 0;
  [[nodiscard]] virtual base::Result<std::string> Open(base::TenantId tenant, std::int64_t user_id,
                                                       std::string_view column,
                                                       std::string_view sealed) const = 0;
};

// The production sealer: the tenant's data key from the KeyRing (XChaCha20-Poly1305).
// `ring` must outlive it.
class KeyRingSecretSealer final : public SecretSealer {
 public:
  explicit KeyRingSecretSealer(const crypto::KeyRing& ring) : ring_(ring) {}
  [[nodiscard]] base::Result<std::string> Seal(base::TenantId tenant, std::int64_t user_id,
                                               std::string_view column,
                                               std::string_view secret) const override;
  [[nodiscard]] base::Result<std::string> Open(base::TenantId tenant, std::int64_t user_id,
                                               std::string_view column,
                                               std::string_view sealed) const override;

 private:
  const crypto::KeyRing& ring_;
};

// NOT ENCRYPTED. For a server without a master key configured (until app/ wires the KeyRing) and
// for unit tests. Values carry the prefix kUnsealedPrefix so they can be found and sealed later;
// KeyRingSecretSealer refuses them. app/ logs a warning at start whenever this one is in use.
class UnsealedSecretSealer final : public SecretSealer {
 public:
  static constexpr std::string_view kUnsealedPrefix = "UNSEALED:";
  [[nodiscard]] base::Result<std::string> Seal(base::TenantId tenant, std::int64_t user_id,
                                               std::string_view column,
                                               std::string_view secret) const override;
  [[nodiscard]] base::Result<std::string> Open(base::TenantId tenant, std::int64_t user_id,
                                               std::string_view column,
                                               std::string_view sealed) const override;
};

}  // namespace fyren::trust::accounts
