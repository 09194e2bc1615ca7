#include "http/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace fyren::http {
namespace {

constexpr std::string_view kUnmatched = "unmatched";

bool IsMetricName(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allow_colon && c == ':');
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return !name.starts_with("__");
}

void AppendDouble(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else {
    // Plain decimals where they stay short ("0.0005", not "5e-04"), so bucket labels read the
    // way people write them; the shortest round-trip form elsewhere.
    char buffer[64];
    const double magnitude = std::fabs(value);
    const bool plain = magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e15);
    const auto result =
        plain ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
              : std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
  }
}

void AppendUnsigned(std::string& out, std::uint64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

// Label values escape backslash, double quote and line feed; HELP text escapes backslash and
// line feed (exposition format 0.0.4).
void AppendEscaped(std::string& out, std::string_view text, bool is_label_value) {
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && is_label_value) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

void AppendFamilyHeader(std::string& out, std::string_view name, std::string_view help,
                        std::string_view type) {
  out.append("# HELP ").append(name).append(" ");
  AppendEscaped(out, help, false);
  out.append("\n# TYPE ").append(name).append(" ").append(type).append("\n");
}

std::size_t StatusSlot(int status) {
  const auto it = std::find(Metrics::kStatuses.begin(), Metrics::kStatuses.end(), status);
  return static_cast<std::size_t>(it - Metrics::kStatuses.begin());  // size() when not found
}

}  // namespace

Metrics::Metrics(const std::vector<std::string>& route_patterns) {
  for (const std::string& pattern : route_patterns) {
    if (route_index_.contains(pattern) || pattern == kUnmatched) continue;
    routes_.push_back(std::make_unique<RouteSeries>());
    routes_.back()->pattern = pattern;
    route_index_.emplace(routes_.back()->pattern, routes_.size() - 1);
  }
  routes_.push_back(std::make_unique<RouteSeries>());
  routes_.back()->pattern = kUnmatched;
}

Metrics::~Metrics() = default;

void Metrics::Record(std::string_view route, Method method, int status, double duration_seconds) {
  const auto it = route_index_.find(route);
  RouteSeries& series = *routes_[it == route_index_.end() ? routes_.size() - 1 : it->second];
  const std::size_t slot = static_cast<std::size_t>(method) * kStatusSlots + StatusSlot(status);
  series.requests[slot].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::isfinite(duration_seconds) ? std::max(0.0, duration_seconds) : 0.0;
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin());
  if (bucket < kBuckets.size()) series.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  series.count.fetch_add(1, std::memory_order_relaxed);
  series.sum_nanoseconds.fetch_add(static_cast<std::uint64_t>(std::min(seconds, 1e9) * 1e9),
                                   std::memory_order_relaxed);
}

void Metrics::AddCollector(std::string name, std::string help, Type type,
                           std::function<std::vector<Sample>()> collect) {
  if (!IsMetricName(name, true)) throw std::invalid_argument("invalid metric name");
  std::lock_guard lock(collectors_mutex_);
  collectors_.push_back(Collector{.name = std::move(name),
                                  .help = std::move(help),
                                  .type = type,
                                  .collect = std::move(collect)});
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  AddCollector(std::move(name), std::move(help), Type::kGauge, [read = std::move(read)] {
    return std::vector<Sample>{Sample{.labels = {}, .value = read()}};
  });
}

std::string Metrics::Render() const {
  std::string out;
  out.reserve(8192);

  AppendFamilyHeader(out, "fyren_http_requests_total",
                     "HTTP requests by route pattern, method and status.", "counter");
  for (const auto& series : routes_) {
    for (std::size_t m = 0; m < kMethods; ++m) {
      for (std::size_t s = 0; s < kStatusSlots; ++s) {
        const std::uint64_t n =
            series->requests[m * kStatusSlots + s].load(std::memory_order_relaxed);
        if (n == 0) continue;
        out += "fyren_http_requests_total{route=\"";
        AppendEscaped(out, series->pattern, true);
        out.append("\",method=\"").append(ToString(static_cast<Method>(m))).append("\",status=\"");
        if (s < kStatuses.size()) {
          AppendUnsigned(out, static_cast<std::uint64_t>(kStatuses[s]));
        } else {
          out += "other";
        }
        out += "\"} ";
        AppendUnsigned(out, n);
        out += '\n';
      }
    }
  }

  AppendFamilyHeader(out, "fyren_http_request_duration_seconds",
                     "Time from a complete request to the handler's response, by route pattern.",
                     "histogram");
  for (const auto& series : routes_) {
    std::string label;
    AppendEscaped(label, series->pattern, true);
    // Buckets are read after count and capped at it, so a Record running concurrently cannot
    // make a bucket exceed +Inf; otherwise a scrape is not a snapshot, which Prometheus allows.
    const std::uint64_t count = series->count.load(std::memory_order_relaxed);
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += series->buckets[b].load(std::memory_order_relaxed);
      out.append("fyren_http_request_duration_seconds_bucket{route=\"")
          .append(label)
          .append("\",le=\"");
      AppendDouble(out, kBuckets[b]);
      out += "\"} ";
      AppendUnsigned(out, std::min(cumulative, count));
      out += '\n';
    }
    out.append("fyren_http_request_duration_seconds_bucket{route=\"")
        .append(label)
        .append("\",le=\"+Inf\"} ");
    AppendUnsigned(out, count);
    out.append("\nfyren_http_request_duration_seconds_sum{route=\"").append(label).append("\"} ");
    AppendDouble(
        out, static_cast<double>(series->sum_nanoseconds.load(std::memory_order_relaxed)) / 1e9);
    out.append("\nfyren_http_request_duration_seconds_count{route=\"").append(label).append("\"} ");
    AppendUnsigned(out, count);
    out += '\n';
  }

  std::lock_guard lock(collectors_mutex_);
  for (const Collector& collector : collectors_) {
    AppendFamilyHeader(out, collector.name, collector.help,
                       collector.type == Type::kGauge ? "gauge" : "counter");
    for (const Sample& sample : collector.collect()) {
      out += collector.name;
      if (!sample.labels.empty()) {
        out += '{';
        bool first = true;
        for (const auto& [key, value] : sample.labels) {
          // A bad label name would make the whole scrape unparseable; skip the label instead.
          if (!IsMetricName(key, false)) continue;
          if (!first) out += ',';
          first = false;
          out.append(key).append("=\"");
          AppendEscaped(out, value, true);
          out += '"';
        }
        out += '}';
      }
      out += ' ';
      AppendDouble(out, sample.value);
      out += '\n';
    }
  }
  return out;
}

}  // namespace fyren::http
