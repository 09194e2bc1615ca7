#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/crypto/encrypted_column.h"
#include "trust/crypto/key_ring.h"
#include "trust/crypto/master_key.h"

namespace fyren::trust::crypto {

// Key rotation for `fyren keys rotate` (docs/decisions/0004-envelope-encryption.md). Thread-safe
// in the sense that every function runs its own transactions; run one rotation at a time.

struct MasterRotationReport {
  int rewrapped = 0;        // data keys moved from the old to the new master key
  int already_current = 0;  // data keys already wrapped by the new master key (a repeated run)
};

// Re-wraps every data key of every tenant from `old_master` to `new_master` in ONE write
// transaction: afterwards all keys are under the new master key, or (on any failure) all are
// unchanged. Idempotent: keys already under the new master are counted and left alone. The data
// keys themselves do not change, so no column needs re-encrypting and running servers keep
// working until restarted with the new key file.
// Failure: kInvalidInput when both keys are the same, or when a data key is wrapped by a master
// key that is neither (message names its fingerprint); kInternal when a wrapped key fails
// authentication.
[[nodiscard]] base::Result<MasterRotationReport> RotateMasterKey(storage::Database& db,
                                                                 const MasterKey& old_master,
                                                                 const MasterKey& new_master);

// Progress of ReencryptColumns, reported after each committed batch.
struct ReencryptProgress {
  std::string_view table;
  std::string_view column;
  std::int64_t scanned = 0;            // rows read so far, all columns
  std::int64_t reencrypted = 0;        // rows moved to the active key
  std::int64_t already_current = 0;    // rows already under the active key (or NULL)
  std::int64_t changed_meanwhile = 0;  // rows a user changed between read and write; left as is
};

struct ReencryptOptions {
  int batch_size = 500;  // rows per write transaction
  // Called after each committed batch (progress output for the CLI). An error stops the run and is
  // returned; the batches committed so far stay, and a later run resumes where it left off.
  std::function<base::Status(const ReencryptProgress&)> after_batch;
};

using ReencryptReport = ReencryptProgress;

// Re-encrypts every non-NULL value of `columns` for `tenant` that is not sealed with the ring's
// active encryption key: read a batch, open with the key named in each value, seal with the active
// key, write back only if the value is unchanged; one write transaction per batch. Safe to stop
// and run again: values already under the active key are skipped, so a run after a failure
// resumes with no double work beyond one rescan. Values written by a server that still had the
// old key loaded are caught by running it again after every server has reloaded.
// Failure: a value that fails to open is kInternal (detail names table, column and row id), and
// the run stops there.
[[nodiscard]] base::Result<ReencryptReport> ReencryptColumns(
    storage::Database& db, const KeyRing& ring, base::TenantId tenant,
    std::span<const EncryptedColumn> columns, const ReencryptOptions& options = {});

struct DataKeyRotationReport {
  std::uint32_t new_key_id = 0;
  ReencryptReport reencrypt;
};

// Data-key rotation for one tenant: AddEncryptionKey (retire the active encryption key, add a new
// one), reload `ring`, then ReencryptColumns. If re-encryption stops part-way the new key is
// already active; finish with ReencryptColumns (not a second RotateDataKey, which would start yet
// another key). The blind-index key is deliberately NOT rotated here: every stored blind index
// would have to be recomputed from the decrypted values in the same step (see the ADR).
[[nodiscard]] base::Result<DataKeyRotationReport> RotateDataKey(
    storage::Database& db, KeyRing& ring, base::TenantId tenant,
    std::span<const EncryptedColumn> columns, const ReencryptOptions& options = {});

}  // namespace fyren::trust::crypto
