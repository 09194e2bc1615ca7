#include "domain/tasks/task_store.h"

#include "base/random.h"

namespace fyren::tasks {
namespace {

using storage::Param;

constexpr std::string_view kInsert =
    "INSERT INTO tasks (tenant_id, task_id, public_id, user_id, kind, case_id, source_key, "
    "due_on, payload, state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10) "
    "ON CONFLICT (tenant_id, kind, source_key) DO NOTHING";

constexpr std::string_view kListOpen =
    "SELECT t.public_id, t.kind, t.due_on, t.payload, c.public_id, c.case_number, t.created_at "
    "FROM tasks t LEFT JOIN exit_cases c ON c.tenant_id = t.tenant_id AND c.case_id = t.case_id "
    "WHERE t.tenant_id = $1 AND t.user_id = $2 AND t.state = 'open' "
    "ORDER BY t.due_on, t.created_at, t.task_id LIMIT $3";

constexpr std::string_view kCountOpen =
    "SELECT COUNT(*) FROM tasks WHERE tenant_id = $1 AND user_id = $2 AND state = 'open'";

constexpr std::string_view kMarkDone =
    "UPDATE tasks SET state = 'done', done_at = $4, done_by = $3 "
    "WHERE tenant_id = $1 AND public_id = $2 AND user_id = $3 AND state = 'open'";

}  // namespace

base::Result<bool> TaskStore::Create(storage::Transaction& tx, base::TenantId tenant,
                                     const NewTask& task, std::int64_t now_us) {
  const std::string public_id = base::NewPublicId();
  auto inserted = tx.Execute(
      kInsert, {tenant.value(), base::NewRowId(), public_id, task.user_id, task.kind,
                Param(task.case_id), task.source_key, task.due_on, task.payload, now_us});
  if (!inserted) return std::unexpected(inserted.error());
  return *inserted == 1;
}

base::Status TaskStore::Notify(storage::Transaction& tx, base::TenantId tenant,
                               std::int64_t user_id, std::string_view kind,
                               std::optional<std::int64_t> case_id, std::string_view payload,
                               std::string_view due_on, std::int64_t now_us) {
  const NewTask task{.user_id = user_id,
                     .kind = std::string(kind),
                     .case_id = case_id,
                     .source_key = "notice:" + base::NewPublicId(),
                     .due_on = std::string(due_on),
                     .payload = std::string(payload)};
  auto created = Create(tx, tenant, task, now_us);
  if (!created) return std::unexpected(created.error());
  return base::Ok();
}

base::Result<std::vector<InboxTask>> TaskStore::ListOpenForUser(storage::Transaction& tx,
                                                                base::TenantId tenant,
                                                                std::int64_t user_id, int limit) {
  auto rows = tx.Query(kListOpen, {tenant.value(), user_id, limit});
  if (!rows) return std::unexpected(rows.error());
  std::vector<InboxTask> tasks;
  tasks.reserve(rows->size());
  for (const storage::Row& row : *rows) {
    tasks.push_back(InboxTask{.public_id = row.Text(0),
                              .kind = row.Text(1),
                              .due_on = row.Text(2),
                              .payload = row.Text(3),
                              .case_public_id = row.OptionalText(4),
                              .case_number = row.OptionalText(5),
                              .created_at = row.Int(6)});
  }
  return tasks;
}

base::Result<std::int64_t> TaskStore::CountOpenForUser(storage::Transaction& tx,
                                                       base::TenantId tenant,
                                                       std::int64_t user_id) {
  auto rows = tx.Query(kCountOpen, {tenant.value(), user_id});
  if (!rows) return std::unexpected(rows.error());
  return rows->at(0).Int(0);
}

base::Result<bool> TaskStore::MarkDone(storage::Transaction& tx, base::TenantId tenant,
                                       std::string_view public_id, std::int64_t user_id,
                                       std::int64_t now_us) {
  auto changed = tx.Execute(kMarkDone, {tenant.value(), public_id, user_id, now_us});
  if (!changed) return std::unexpected(changed.error());
  return *changed == 1;
}

}  // namespace fyren::tasks
