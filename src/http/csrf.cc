#include "http/csrf.h"

#include <utility>

#include "base/bit_encoding.h"
#include "base/log.h"
#include "base/random.h"
#include "http/cookie.h"
#include "http/url_encoding.h"

namespace fyren::http {
namespace {

bool IsStateChanging(Method method) {
  return method == Method::kPost || method == Method::kPut || method == Method::kPatch ||
         method == Method::kDelete;
}

// 32 random bytes as URL-safe base64 without padding: 43 characters, a valid cookie value.
std::string NewToken() {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  return base::EncodeWithAlphabet(base::RandomBytes(32), kAlphabet);
}

bool IsWellFormed(std::string_view token) {
  if (token.size() != 43) return false;
  for (const char c : token) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string_view CookieName(const CsrfOptions& options) {
  return options.secure ? "__Host-fyren_csrf" : "fyren_csrf";
}

std::string CsrfSetCookie(const CsrfOptions& options, std::string_view token) {
  return FormatSetCookie(CookieName(options), token,
                         CookieAttributes{.path = "/",
                                          .max_age = std::nullopt,
                                          .http_only = true,
                                          .secure = options.secure,
                                          .same_site = SameSite::kStrict})
      .value_or(std::string());
}

}  // namespace

std::string_view CsrfCookieName(const CsrfOptions& options) { return CookieName(options); }

bool TokensEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

std::optional<std::string> FormField(const Request& request, std::string_view name) {
  const auto pairs = ParseUrlEncoded(request.body);
  if (!pairs) return std::nullopt;
  for (const auto& [key, value] : *pairs) {
    if (key == name) return value;
  }
  return std::nullopt;
}

Handler WithCsrf(Handler next, CsrfOptions options, ErrorPage error_page,
                 std::function<bool(const Request&)> has_route) {
  return [next = std::move(next), options, error_page = std::move(error_page),
          has_route = std::move(has_route)](Request& request) -> Response {
    // The API uses no cookies for CSRF; static files and the operations endpoints render no forms,
    // and minting a token (and a Set-Cookie) for every health probe would be waste.
    if (request.IsApi() || request.path.starts_with("/static/") || request.path == "/healthz" ||
        request.path == "/readyz" || request.path == "/metrics") {
      return next(request);
    }
    std::string expected;
    std::optional<std::string> new_cookie;
    if (request.session) {
      expected = request.session->csrf_token;
    } else if (auto cookie = request.Cookie(CsrfCookieName(options));
               cookie && IsWellFormed(*cookie)) {
      expected = *cookie;
    } else {
      new_cookie = NewToken();
    }
    if (IsStateChanging(request.method) && (!has_route || has_route(request))) {
      const auto sent = FormField(request, kCsrfField);
      if (expected.empty() || !sent || !TokensEqual(*sent, expected)) {
        base::log::Info("csrf.refused", {{"request_id", request.request_id},
                                         {"route", request.route},
                                         {"has_session", request.session.has_value()},
                                         {"token_sent", sent.has_value()}});
        Response refused = error_page(request, 403);
        if (new_cookie) refused.AddHeader("Set-Cookie", CsrfSetCookie(options, *new_cookie));
        return refused;
      }
    }
    request.csrf_token = new_cookie ? *new_cookie : expected;
    Response response = next(request);
    if (new_cookie) response.AddHeader("Set-Cookie", CsrfSetCookie(options, *new_cookie));
    return response;
  };
}

}  // namespace fyren::http
