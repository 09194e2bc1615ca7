#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/message.h"

namespace fyren::http {

// Prometheus metrics for the HTTP layer, rendered in the text exposition format 0.0.4 for
// /metrics. No personal data can appear: requests are labelled only by route pattern (never the
// raw path, which holds ids), method and status from fixed sets.
//
//   fyren_http_requests_total{route,method,status}      counter
//   fyren_http_request_duration_seconds{route}           histogram, 0.0005 s .. 5 s
//
// plus whatever the application registers with AddCollector (database pool figures, server
// connection stats).
//
// Thread-safety: Record and Render may run concurrently from any thread. Record takes no lock:
// every route has fixed arrays of atomics, allocated in the constructor. AddCollector is for
// start-up wiring but is also safe later (it takes the collector mutex that Render takes).
class Metrics {
 public:
  // `route_patterns`: every pattern the router knows (duplicates are fine). Requests whose
  // route is empty or unknown are counted under "unmatched".
  explicit Metrics(const std::vector<std::string>& route_patterns);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Counts one finished request. Statuses outside the fixed set (kStatuses) count as "other".
  void Record(std::string_view route, Method method, int status, double duration_seconds);

  enum class Type { kGauge, kCounter };
  struct Sample {
    std::vector<std::pair<std::string, std::string>> labels;  // values are escaped on output
    double value = 0;
  };
  // Adds a metric family whose samples `collect` returns each time /metrics is rendered.
  // `collect` runs on the rendering thread and must be thread-safe and quick. Throws
  // std::invalid_argument for a name or label name that is not a valid Prometheus name (a
  // wiring error).
  void AddCollector(std::string name, std::string help, Type type,
                    std::function<std::vector<Sample>()> collect);
  // Shorthand for a single unlabelled gauge.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  // The whole exposition; serve it as "text/plain; version=0.0.4; charset=utf-8".
  [[nodiscard]] std::string Render() const;

  static constexpr std::array<int, 24> kStatuses = {200, 201, 204, 301, 302, 303, 304, 400,
                                                    401, 403, 404, 405, 408, 409, 412, 413,
                                                    415, 422, 428, 429, 431, 500, 503, 504};
  static constexpr std::array<double, 13> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  static constexpr std::size_t kMethods = static_cast<std::size_t>(Method::kOther) + 1;
  static constexpr std::size_t kStatusSlots = kStatuses.size() + 1;  // last: "other"

  struct RouteSeries {
    std::string pattern;
    std::array<std::atomic<std::uint64_t>, kMethods * kStatusSlots> requests{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};  // non-cumulative
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_nanoseconds{0};
  };
  struct Collector {
    std::string name;
    std::string help;
    Type type;
    std::function<std::vector<Sample>()> collect;
  };

  std::vector<std::unique_ptr<RouteSeries>> routes_;               // last one is "unmatched"
  std::unordered_map<std::string_view, std::size_t> route_index_;  // views into routes_
  mutable std::mutex collectors_mutex_;
  std::vector<Collector> collectors_;
};

}  // namespace fyren::http
