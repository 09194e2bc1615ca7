#include "trust/crypto/key_rotation.h"

#include <limits>
#include <vector>

#include "trust/crypto/aead.h"
#include "trust/crypto/data_keys.h"
#include "trust/crypto/encrypted_column_store.h"
#include "trust/crypto/key_store.h"

namespace fyren::trust::crypto {
namespace {

std::string Where(const EncryptedColumn& column, std::int64_t row_id) {
  return std::string(column.table) + "." + std::string(column.column) + " row " +
         std::to_string(row_id);
}

// One batch in one write transaction. Returns the last row id read, or nullopt at the end.
base::Result<std::optional<std::int64_t>> ReencryptBatch(storage::Database& db, const KeyRing& ring,
                                                         base::TenantId tenant,
                                                         const EncryptedColumn& column,
                                                         std::uint32_t active_key_id,
                                                         std::int64_t after_row_id, int batch_size,
                                                         ReencryptProgress& progress) {
  ReencryptProgress batch_progress = progress;
  auto last = db.Write([&](storage::Transaction& tx) -> base::Result<std::optional<std::int64_t>> {
    auto cells = EncryptedColumnStore::ReadBatch(tx, column, tenant, after_row_id, batch_size);
    if (!cells) return std::unexpected(cells.error());
    for (const EncryptedColumnStore::Cell& cell : *cells) {
      ++batch_progress.scanned;
      if (!cell.sealed) {
        ++batch_progress.already_current;
        continue;
      }
      auto key_id = SealedKeyId(*cell.sealed);
      if (!key_id) {
        return base::Fail(base::ErrorCode::kInternal, std::string(kOpenFailedMessage),
                          Where(column, cell.row_id) + ": " + key_id.error().detail);
      }
      if (*key_id == active_key_id) {
        ++batch_progress.already_current;
        continue;
      }
      const AssociatedData ad{
          .tenant = tenant, .table = column.table, .column = column.column, .row_id = cell.row_id};
      auto plaintext = ring.Decrypt(tenant, ad, *cell.sealed);
      if (!plaintext) {
        return base::Fail(base::ErrorCode::kInternal, std::string(kOpenFailedMessage),
                          Where(column, cell.row_id) + ": " + plaintext.error().detail);
      }
      auto resealed = ring.Encrypt(tenant, ad, *plaintext);
      Wipe(*plaintext);
      if (!resealed) return std::unexpected(resealed.error());
      auto replaced = EncryptedColumnStore::ReplaceIfUnchanged(tx, column, tenant, cell.row_id,
                                                               *cell.sealed, *resealed);
      if (!replaced) return std::unexpected(replaced.error());
      ++(*replaced ? batch_progress.reencrypted : batch_progress.changed_meanwhile);
    }
    if (static_cast<int>(cells->size()) < batch_size) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(cells->back().row_id);
  });
  // Counts only advance for committed batches, so the report matches the database.
  if (last) progress = batch_progress;
  return last;
}

}  // namespace

base::Result<MasterRotationReport> RotateMasterKey(storage::Database& db,
                                                   const MasterKey& old_master,
                                                   const MasterKey& new_master) {
  if (old_master.fingerprint() == new_master.fingerprint()) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      "The old and the new master key are the same key.");
  }
  return db.Write([&](storage::Transaction& tx) -> base::Result<MasterRotationReport> {
    auto keys = KeyStore::ListAll(tx);
    if (!keys) return std::unexpected(keys.error());
    MasterRotationReport report;
    for (const StoredDataKey& stored : *keys) {
      if (stored.master_key_id == new_master.fingerprint()) {
        ++report.already_current;
        continue;
      }
      if (stored.master_key_id != old_master.fingerprint()) {
        return base::Fail(base::ErrorCode::kInvalidInput,
                          "A data key is wrapped by master key " + stored.master_key_id +
                              ", which is neither the old nor the new key. Nothing was changed.",
                          "tenant " + std::to_string(stored.tenant.value()) + " key " +
                              std::to_string(stored.key_id));
      }
      auto data_key = UnwrapDataKey(old_master, stored);
      if (!data_key) return std::unexpected(data_key.error());
      auto wrapped =
          WrapDataKey(new_master, stored.tenant, stored.key_id, stored.purpose, *data_key);
      if (!wrapped) return std::unexpected(wrapped.error());
      if (auto updated = KeyStore::UpdateWrapping(tx, stored.tenant, stored.key_id, *wrapped,
                                                  new_master.fingerprint());
          !updated) {
        return std::unexpected(updated.error());
      }
      ++report.rewrapped;
    }
    return report;
  });
}

base::Result<ReencryptReport> ReencryptColumns(storage::Database& db, const KeyRing& ring,
                                               base::TenantId tenant,
                                               std::span<const EncryptedColumn> columns,
                                               const ReencryptOptions& options) {
  const auto active_key_id = ring.ActiveKeyId(tenant, KeyPurpose::kEncryption);
  if (!active_key_id) {
    return base::Fail(base::ErrorCode::kNotFound, "The tenant has no encryption key.",
                      "tenant " + std::to_string(tenant.value()));
  }
  const int batch_size = options.batch_size > 0 ? options.batch_size : 500;
  ReencryptProgress progress;
  for (const EncryptedColumn& column : columns) {
    progress.table = column.table;
    progress.column = column.column;
    std::optional<std::int64_t> after = std::numeric_limits<std::int64_t>::min();
    while (after) {
      auto last =
          ReencryptBatch(db, ring, tenant, column, *active_key_id, *after, batch_size, progress);
      if (!last) return std::unexpected(last.error());
      after = *last;
      if (options.after_batch) {
        if (auto go_on = options.after_batch(progress); !go_on) {
          return std::unexpected(go_on.error());
        }
      }
    }
  }
  return progress;
}

base::Result<DataKeyRotationReport> RotateDataKey(storage::Database& db, KeyRing& ring,
                                                  base::TenantId tenant,
                                                  std::span<const EncryptedColumn> columns,
                                                  const ReencryptOptions& options) {
  auto new_key_id = AddEncryptionKey(db, ring.master_key(), tenant);
  if (!new_key_id) return std::unexpected(new_key_id.error());
  if (auto reloaded = ring.Reload(db); !reloaded) return std::unexpected(reloaded.error());
  auto reencrypted = ReencryptColumns(db, ring, tenant, columns, options);
  if (!reencrypted) return std::unexpected(reencrypted.error());
  return DataKeyRotationReport{.new_key_id = *new_key_id, .reencrypt = *reencrypted};
}

}  // namespace fyren::trust::crypto
