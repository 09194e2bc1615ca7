#include "domain/tasks/task_service.h"

#include "base/random.h"
#include "base/swedish_time.h"
#include "domain/tasks/task_store.h"
#include "trust/access/access_policy.h"

namespace fyren::tasks {
namespace {

using trust::access::Permission;

// Same text for missing, someone else's and already done: a task id reveals nothing.
base::Status NoSuchTask() {
  return base::Fail(base::ErrorCode::kNotFound, "There is no such task.");
}

base::Status Allowed(const trust::Actor& actor, base::TimePoint now) {
  return trust::access::Decide(actor, Permission::kSignedIn, nullptr, now).AsStatus();
}

}  // namespace

TaskService::TaskService(storage::Database& db, const base::Clock& clock)
    : db_(db), clock_(clock) {}

base::Result<Inbox> TaskService::ListMine(const trust::Actor& actor) const {
  const base::TimePoint now = clock_.Now();
  if (auto allowed = Allowed(actor, now); !allowed) return std::unexpected(allowed.error());
  auto tasks = db_.Read([&](storage::Transaction& tx) {
    return TaskStore::ListOpenForUser(tx, actor.tenant, *actor.user_id, kInboxLimit);
  });
  if (!tasks) return std::unexpected(tasks.error());
  Inbox inbox;
  inbox.today = base::FormatSwedishDate(base::ToUnixMicros(now));
  inbox.entries.reserve(tasks->size());
  for (InboxTask& task : *tasks) {
    const bool overdue = task.due_on < inbox.today;
    inbox.entries.push_back(InboxEntry{.task = std::move(task), .overdue = overdue});
  }
  return inbox;
}

base::Result<std::int64_t> TaskService::CountMine(const trust::Actor& actor) const {
  if (auto allowed = Allowed(actor, clock_.Now()); !allowed) {
    return std::unexpected(allowed.error());
  }
  return db_.Read([&](storage::Transaction& tx) {
    return TaskStore::CountOpenForUser(tx, actor.tenant, *actor.user_id);
  });
}

base::Status TaskService::MarkDone(const trust::Actor& actor,
                                   std::string_view task_public_id) const {
  const base::TimePoint now = clock_.Now();
  if (auto allowed = Allowed(actor, now); !allowed) return allowed;
  if (!base::IsPublicId(task_public_id)) return NoSuchTask();
  return db_.Write([&](storage::Transaction& tx) -> base::Status {
    auto done = TaskStore::MarkDone(tx, actor.tenant, task_public_id, *actor.user_id,
                                    base::ToUnixMicros(now));
    if (!done) return std::unexpected(done.error());
    if (!*done) return NoSuchTask();
    return base::Ok();
  });
}

}  // namespace fyren::tasks
