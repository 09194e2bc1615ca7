#include "trust/crypto/key_store.h"

#include <limits>

namespace fyren::trust::crypto {
namespace {

constexpr std::string_view kSelectAll =
    "SELECT tenant_id, key_id, purpose, wrapped_key, master_key_id, created_at, retired_at "
    "FROM data_keys ORDER BY tenant_id, key_id";

constexpr std::string_view kSelectForTenant =
    "SELECT tenant_id, key_id, purpose, wrapped_key, master_key_id, created_at, retired_at "
    "FROM data_keys WHERE tenant_id = $1 ORDER BY key_id";

constexpr std::string_view kSelectMaxKeyId =
    "SELECT COALESCE(MAX(key_id), 0) FROM data_keys WHERE tenant_id = $1";

constexpr std::string_view kInsert =
    "INSERT INTO data_keys (tenant_id, key_id, purpose, wrapped_key, master_key_id, created_at, "
    "retired_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";

constexpr std::string_view kRetire =
    "UPDATE data_keys SET retired_at = $3 "
    "WHERE tenant_id = $1 AND key_id = $2 AND retired_at IS NULL";

constexpr std::string_view kUpdateWrapping =
    "UPDATE data_keys SET wrapped_key = $3, master_key_id = $4 WHERE tenant_id = $1 AND key_id = "
    "$2";

base::Result<StoredDataKey> FromRow(const storage::Row& row) {
  const std::int64_t key_id = row.Int(1);
  const auto purpose = ParseKeyPurpose(row.Text(2));
  if (!purpose || key_id < 1 || key_id > std::numeric_limits<std::uint32_t>::max()) {
    return base::Fail(base::ErrorCode::kInternal, "Stored key data is inconsistent.",
                      "data_keys row with unknown purpose or key id out of range, tenant " +
                          std::to_string(row.Int(0)));
  }
  return StoredDataKey{.tenant = base::TenantId(row.Int(0)),
                       .key_id = static_cast<std::uint32_t>(key_id),
                       .purpose = *purpose,
                       .wrapped_key = row.Bytes(3),
                       .master_key_id = row.Text(4),
                       .created_at = row.Int(5),
                       .retired_at = row.OptionalInt(6)};
}

base::Result<std::vector<StoredDataKey>> FromRows(const storage::Rows& rows) {
  std::vector<StoredDataKey> out;
  out.reserve(rows.size());
  for (const storage::Row& row : rows) {
    auto key = FromRow(row);
    if (!key) return std::unexpected(key.error());
    out.push_back(std::move(*key));
  }
  return out;
}

}  // namespace

std::string_view ToString(KeyPurpose purpose) {
  switch (purpose) {
    case KeyPurpose::kEncryption:
      return "encryption";
    case KeyPurpose::kBlindIndex:
      return "blind_index";
  }
  return "unknown";
}

std::optional<KeyPurpose> ParseKeyPurpose(std::string_view text) {
  if (text == "encryption") return KeyPurpose::kEncryption;
  if (text == "blind_index") return KeyPurpose::kBlindIndex;
  return std::nullopt;
}

base::Result<std::vector<StoredDataKey>> KeyStore::ListAll(storage::Transaction& tx) {
  auto rows = tx.Query(kSelectAll);
  if (!rows) return std::unexpected(rows.error());
  return FromRows(*rows);
}

base::Result<std::vector<StoredDataKey>> KeyStore::ListForTenant(storage::Transaction& tx,
                                                                 base::TenantId tenant) {
  auto rows = tx.Query(kSelectForTenant, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  return FromRows(*rows);
}

base::Result<std::uint32_t> KeyStore::NextKeyId(storage::Transaction& tx, base::TenantId tenant) {
  auto rows = tx.Query(kSelectMaxKeyId, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  const std::int64_t highest = (*rows)[0].Int(0);
  if (highest >= std::numeric_limits<std::uint32_t>::max()) {
    return base::Fail(
        base::ErrorCode::kInternal, "No more key ids are available.",
        "data_keys key id space exhausted for tenant " + std::to_string(tenant.value()));
  }
  return static_cast<std::uint32_t>(highest + 1);
}

base::Status KeyStore::Insert(storage::Transaction& tx, const StoredDataKey& key) {
  auto inserted = tx.Execute(kInsert, {key.tenant.value(), static_cast<std::int64_t>(key.key_id),
                                       ToString(key.purpose), storage::BlobView{key.wrapped_key},
                                       key.master_key_id, key.created_at, key.retired_at});
  if (!inserted) return std::unexpected(inserted.error());
  return base::Ok();
}

base::Status KeyStore::Retire(storage::Transaction& tx, base::TenantId tenant, std::uint32_t key_id,
                              std::int64_t at) {
  auto changed = tx.Execute(kRetire, {tenant.value(), static_cast<std::int64_t>(key_id), at});
  if (!changed) return std::unexpected(changed.error());
  if (*changed != 1) {
    return base::Fail(base::ErrorCode::kNotFound, "The key is not active.",
                      "data_keys retire found no active key " + std::to_string(key_id));
  }
  return base::Ok();
}

base::Status KeyStore::UpdateWrapping(storage::Transaction& tx, base::TenantId tenant,
                                      std::uint32_t key_id, std::string_view wrapped_key,
                                      std::string_view master_key_id) {
  auto changed = tx.Execute(kUpdateWrapping, {tenant.value(), static_cast<std::int64_t>(key_id),
                                              storage::BlobView{wrapped_key}, master_key_id});
  if (!changed) return std::unexpected(changed.error());
  if (*changed != 1) {
    return base::Fail(base::ErrorCode::kNotFound, "The key does not exist.",
                      "data_keys rewrap found no key " + std::to_string(key_id));
  }
  return base::Ok();
}

}  // namespace fyren::trust::crypto
