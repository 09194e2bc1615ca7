#include "trust/crypto/data_keys.h"

#include <algorithm>
#include <chrono>

#include "base/clock.h"
#include "trust/crypto/aead.h"

namespace fyren::trust::crypto {
namespace {

constexpr std::string_view kDataKeysTable = "data_keys";

std::string WrapAssociatedData(base::TenantId tenant, std::uint32_t key_id, KeyPurpose purpose) {
  return AssociatedData{.tenant = tenant,
                        .table = kDataKeysTable,
                        .column = ToString(purpose),
                        .row_id = static_cast<std::int64_t>(key_id)}
      .Canonical();
}

std::int64_t NowMicros() { return base::ToUnixMicros(std::chrono::system_clock::now()); }

base::Result<StoredDataKey> NewKey(storage::Transaction& tx, const MasterKey& master,
                                   base::TenantId tenant, KeyPurpose purpose) {
  auto key_id = KeyStore::NextKeyId(tx, tenant);
  if (!key_id) return std::unexpected(key_id.error());
  const SecretBytes data_key = SecretBytes::Random(kKeyBytes);
  auto wrapped = WrapDataKey(master, tenant, *key_id, purpose, data_key);
  if (!wrapped) return std::unexpected(wrapped.error());
  StoredDataKey stored{.tenant = tenant,
                       .key_id = *key_id,
                       .purpose = purpose,
                       .wrapped_key = std::move(*wrapped),
                       .master_key_id = master.fingerprint(),
                       .created_at = NowMicros(),
                       .retired_at = std::nullopt};
  if (auto inserted = KeyStore::Insert(tx, stored); !inserted) {
    return std::unexpected(inserted.error());
  }
  return stored;
}

}  // namespace

base::Result<std::string> WrapDataKey(const MasterKey& master, base::TenantId tenant,
                                      std::uint32_t key_id, KeyPurpose purpose,
                                      const SecretBytes& data_key) {
  const std::string_view plaintext(reinterpret_cast<const char*>(data_key.data()), data_key.size());
  return Seal(master.key(), master.id(), WrapAssociatedData(tenant, key_id, purpose), plaintext);
}

base::Result<SecretBytes> UnwrapDataKey(const MasterKey& master, const StoredDataKey& stored) {
  if (stored.master_key_id != master.fingerprint()) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      "The data keys were wrapped by master key " + stored.master_key_id +
                          ", but the loaded master key is " + master.fingerprint() +
                          ". Check the master key file.",
                      "tenant " + std::to_string(stored.tenant.value()) + " key " +
                          std::to_string(stored.key_id));
  }
  auto key = OpenSecret(master.key(), master.id(),
                        WrapAssociatedData(stored.tenant, stored.key_id, stored.purpose),
                        stored.wrapped_key);
  if (!key) {
    return base::Fail(base::ErrorCode::kInternal, "A stored data key could not be unwrapped.",
                      "tenant " + std::to_string(stored.tenant.value()) + " key " +
                          std::to_string(stored.key_id) + ": " + key.error().detail);
  }
  if (key->size() != kKeyBytes) {
    return base::Fail(base::ErrorCode::kInternal, "A stored data key could not be unwrapped.",
                      "unwrapped data key has the wrong size");
  }
  return std::move(*key);
}

base::Result<int> EnsureTenantKeys(storage::Transaction& tx, const MasterKey& master,
                                   base::TenantId tenant) {
  auto existing = KeyStore::ListForTenant(tx, tenant);
  if (!existing) return std::unexpected(existing.error());
  int created = 0;
  for (const KeyPurpose purpose : {KeyPurpose::kEncryption, KeyPurpose::kBlindIndex}) {
    const bool has_active =
        std::any_of(existing->begin(), existing->end(),
                    [&](const StoredDataKey& k) { return k.purpose == purpose && k.active(); });
    if (has_active) continue;
    auto added = NewKey(tx, master, tenant, purpose);
    if (!added) return std::unexpected(added.error());
    ++created;
  }
  return created;
}

base::Result<int> EnsureTenantKeys(storage::Database& db, const MasterKey& master,
                                   base::TenantId tenant) {
  auto attempt = [&] {
    return db.Write([&](storage::Transaction& tx) { return EnsureTenantKeys(tx, master, tenant); });
  };
  auto created = attempt();
  if (!created && created.error().code == base::ErrorCode::kConflict) created = attempt();
  return created;
}

base::Result<std::uint32_t> AddEncryptionKey(storage::Database& db, const MasterKey& master,
                                             base::TenantId tenant) {
  return db.Write([&](storage::Transaction& tx) -> base::Result<std::uint32_t> {
    auto existing = KeyStore::ListForTenant(tx, tenant);
    if (!existing) return std::unexpected(existing.error());
    const auto active = std::find_if(existing->begin(), existing->end(), [](const auto& k) {
      return k.purpose == KeyPurpose::kEncryption && k.active();
    });
    if (active == existing->end()) {
      return base::Fail(base::ErrorCode::kNotFound,
                        "The tenant has no encryption key yet; run fyren keys init first.",
                        "tenant " + std::to_string(tenant.value()));
    }
    // The old key must be retired before the new one is inserted: the unique index allows only
    // one active key per tenant and purpose, and both steps commit together.
    if (auto retired = KeyStore::Retire(tx, tenant, active->key_id, NowMicros()); !retired) {
      return std::unexpected(retired.error());
    }
    auto added = NewKey(tx, master, tenant, KeyPurpose::kEncryption);
    if (!added) return std::unexpected(added.error());
    return added->key_id;
  });
}

}  // namespace fyren::trust::crypto
