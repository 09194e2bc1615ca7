#include "app/routes.h"

namespace fyren::app {

http::Router BuildRouter(const RouteTargets& t) {
  using http::Method;
  using http::Request;
  http::Router router;
  const auto add = [&router](Method method, std::string pattern, std::string_view permission,
                             std::string summary, http::Handler handler) {
    router.Add(http::RouteInfo{.pattern = std::move(pattern),
                               .method = method,
                               .permission = std::string(permission),
                               .summary = std::move(summary)},
               std::move(handler));
  };

  // Pages
  add(Method::kGet, "/", kPublic, "Start page", [t](Request& r) { return t.pages.Start(r); });
  add(Method::kGet, "/organisations", kPublic, "The organisation tree",
      [t](Request& r) { return t.pages.Organisations(r); });
  add(Method::kGet, "/glossary", kPublic, "Definitions from the decision",
      [t](Request& r) { return t.pages.Glossary(r); });
  add(Method::kGet, "/about", kPublic, "About Fyren",
      [t](Request& r) { return t.pages.About(r); });
  add(Method::kGet, "/static/{file}", kPublic, "Stylesheet, icons",
      [t](Request& r) { return t.static_files.Serve(r); });

  // JSON API
  add(Method::kGet, "/api/v1/organisations", kPublic, "List organisations (cursor pages)",
      [t](Request& r) { return t.organisations_api.List(r); });
  add(Method::kGet, "/api/v1/organisations/{id}", kPublic, "One organisation",
      [t](Request& r) { return t.organisations_api.Get(r); });

  // Operations: no personal data; /metrics is meant to be firewalled to the monitoring host.
  add(Method::kGet, "/healthz", kPublic, "Liveness",
      [](Request& r) { return api::HealthApi::Live(r); });
  add(Method::kGet, "/readyz", kPublic, "Readiness: database reachable, schema current",
      [t](Request& r) { return t.health.Ready(r); });
  add(Method::kGet, "/metrics", kPublic, "Prometheus metrics",
      [t](Request& r) { return t.health.Metrics(r); });
  return router;
}

}  // namespace fyren::app
