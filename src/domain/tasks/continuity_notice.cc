#include "domain/tasks/continuity_notice.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/swedish_time.h"
#include "domain/tasks/task.h"
#include "domain/tasks/task_store.h"

namespace fyren::tasks {

base::Status NotifyContinuity(storage::Transaction& tx, base::TenantId tenant,
                              std::span<const std::int64_t> user_ids,
                              const ContinuityNotice& notice, std::int64_t now_us) {
  std::vector<std::int64_t> users(user_ids.begin(), user_ids.end());
  std::sort(users.begin(), users.end());
  users.erase(std::unique(users.begin(), users.end()), users.end());
  const std::string payload = nlohmann::json{
      {"intervention_key", notice.intervention_key},
      {"catalogue_code", notice.catalogue_code},
      {"new_status", notice.new_status},
      {"reason_code",
       notice.reason_code}}.dump();
  const std::string today = base::FormatSwedishDate(now_us);
  for (const std::int64_t user : users) {
    if (auto ok = TaskStore::Notify(tx, tenant, user, kKindContinuityGuard, notice.case_id, payload,
                                    today, now_us);
        !ok) {
      return ok;
    }
  }
  return base::Ok();
}

}  // namespace fyren::tasks
