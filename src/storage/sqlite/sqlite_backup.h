#pragma once

#include <string_view>

#include "base/result.h"

namespace fyren::storage::sqlite {

// Online backup of a live SQLite database for `fyren backup`: copies `source_path` into a new
// file `dest_path` with SQLite's backup API, in one read transaction, so the copy is consistent
// even while a server keeps writing (WAL readers do not block the writer). The copy is written to
// a temporary file beside `dest_path`, checked with PRAGMA quick_check, synced and only then
// given its final name, so `dest_path` is either absent or a complete backup.
//
// Failure: kInvalidInput when the source does not exist or `dest_path` already exists (a backup
// never overwrites another one); kUnavailable when the source stays locked past the busy
// timeout; kInternal for I/O errors or a copy that fails its check.
// Thread-safety: independent calls may run concurrently; it opens its own connections.
[[nodiscard]] base::Status BackupSqlite(std::string_view source_path, std::string_view dest_path);

enum class RestoreMode { kRefuseExisting, kOverwrite };

// `fyren restore`: copies the backup at `backup_path` into `target_path`. Run it only while no
// server uses `target_path`. The backup is checked (quick_check) before anything is written. With
// kRefuseExisting an existing target is kInvalidInput; with kOverwrite its content is replaced in
// one SQLite transaction, so an interrupted restore leaves the old database intact.
[[nodiscard]] base::Status RestoreSqlite(std::string_view backup_path, std::string_view target_path,
                                         RestoreMode mode);

}  // namespace fyren::storage::sqlite
