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
  // A signed-in user lands on their own start page ("my work"); everyone else on the public one.
  add(Method::kGet, "/", kPublic, "Start page (my work when signed in)", [t](Request& r) {
    if (r.session && r.session->mfa_verified) return t.account.Home(r);
    return t.pages.Start(r);
  });
  add(Method::kGet, "/organisations", kPublic, "The organisation tree",
      [t](Request& r) { return t.pages.Organisations(r); });
  add(Method::kGet, "/glossary", kPublic, "Definitions from the decision",
      [t](Request& r) { return t.pages.Glossary(r); });
  add(Method::kGet, "/about", kPublic, "About Fyren", [t](Request& r) { return t.pages.About(r); });
  add(Method::kGet, "/static/{file}", kPublic, "Stylesheet, icons",
      [t](Request& r) { return t.static_files.Serve(r); });

  // Signing in and out (every POST carries the CSRF token; http/csrf.h)
  add(Method::kGet, "/sign-in", kPublic, "Sign-in form",
      [t](Request& r) { return t.sign_in.ShowSignIn(r); });
  add(Method::kPost, "/sign-in", kPublic, "Check user name and password (throttled)",
      [t](Request& r) { return t.sign_in.SignIn(r); });
  add(Method::kGet, "/sign-in/code", kSignIn, "Ask for the TOTP code",
      [t](Request& r) { return t.sign_in.ShowCode(r); });
  add(Method::kPost, "/sign-in/code", kSignIn, "Check the TOTP or recovery code (throttled)",
      [t](Request& r) { return t.sign_in.SubmitCode(r); });
  add(Method::kGet, "/sign-in/two-factor", kSignIn, "Set up TOTP: QR code",
      [t](Request& r) { return t.sign_in.ShowEnrollment(r); });
  add(Method::kPost, "/sign-in/two-factor", kSignIn, "Confirm TOTP; show recovery codes once",
      [t](Request& r) { return t.sign_in.ConfirmEnrollment(r); });
  add(Method::kPost, "/sign-out", kPublic, "End this session",
      [t](Request& r) { return t.sign_in.SignOut(r); });
  add(Method::kGet, "/account", kSignedIn, "My account",
      [t](Request& r) { return t.account.Account(r); });
  add(Method::kPost, "/account/sign-out-everywhere", kSignedIn, "End all my sessions",
      [t](Request& r) { return t.account.SignOutEverywhere(r); });
  add(Method::kGet, "/account/confirm", kSignedIn, "Step-up: ask for a TOTP code again",
      [t](Request& r) { return t.account.ShowStepUp(r); });
  add(Method::kPost, "/account/confirm", kSignedIn, "Step-up: check the code",
      [t](Request& r) { return t.account.StepUp(r); });

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
