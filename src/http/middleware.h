#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/metrics.h"
#include "http/router.h"

namespace fyren::http {

// Layers that wrap a Handler in another Handler. app/ composes them once at start, outermost
// first, e.g.
//
//   Handler h = WithRequestId(WithAccessLog(WithMetrics(WithSecurityHeaders(
//       WithExceptionBarrier(WithLocale(dispatch, {}), error_page), {}), metrics)));
//
// so that the request id exists before anything logs, the access log and metrics see the final
// status (also a 500 made by the barrier), and every response, including error pages, carries
// the security headers. Each returned Handler is thread-safe when `next` is; none keeps global
// state. Anything a layer captures by reference (Metrics) must outlive the Handler.

// Uses an incoming X-Request-Id when it matches [A-Za-z0-9-]{8,64} (so a proxy's id links the
// logs), else a new base::NewPublicId(); stores it in Request::request_id and echoes it in the
// response's X-Request-Id.
Handler WithRequestId(Handler next);
bool IsAcceptableRequestId(std::string_view id);

struct SecurityHeaderOptions {
  bool behind_tls = false;  // adds Strict-Transport-Security
};
// Sets Content-Security-Policy (kContentSecurityPolicy), X-Content-Type-Options,
// Referrer-Policy, X-Frame-Options, Cross-Origin-Opener-Policy and Permissions-Policy on every
// response, replacing a handler's; Cache-Control: no-store unless the handler set Cache-Control
// (personal data must not stay in shared or browser caches by default).
Handler WithSecurityHeaders(Handler next, SecurityHeaderOptions options);
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

// One JSON log line per request (event "http.request") with request_id, method, route (the
// pattern, "unmatched" when none), status and duration_ms. Never the path, query, headers or
// body: those can hold personal data.
Handler WithAccessLog(Handler next);

// Records every request in `metrics` under its route pattern.
Handler WithMetrics(Handler next, Metrics& metrics);

// Renders the error answer for `status`: problem+json for API requests, an HTML page otherwise.
using ErrorPage = std::function<Response(const Request& request, int status)>;

// Turns any exception from `next` into error_page(request, 500). Logs event
// "http.unhandled_exception" with request_id, route, the exception's type and its what() text
// (cut to 200 bytes): by project rule exception messages hold ids only, never personal data.
// If error_page itself throws, answers a plain-text 500.
Handler WithExceptionBarrier(Handler next, ErrorPage error_page);

struct LocaleOptions {
  std::vector<std::string> supported = {"sv", "en"};  // the first is the default
  bool behind_tls = false;                            // adds Secure to the cookie
};
inline constexpr std::string_view kLocaleCookie = "fyren_lang";
// Sets Request::locale from ?lang= (when supported; the choice is then remembered in the
// fyren_lang cookie: Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax), else from that cookie
// (when supported), else the default. Accept-Language is not consulted: Swedish comes first
// for every user until they choose otherwise.
Handler WithLocale(Handler next, LocaleOptions options);

}  // namespace fyren::http
