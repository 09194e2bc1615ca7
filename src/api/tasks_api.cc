#include "api/tasks_api.h"

#include <nlohmann/json.hpp>

#include "api/json_io.h"
#include "api/signed_in_caller.h"
#include "http/error_mapping.h"

namespace fyren::api {
namespace {

constexpr std::string_view kTasksPurpose = "task_work";

http::Response Problem(const base::Error& error, std::string_view request_id) {
  return NoStore(http::ProblemJson(error, request_id));
}

http::Response Unauthenticated(std::string_view request_id) {
  return Problem(base::Error{.code = base::ErrorCode::kUnauthenticated,
                             .message = "Sign in first.",
                             .detail = {},
                             .field = {}},
                 request_id);
}

Json TaskJson(const tasks::InboxEntry& entry) {
  const tasks::InboxTask& task = entry.task;
  Json out{{"id", task.public_id},
           {"kind", task.kind},
           {"due_on", task.due_on},
           {"overdue", entry.overdue}};
  // The payload is codes and internal ids written by Fyren itself; pass it on as an object.
  Json payload = Json::parse(task.payload, nullptr, /*allow_exceptions=*/false);
  out["payload"] = payload.is_object() ? payload : Json::object();
  if (task.case_public_id && task.case_number) {
    out["case"] = Json{{"id", *task.case_public_id}, {"number", *task.case_number}};
  }
  return out;
}

}  // namespace

TasksApi::TasksApi(const tasks::TaskService& tasks, base::TenantId tenant)
    : tasks_(tasks), tenant_(tenant) {}

http::Response TasksApi::List(http::Request& request) const {
  const auto actor = SignedInCaller(tenant_, request, kTasksPurpose);
  if (!actor) return Unauthenticated(request.request_id);
  auto inbox = tasks_.ListMine(*actor);
  if (!inbox) return Problem(inbox.error(), request.request_id);
  Json items = Json::array();
  for (const tasks::InboxEntry& entry : inbox->entries) items.push_back(TaskJson(entry));
  const Json body{{"today", inbox->today}, {"tasks", std::move(items)}};
  return NoStore(
      http::Response::Json(200, body.dump(-1, ' ', false, Json::error_handler_t::replace)));
}

http::Response TasksApi::Done(http::Request& request) const {
  const auto actor = SignedInCaller(tenant_, request, kTasksPurpose);
  if (!actor) return Unauthenticated(request.request_id);
  // The session cookie rides along on any cross-site request; a cross-site form cannot send this
  // content type without a CORS preflight, which Fyren never grants.
  const std::string_view type = request.Header("content-type").value_or("");
  if (!type.starts_with("application/json")) {
    return NoStore(http::ProblemJson(415, "Unsupported Media Type",
                                     "Send the request with Content-Type: application/json.",
                                     request.request_id));
  }
  if (auto done = tasks_.MarkDone(*actor, request.PathParam("id")); !done) {
    return Problem(done.error(), request.request_id);
  }
  http::Response response;
  response.status = 204;
  return NoStore(std::move(response));
}

}  // namespace fyren::api
