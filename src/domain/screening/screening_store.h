#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::screening {

// A screenings row as stored (migrations/*/0009_screenings.sql). `answers` is ciphertext: the
// store never sees plaintext answers; the service seals and opens them.
struct StoredScreening {
  std::int64_t id = 0;
  std::string public_id;
  base::OrganisationId owning_authority;
  base::OrganisationId unit;
  std::int64_t recorded_by = 0;
  std::optional<std::int64_t> person_id;
  std::optional<std::string> person_public_id;  // read only (joined from persons)
  std::optional<std::string> age_band;
  std::optional<std::string> gender;
  std::optional<std::string> setting;
  std::string subject_kind;
  std::string instrument_id;
  std::int32_t instrument_version = 1;
  std::int32_t score = 0;
  std::string level;
  std::string answers;
  std::int64_t recorded_at = 0;
};

// SQL for the screenings table. Every function runs in the caller's transaction and is scoped by
// tenant; none decides access. Database errors pass through.
class ScreeningStore {
 public:
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, base::TenantId tenant,
                                           const StoredScreening& screening);
  // nullopt when the tenant has no screening with this public id.
  [[nodiscard]] static base::Result<std::optional<StoredScreening>> Find(
      storage::Transaction& tx, base::TenantId tenant, std::string_view public_id);
  // Screenings recorded by `user_id`, newest first, at most `limit`.
  [[nodiscard]] static base::Result<std::vector<StoredScreening>> ListRecordedBy(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t user_id, int limit);
  // Screenings of `person_id`, newest first, at most `limit`.
  [[nodiscard]] static base::Result<std::vector<StoredScreening>> ListForPerson(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t person_id, int limit);
  // How many screenings the tenant has (the demo loader runs only when there are none).
  [[nodiscard]] static base::Result<std::int64_t> Count(storage::Transaction& tx,
                                                        base::TenantId tenant);
};

}  // namespace fyren::screening
