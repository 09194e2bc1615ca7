#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/tasks/task.h"
#include "storage/database.h"
#include "trust/actor.h"

namespace fyren::tasks {

struct InboxEntry {
  InboxTask task;
  bool overdue = false;  // due before today (Swedish date)
};

struct Inbox {
  std::string today;                // 'YYYY-MM-DD', Swedish date the list was made
  std::vector<InboxEntry> entries;  // overdue first, then by due date
};

// The signed-in user's own tasks (issue 4 §5). A task is only its assignee's: another user's
// task id is kNotFound with the same text as a missing one.
//
// Nothing here reads or shows personal data: a task holds a kind, a due date, codes and the
// case's number. So these reads are not audited; opening the case is, by the exit-case service.
// Every method takes the acting user first and decides access (any signed-in user, for their own
// tasks). Thread-safe.
class TaskService {
 public:
  // The most tasks one inbox lists; more would not be read anyway.
  static constexpr int kInboxLimit = 200;

  TaskService(storage::Database& db, const base::Clock& clock);

  [[nodiscard]] base::Result<Inbox> ListMine(const trust::Actor& actor) const;
  [[nodiscard]] base::Result<std::int64_t> CountMine(const trust::Actor& actor) const;
  // Marks the actor's own open task done. kNotFound when there is no such open task of theirs.
  [[nodiscard]] base::Status MarkDone(const trust::Actor& actor,
                                      std::string_view task_public_id) const;

 private:
  storage::Database& db_;
  const base::Clock& clock_;
};

}  // namespace fyren::tasks
