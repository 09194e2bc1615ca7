#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "domain/referral/consultation.h"
#include "storage/database.h"

namespace fyren::referral {

struct StoredConsultation {
  std::int64_t id = 0;
  std::string public_id;
  std::int64_t asker_user_id = 0;
  base::OrganisationId asker_unit;
  std::string question;               // sealed
  std::optional<std::string> answer;  // sealed
  std::optional<std::int64_t> answered_by;
  std::optional<std::int64_t> answered_at;
  std::int64_t created_at = 0;
};

// SQL for consultations (migrations/*/0010_concerns.sql), and nothing else. Every function runs
// inside the caller's transaction. Stateless.
class ConsultationStore {
 public:
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, base::TenantId tenant,
                                           const StoredConsultation& consultation);
  [[nodiscard]] static base::Result<std::optional<StoredConsultation>> Find(
      storage::Transaction& tx, base::TenantId tenant, std::string_view public_id);
  // The unit's questions, newest first (at most `limit`).
  [[nodiscard]] static base::Result<std::vector<ConsultationRow>> ListForUnit(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId unit, int limit);
  // Open questions first (oldest first), then answered ones (newest first), at most `limit`.
  [[nodiscard]] static base::Result<std::vector<ConsultationRow>> Inbox(storage::Transaction& tx,
                                                                        base::TenantId tenant,
                                                                        int limit);
  // Records the answer once; kConflict when it was already answered.
  [[nodiscard]] static base::Status Answer(storage::Transaction& tx, base::TenantId tenant,
                                           std::int64_t consultation_id,
                                           std::string_view sealed_answer, std::int64_t user_id,
                                           std::int64_t at_us);
};

}  // namespace fyren::referral
