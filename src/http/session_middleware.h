#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "http/message.h"
#include "http/middleware.h"
#include "http/router.h"

namespace fyren::http {

// The session cookie (DESIGN.md, HTTP and web): HttpOnly, SameSite=Strict, Path=/, no Max-Age
// (it ends with the browser; the server ends it sooner). Behind TLS it is Secure and named with
// the __Host- prefix, so no subdomain or plain-HTTP page can set or read it. On plain HTTP (the
// local demo on http://127.0.0.1) browsers refuse Secure cookies, so it is plain
// "fyren_session" there (docs/decisions/0007-session-cookie.md).
struct SessionCookieOptions {
  bool secure = false;  // server.behind_tls
};
[[nodiscard]] std::string_view SessionCookieName(const SessionCookieOptions& options);
// Set-Cookie values that start and end the session in the browser.
[[nodiscard]] std::string SessionSetCookie(const SessionCookieOptions& options,
                                           std::string_view token);
[[nodiscard]] std::string SessionClearCookie(const SessionCookieOptions& options);
// The token in the request's session cookie, if any.
[[nodiscard]] std::optional<std::string> SessionToken(const Request& request,
                                                      const SessionCookieOptions& options);

// Finds the session for a cookie token: nullopt when there is none (unknown, ended, expired);
// an error only when it cannot be checked (the database is down). Supplied by app/.
using SessionResolver =
    std::function<base::Result<std::optional<SessionView>>(const Request&, std::string_view)>;

// Sets Request::session from the cookie through `resolve`. A cookie that names no open session
// (forged, expired, signed out) is treated as signed out and deleted in the response. Requests
// whose path starts with one of `skip_prefixes` (static files, health checks) are passed on
// without a lookup. When the resolver fails, answers error_page(request, 503).
Handler WithSession(Handler next, SessionCookieOptions options, SessionResolver resolve,
                    ErrorPage error_page,
                    std::vector<std::string> skip_prefixes = {"/static/", "/healthz", "/readyz",
                                                              "/metrics"});

}  // namespace fyren::http
