#include "http/session_middleware.h"

#include <utility>

#include "base/log.h"
#include "http/cookie.h"

namespace fyren::http {

std::string_view SessionCookieName(const SessionCookieOptions& options) {
  return options.secure ? "__Host-fyren_session" : "fyren_session";
}

std::string SessionSetCookie(const SessionCookieOptions& options, std::string_view token) {
  return FormatSetCookie(SessionCookieName(options), token,
                         CookieAttributes{.path = "/",
                                          .max_age = std::nullopt,
                                          .http_only = true,
                                          .secure = options.secure,
                                          .same_site = SameSite::kStrict})
      .value_or(std::string());
}

std::string SessionClearCookie(const SessionCookieOptions& options) {
  return FormatSetCookie(SessionCookieName(options), "",
                         CookieAttributes{.path = "/",
                                          .max_age = std::chrono::seconds(0),
                                          .http_only = true,
                                          .secure = options.secure,
                                          .same_site = SameSite::kStrict})
      .value_or(std::string());
}

std::optional<std::string> SessionToken(const Request& request,
                                        const SessionCookieOptions& options) {
  auto token = request.Cookie(SessionCookieName(options));
  if (token && token->empty()) return std::nullopt;
  return token;
}

Handler WithSession(Handler next, SessionCookieOptions options, SessionResolver resolve,
                    ErrorPage error_page, std::vector<std::string> skip_prefixes) {
  return [next = std::move(next), options, resolve = std::move(resolve),
          error_page = std::move(error_page),
          skip = std::move(skip_prefixes)](Request& request) -> Response {
    for (const std::string& prefix : skip) {
      if (request.path.starts_with(prefix)) return next(request);
    }
    const auto token = SessionToken(request, options);
    if (!token) return next(request);
    auto found = resolve(request, *token);
    if (!found) {
      base::log::Warn("session.unavailable", {{"request_id", request.request_id},
                                              {"code", base::ToString(found.error().code)},
                                              {"detail", found.error().detail}});
      return error_page(request, 503);
    }
    request.session = std::move(*found);
    const bool stale = !request.session.has_value();
    Response response = next(request);
    // A handler that started or ended a session has set the cookie itself.
    bool handler_set_cookie = false;
    const std::string prefix = std::string(SessionCookieName(options)) + "=";
    for (const auto& [name, value] : response.headers) {
      const bool set_cookie = name.size() == 10 && (name == "Set-Cookie" || name == "set-cookie");
      if (set_cookie && value.starts_with(prefix)) handler_set_cookie = true;
    }
    if (stale && !handler_set_cookie) {
      response.AddHeader("Set-Cookie", SessionClearCookie(options));
    }
    return response;
  };
}

}  // namespace fyren::http
