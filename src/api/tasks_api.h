#pragma once

#include "base/ids.h"
#include "domain/tasks/task_service.h"
#include "http/message.h"

namespace fyren::api {

// /api/v1/tasks: the signed-in user's own open tasks (issue 4 §5), over the same TaskService as
// the inbox page. A task is only its assignee's: another user's task id is the same 404 as a
// missing one. Tasks hold no personal data (kind, due date, case number, codes and ids), so reads
// are not audited. Answers carry Cache-Control: no-store. Thread-safe; the references must
// outlive it.
class TasksApi {
 public:
  TasksApi(const tasks::TaskService& tasks, base::TenantId tenant);

  // GET /api/v1/tasks: {today, tasks: [{id, kind, due_on, overdue, case?: {id, number},
  // payload}]}, overdue first.
  [[nodiscard]] http::Response List(http::Request& request) const;
  // POST /api/v1/tasks/{id}/done (Content-Type: application/json, else 415): 204; 404 when the
  // caller has no such open task.
  [[nodiscard]] http::Response Done(http::Request& request) const;

 private:
  const tasks::TaskService& tasks_;
  base::TenantId tenant_;
};

}  // namespace fyren::api
