#include "app/routes.h"

#include <array>
#include <string>

namespace fyren::app {
namespace {

using http::Method;
using http::Request;
using http::Response;
using P = trust::access::Permission;
using T = const RouteTargets&;

// Pages first, then the JSON API, then operations. Keep each group in path order.
const auto kRoutes = std::to_array<RouteSpec>({
    // Pages. A signed-in user lands on their own start page ("my work"); everyone else on the
    // public one.
    {Method::kGet, "/", P::kPublic, "Start page (my work when signed in)",
     [](T t, Request& r) -> Response {
       if (r.session && r.session->mfa_verified) return t.account.Home(r);
       return t.pages.Start(r);
     }},
    {Method::kGet, "/organisations", P::kPublic, "The organisation tree",
     [](T t, Request& r) { return t.pages.Organisations(r); }},
    {Method::kGet, "/glossary", P::kPublic, "Definitions from the decision",
     [](T t, Request& r) { return t.pages.Glossary(r); }},
    {Method::kGet, "/about", P::kPublic, "About Fyren",
     [](T t, Request& r) { return t.pages.About(r); }},
    {Method::kGet, "/static/{file}", P::kPublic, "Stylesheet, icons",
     [](T t, Request& r) { return t.static_files.Serve(r); }},

    // Signing in and out (every POST carries the CSRF token; http/csrf.h).
    {Method::kGet, "/sign-in", P::kPublic, "Sign-in form",
     [](T t, Request& r) { return t.sign_in.ShowSignIn(r); }},
    {Method::kPost, "/sign-in", P::kPublic, "Check user name and password (throttled)",
     [](T t, Request& r) { return t.sign_in.SignIn(r); }},
    {Method::kGet, "/sign-in/code", P::kSignInStep, "Ask for the TOTP code",
     [](T t, Request& r) { return t.sign_in.ShowCode(r); }},
    {Method::kPost, "/sign-in/code", P::kSignInStep, "Check the TOTP or recovery code (throttled)",
     [](T t, Request& r) { return t.sign_in.SubmitCode(r); }},
    {Method::kGet, "/sign-in/two-factor", P::kSignInStep, "Set up TOTP: QR code",
     [](T t, Request& r) { return t.sign_in.ShowEnrollment(r); }},
    {Method::kPost, "/sign-in/two-factor", P::kSignInStep,
     "Confirm TOTP; show recovery codes once",
     [](T t, Request& r) { return t.sign_in.ConfirmEnrollment(r); }},
    {Method::kPost, "/sign-out", P::kPublic, "End this session",
     [](T t, Request& r) { return t.sign_in.SignOut(r); }},
    {Method::kGet, "/account", P::kSignedIn, "My account",
     [](T t, Request& r) { return t.account.Account(r); }},
    {Method::kPost, "/account/sign-out-everywhere", P::kSignedIn, "End all my sessions",
     [](T t, Request& r) { return t.account.SignOutEverywhere(r); }},
    {Method::kGet, "/account/confirm", P::kSignedIn, "Step-up: ask for a TOTP code again",
     [](T t, Request& r) { return t.account.ShowStepUp(r); }},
    {Method::kPost, "/account/confirm", P::kSignedIn, "Step-up: check the code",
     [](T t, Request& r) { return t.account.StepUp(r); }},

    // JSON API
    {Method::kGet, "/api/v1/organisations", P::kPublic, "List organisations (cursor pages)",
     [](T t, Request& r) { return t.organisations_api.List(r); }},
    {Method::kGet, "/api/v1/organisations/{id}", P::kPublic, "One organisation",
     [](T t, Request& r) { return t.organisations_api.Get(r); }},

    // Operations: no personal data; /metrics is meant to be firewalled to the monitoring host.
    {Method::kGet, "/healthz", P::kPublic, "Liveness",
     [](T, Request& r) { return api::HealthApi::Live(r); }},
    {Method::kGet, "/readyz", P::kPublic, "Readiness: database reachable, schema current",
     [](T t, Request& r) { return t.health.Ready(r); }},
    {Method::kGet, "/metrics", P::kPublic, "Prometheus metrics",
     [](T t, Request& r) { return t.health.Metrics(r); }},
});

}  // namespace

std::span<const RouteSpec> RouteTable() { return kRoutes; }

http::Router BuildRouter(const RouteTargets& targets) {
  http::Router router;
  for (const RouteSpec& spec : RouteTable()) {
    router.Add(http::RouteInfo{.pattern = std::string(spec.pattern),
                               .method = spec.method,
                               .permission = std::string(trust::access::ToString(spec.permission)),
                               .summary = std::string(spec.summary)},
               [targets, handle = spec.handle](Request& r) { return handle(targets, r); });
  }
  return router;
}

}  // namespace fyren::app
