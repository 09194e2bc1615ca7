#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "domain/support_directory/support_directory.h"
#include "storage/database.h"

namespace fyren::support_directory {

// SQL for the support directory (migrations/*/0011_support_directory.sql). Every function runs
// inside the caller's transaction and is scoped by tenant; none decides access.
class SupportDirectoryStore {
 public:
  // Every entry of the tenant with its texts, hidden ones included, unordered.
  [[nodiscard]] static base::Result<std::vector<DirectoryEntry>> ListAll(storage::Transaction& tx,
                                                                         base::TenantId tenant);
  [[nodiscard]] static base::Result<std::optional<DirectoryEntry>> FindByPublicId(
      storage::Transaction& tx, base::TenantId tenant, std::string_view public_id);
  // The tenant's DirectoryFingerprint, computed in the database (one row back).
  [[nodiscard]] static base::Result<DirectoryFingerprint> Fingerprint(storage::Transaction& tx,
                                                                      base::TenantId tenant);
  [[nodiscard]] static base::Result<std::int64_t> Count(storage::Transaction& tx,
                                                        base::TenantId tenant);
  // Inserts `entry` (id, public id and key set) with version 1 and its texts.
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, base::TenantId tenant,
                                           const DirectoryEntry& entry, std::int64_t now_us);
  // Replaces the entry's fields and texts when it still has `expected_version` and bumps the
  // version; kConflict when it does not (storage/optimistic.h).
  [[nodiscard]] static base::Status Update(storage::Transaction& tx, base::TenantId tenant,
                                           std::int64_t entry_id, const EntryDraft& draft,
                                           std::int64_t expected_version, std::int64_t now_us);
  // Shows or hides the entry, with the same version check.
  [[nodiscard]] static base::Status SetVisible(storage::Transaction& tx, base::TenantId tenant,
                                               std::int64_t entry_id, bool visible,
                                               std::int64_t expected_version, std::int64_t now_us);
};

}  // namespace fyren::support_directory
