#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "domain/tasks/task.h"
#include "storage/database.h"

namespace fyren::tasks {

// SQL for the tasks table (migrations/*/0012_tasks.sql). Every function runs in the caller's
// transaction and is scoped by tenant; none decides access (TaskService and the callers do).
// Failures: database errors pass through.
class TaskStore {
 public:
  // Creates `task` unless a task with the same kind and source key exists in the tenant
  // (INSERT ... ON CONFLICT DO NOTHING, so two servers racing create it once). Returns whether
  // a task was created. Meant to run in the transaction of the change that causes it.
  [[nodiscard]] static base::Result<bool> Create(storage::Transaction& tx, base::TenantId tenant,
                                                 const NewTask& task, std::int64_t now_us);

  // A one-off notice to `user_id` (e.g. a continuity-guard event from a SIP save), due on
  // `due_on`, with a source key of its own: every call creates a task.
  [[nodiscard]] static base::Status Notify(storage::Transaction& tx, base::TenantId tenant,
                                           std::int64_t user_id, std::string_view kind,
                                           std::optional<std::int64_t> case_id,
                                           std::string_view payload, std::string_view due_on,
                                           std::int64_t now_us);

  // The open tasks of `user_id`, by due date (overdue ones first, since dates sort as text),
  // then oldest first; at most `limit`.
  [[nodiscard]] static base::Result<std::vector<InboxTask>> ListOpenForUser(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t user_id, int limit);
  [[nodiscard]] static base::Result<std::int64_t> CountOpenForUser(storage::Transaction& tx,
                                                                   base::TenantId tenant,
                                                                   std::int64_t user_id);

  // Marks `user_id`'s open task `public_id` done. Returns false when there is no such open task
  // assigned to that user (missing, someone else's, or already done: the caller cannot tell
  // which, so another user's task is indistinguishable from a missing one).
  [[nodiscard]] static base::Result<bool> MarkDone(storage::Transaction& tx, base::TenantId tenant,
                                                   std::string_view public_id, std::int64_t user_id,
                                                   std::int64_t now_us);
};

}  // namespace fyren::tasks
