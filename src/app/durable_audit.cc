#include "app/durable_audit.h"

#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "base/log.h"
#include "http/error_mapping.h"
#include "trust/audit/audit_log.h"

namespace fyren::app {
namespace {

// Meets the audit writer (which learns the outcome) and the server (which brings the function
// that sends the response), in whichever order they come.
class Release {
 public:
  void Outcome(int failure_status) {
    std::function<void(int)> send;
    {
      std::lock_guard lock(mu_);
      if (!send_) {
        failure_status_ = failure_status;
        return;
      }
      send = std::move(send_);
    }
    send(failure_status);
  }

  void When(std::function<void(int)> send) {
    std::optional<int> known;
    {
      std::lock_guard lock(mu_);
      if (!failure_status_) {
        send_ = std::move(send);
        return;
      }
      known = failure_status_;
    }
    send(*known);
  }

 private:
  std::mutex mu_;
  std::optional<int> failure_status_;
  std::function<void(int)> send_;
};

int FailureStatus(const base::Status& durable, const std::string& request_id,
                  const std::string& route) {
  if (durable) return 0;
  const int status = http::HttpStatus(durable.error());
  base::log::Write(base::log::Level::kError, "audit_append_failed",
                   {{"request_id", request_id},
                    {"route", route},
                    {"code", base::ToString(durable.error().code)},
                    {"status", status},
                    {"detail", durable.error().detail}});
  return status;
}

}  // namespace

http::Response RunWithDurableAudit(const http::Handler& handler, http::Request& request) {
  trust::audit::DeferredAppends audits;
  http::Response response = handler(request);
  if (audits.pending() == 0) return response;
  auto release = std::make_shared<Release>();
  audits.ThenCall([release, request_id = request.request_id,
                   route = request.route](const base::Status& durable) {
    release->Outcome(FailureStatus(durable, request_id, route));
  });
  response.hold = [release](std::function<void(int)> send) { release->When(std::move(send)); };
  return response;
}

}  // namespace fyren::app
