#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::tasks {

// One continuity-guard event of a SIP save (src/domain/sip/continuity_guard.h), as codes and ids:
// what the notice task carries. No free text.
struct ContinuityNotice {
  std::int64_t case_id = 0;
  std::string intervention_key;
  std::string catalogue_code;
  std::string new_status;   // ended | refused | paused | removed
  std::string reason_code;  // may be empty
};

// Puts a continuity_guard task, due today (Swedish date of `now_us`), in the inbox of each of
// `user_ids` (duplicates once: the coordinator is often also the overall responsible). Meant for
// the SIP service, inside the transaction that saves the plan, so the notice and the change are
// written together or not at all. Failures: the database's.
[[nodiscard]] base::Status NotifyContinuity(storage::Transaction& tx, base::TenantId tenant,
                                            std::span<const std::int64_t> user_ids,
                                            const ContinuityNotice& notice, std::int64_t now_us);

}  // namespace fyren::tasks
