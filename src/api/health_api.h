#pragma once

#include <functional>
#include <string>
#include <utility>

#include "http/message.h"
#include "storage/database.h"

namespace fyren::api {

// Operational endpoints for load balancers and monitoring. None of them touches personal data.
// Thread-safe; the references must outlive the object.
class HealthApi {
 public:
  // `render_metrics` returns the Prometheus exposition (http::Metrics::Render); a function rather
  // than the Metrics object because the metrics are sized from the route table, which in turn
  // routes to this object.
  HealthApi(storage::Database& db, int schema_version, std::function<std::string()> render_metrics)
      : db_(db), schema_version_(schema_version), render_metrics_(std::move(render_metrics)) {}

  // GET /healthz: the process answers. No database access, so it stays cheap under load.
  [[nodiscard]] static http::Response Live(http::Request& request);
  // GET /readyz: 200 when the database answers and its schema is the one this binary knows;
  // else 503 problem+json, so a load balancer takes this server out until the database is back.
  [[nodiscard]] http::Response Ready(http::Request& request) const;
  // GET /metrics: Prometheus text.
  [[nodiscard]] http::Response Metrics(http::Request& request) const;

 private:
  storage::Database& db_;
  int schema_version_;
  std::function<std::string()> render_metrics_;
};

}  // namespace fyren::api
