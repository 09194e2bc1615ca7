#include "trust/crypto/key_ring.h"

#include <sodium.h>

#include <mutex>

#include "trust/crypto/data_keys.h"
#include "trust/crypto/sodium_runtime.h"

namespace fyren::trust::crypto {
namespace {

constexpr std::string_view kBlindIndexTag = "fyren.blind_index.v1";
constexpr std::string_view kIdentityNumberField = "identity_number";
constexpr std::size_t kBlindIndexBytes = 32;

std::unexpected<base::Error> NoKeys(base::TenantId tenant) {
  return base::Fail(base::ErrorCode::kInternal, "Encryption keys are not available.",
                    "no data keys loaded for tenant " + std::to_string(tenant.value()));
}

void AppendLengthPrefixed(std::string& out, std::string_view field) {
  const auto size = static_cast<std::uint32_t>(field.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((size >> shift) & 0xffU));
  }
  out.append(field);
}

}  // namespace

KeyRing::KeyRing(MasterKey master) : master_(std::move(master)) {}

base::Status KeyRing::Reload(storage::Database& db) {
  auto stored = db.Read([](storage::Transaction& tx) { return KeyStore::ListAll(tx); });
  if (!stored) return std::unexpected(stored.error());

  std::unordered_map<base::TenantId, TenantKeys> loaded;
  for (const StoredDataKey& key : *stored) {
    auto unwrapped = UnwrapDataKey(master_, key);
    if (!unwrapped) return std::unexpected(unwrapped.error());
    TenantKeys& tenant = loaded[key.tenant];
    if (key.purpose == KeyPurpose::kEncryption) {
      if (key.active()) tenant.active_encryption = key.key_id;
      tenant.encryption.emplace(key.key_id, std::move(*unwrapped));
    } else if (key.active()) {
      // Retired blind-index keys open nothing, so only the active one is kept.
      tenant.blind_index = std::move(*unwrapped);
      tenant.blind_index_id = key.key_id;
    }
  }
  std::unique_lock lock(mutex_);
  tenants_.swap(loaded);
  return base::Ok();
}

base::Result<std::string> KeyRing::Encrypt(base::TenantId tenant, const AssociatedData& ad,
                                           std::string_view plaintext) const {
  if (ad.tenant != tenant) {
    return base::Fail(base::ErrorCode::kInternal, "Encryption is misconfigured.",
                      "associated data names another tenant");
  }
  std::shared_lock lock(mutex_);
  const auto found = tenants_.find(tenant);
  if (found == tenants_.end() || found->second.active_encryption == 0) return NoKeys(tenant);
  const TenantKeys& keys = found->second;
  return Seal(keys.encryption.at(keys.active_encryption), keys.active_encryption, ad.Canonical(),
              plaintext);
}

base::Result<std::string> KeyRing::Decrypt(base::TenantId tenant, const AssociatedData& ad,
                                           std::string_view sealed) const {
  if (ad.tenant != tenant) {
    return base::Fail(base::ErrorCode::kInternal, std::string(kOpenFailedMessage),
                      "associated data names another tenant");
  }
  auto key_id = SealedKeyId(sealed);
  if (!key_id) return std::unexpected(key_id.error());
  std::shared_lock lock(mutex_);
  const auto found = tenants_.find(tenant);
  if (found == tenants_.end()) return NoKeys(tenant);
  const auto key = found->second.encryption.find(*key_id);
  if (key == found->second.encryption.end()) {
    return base::Fail(base::ErrorCode::kInternal, std::string(kOpenFailedMessage),
                      "unknown encryption key id " + std::to_string(*key_id) + " for tenant " +
                          std::to_string(tenant.value()));
  }
  return Open(key->second, *key_id, ad.Canonical(), sealed);
}

base::Result<std::optional<std::string>> KeyRing::EncryptOptional(
    base::TenantId tenant, const AssociatedData& ad, std::string_view plaintext) const {
  if (plaintext.empty()) return std::optional<std::string>();
  auto sealed = Encrypt(tenant, ad, plaintext);
  if (!sealed) return std::unexpected(sealed.error());
  return std::optional(std::move(*sealed));
}

base::Result<std::string> KeyRing::DecryptOptional(base::TenantId tenant, const AssociatedData& ad,
                                                   const std::optional<std::string>& sealed) const {
  if (!sealed) return std::string();
  return Decrypt(tenant, ad, *sealed);
}

base::Result<std::string> KeyRing::BlindIndex(base::TenantId tenant,
                                              std::string_view normalised_value) const {
  return BlindIndex(tenant, kIdentityNumberField, normalised_value);
}

base::Result<std::string> KeyRing::BlindIndex(base::TenantId tenant, std::string_view field,
                                              std::string_view normalised_value) const {
  EnsureSodium();
  // Tag, tenant and field are length-prefixed before the value, so no (field, value) pair can
  // produce the input of another, and the same value in another tenant hashes differently even
  // if two tenants ever shared a key.
  std::string input;
  AppendLengthPrefixed(input, kBlindIndexTag);
  AppendLengthPrefixed(input, std::to_string(tenant.value()));
  AppendLengthPrefixed(input, field);
  AppendLengthPrefixed(input, normalised_value);

  std::string out(kBlindIndexBytes, '\0');
  bool hashed = false;
  {
    std::shared_lock lock(mutex_);
    const auto found = tenants_.find(tenant);
    if (found != tenants_.end() && !found->second.blind_index.empty()) {
      const SecretBytes& key = found->second.blind_index;
      crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                         reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                         key.data(), key.size());
      hashed = true;
    }
  }
  // The input holds the identity number in plain text; do not leave it in freed heap memory.
  sodium_memzero(input.data(), input.size());
  if (!hashed) return NoKeys(tenant);
  return out;
}

std::optional<std::uint32_t> KeyRing::ActiveKeyId(base::TenantId tenant, KeyPurpose purpose) const {
  std::shared_lock lock(mutex_);
  const auto found = tenants_.find(tenant);
  if (found == tenants_.end()) return std::nullopt;
  if (purpose == KeyPurpose::kEncryption) {
    if (found->second.active_encryption == 0) return std::nullopt;
    return found->second.active_encryption;
  }
  if (found->second.blind_index_id == 0) return std::nullopt;
  return found->second.blind_index_id;
}

}  // namespace fyren::trust::crypto
