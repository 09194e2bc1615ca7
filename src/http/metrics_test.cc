#include "http/metrics.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

namespace fyren::http {
namespace {

bool Contains(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

TEST(MetricsTest, CountsByRoutePatternMethodAndStatus) {
  Metrics metrics({"/cases/{id}", "/healthz"});
  metrics.Record("/cases/{id}", Method::kGet, 200, 0.002);
  metrics.Record("/cases/{id}", Method::kGet, 200, 0.003);
  metrics.Record("/cases/{id}", Method::kPost, 418, 0.001);
  metrics.Record("", Method::kGet, 404, 0.0001);
  metrics.Record("/not/a/known/pattern", Method::kGet, 404, 0.0001);
  const std::string text = metrics.Render();
  EXPECT_TRUE(Contains(text, "# TYPE fyren_http_requests_total counter\n"));
  EXPECT_TRUE(Contains(
      text, "fyren_http_requests_total{route=\"/cases/{id}\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_TRUE(Contains(
      text,
      "fyren_http_requests_total{route=\"/cases/{id}\",method=\"POST\",status=\"other\"} 1\n"));
  EXPECT_TRUE(Contains(
      text, "fyren_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 2\n"));
  EXPECT_FALSE(Contains(text, "/not/a/known/pattern"));
}

TEST(MetricsTest, RendersACumulativeHistogram) {
  Metrics metrics({"/a"});
  metrics.Record("/a", Method::kGet, 200, 0.0004);
  metrics.Record("/a", Method::kGet, 200, 0.002);
  metrics.Record("/a", Method::kGet, 200, 10);
  const std::string text = metrics.Render();
  EXPECT_TRUE(Contains(text, "# TYPE fyren_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(
      Contains(text, "fyren_http_request_duration_seconds_bucket{route=\"/a\",le=\"0.0005\"} 1\n"));
  EXPECT_TRUE(
      Contains(text, "fyren_http_request_duration_seconds_bucket{route=\"/a\",le=\"0.001\"} 1\n"));
  EXPECT_TRUE(
      Contains(text, "fyren_http_request_duration_seconds_bucket{route=\"/a\",le=\"0.0025\"} 2\n"));
  EXPECT_TRUE(
      Contains(text, "fyren_http_request_duration_seconds_bucket{route=\"/a\",le=\"5\"} 2\n"));
  EXPECT_TRUE(
      Contains(text, "fyren_http_request_duration_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(Contains(text, "fyren_http_request_duration_seconds_count{route=\"/a\"} 3\n"));
  EXPECT_TRUE(Contains(text, "fyren_http_request_duration_seconds_sum{route=\"/a\"} 10.0024\n"));
}

TEST(MetricsTest, CollectorsEscapeLabelValues) {
  Metrics metrics({});
  metrics.AddGauge("fyren_db_pool_idle", "Idle connections.", [] { return 3.0; });
  metrics.AddCollector("fyren_things", "Help with \\ and\nnewline.", Metrics::Type::kCounter, [] {
    return std::vector<Metrics::Sample>{{.labels = {{"kind", "a\"b\\c\nd"}}, .value = 2}};
  });
  const std::string text = metrics.Render();
  EXPECT_TRUE(Contains(text, "# TYPE fyren_db_pool_idle gauge\nfyren_db_pool_idle 3\n"));
  EXPECT_TRUE(Contains(text, "# HELP fyren_things Help with \\\\ and\\nnewline.\n"));
  EXPECT_TRUE(Contains(text, "fyren_things{kind=\"a\\\"b\\\\c\\nd\"} 2\n"));
  EXPECT_THROW(metrics.AddGauge("bad name", "", [] { return 0.0; }), std::invalid_argument);
}

TEST(MetricsTest, RecordIsSafeFromManyThreads) {
  Metrics metrics({"/a"});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics] {
      for (int i = 0; i < 10000; ++i) metrics.Record("/a", Method::kGet, 200, 0.001);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_TRUE(
      Contains(metrics.Render(),
               "fyren_http_requests_total{route=\"/a\",method=\"GET\",status=\"200\"} 40000\n"));
}

}  // namespace
}  // namespace fyren::http
