#include "api/health_api.h"

#include "http/error_mapping.h"
#include "http/metrics.h"
#include "storage/migrator.h"

namespace fyren::api {

http::Response HealthApi::Live(http::Request& /*request*/) {
  return http::Response::Text(200, "ok\n");
}

http::Response HealthApi::Ready(http::Request& request) const {
  if (auto ok = db_.Ping(); !ok) return http::ProblemJson(ok.error(), request.request_id);
  if (auto ok = storage::CheckSchema(db_, schema_version_); !ok) {
    return http::ProblemJson(ok.error(), request.request_id);
  }
  return http::Response::Text(200, "ready\n");
}

http::Response HealthApi::Metrics(http::Request& /*request*/) const {
  http::Response response{.status = 200, .headers = {}, .body = render_metrics_(), .hold = {}};
  response.SetHeader("Content-Type", http::Metrics::kContentType);
  return response;
}

}  // namespace fyren::api
