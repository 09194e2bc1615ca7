#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "http/message.h"
#include "http/middleware.h"
#include "http/router.h"

namespace fyren::http {

// Cross-site request forgery protection for the HTML pages (docs/decisions/0007-session-cookie.md).
//
// With a session: the synchronizer token stored with the session (SessionView::csrf_token).
// Without one (the sign-in form itself): double submit, a random token in a pre-session cookie
// (HttpOnly, SameSite=Strict; __Host-fyren_csrf behind TLS) that the form repeats.
// Either way the token is put in Request::csrf_token for the page to write into every form as
// the hidden field `csrf_token`, and every POST, PUT, PATCH and DELETE outside /api/ must carry
// it in an application/x-www-form-urlencoded body; otherwise the answer is error_page(403) and
// the handler does not run. Comparison takes time independent of where tokens differ.
// The JSON API is not covered: API writes that accept the session cookie require
// Content-Type: application/json instead (see api/users_api.h).
struct CsrfOptions {
  bool secure = false;  // server.behind_tls: Secure and the __Host- prefix
};
inline constexpr std::string_view kCsrfField = "csrf_token";
[[nodiscard]] std::string_view CsrfCookieName(const CsrfOptions& options);

// `has_route` (may be empty: every request) says whether a request would reach a handler; the
// token is only checked for those, so an unknown path or method still gets its 404 or 405.
Handler WithCsrf(Handler next, CsrfOptions options, ErrorPage error_page,
                 std::function<bool(const Request&)> has_route = {});

// For handlers: the value of form field `name` in a urlencoded body; nullopt when missing or
// the body does not decode.
[[nodiscard]] std::optional<std::string> FormField(const Request& request, std::string_view name);

// True when a and b are equal, in time that depends only on their lengths.
[[nodiscard]] bool TokensEqual(std::string_view a, std::string_view b);

}  // namespace fyren::http
