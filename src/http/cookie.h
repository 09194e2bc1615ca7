#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace fyren::http {

// Reading the Cookie request header and writing Set-Cookie (RFC 6265). Pure functions;
// thread-safe.

// The value of the first cookie called `name` (case-sensitive, as browsers send it) in one
// Cookie header value ("a=1; b=2"). Surrounding double quotes are removed; nothing is
// percent-decoded. Malformed pairs (no '=') are skipped rather than failing the whole header,
// because one bad cookie set by another application on the same host must not lock a user out.
std::optional<std::string> FindCookie(std::string_view cookie_header, std::string_view name);

enum class SameSite { kStrict, kLax };

struct CookieAttributes {
  std::string path = "/";
  std::optional<std::chrono::seconds> max_age;  // nullopt: a session cookie
  bool http_only = true;
  bool secure = false;  // set whenever the site is served over TLS
  SameSite same_site = SameSite::kStrict;
};

// The Set-Cookie header value. Returns nullopt when `name` is not an RFC 6265 token or `value`
// holds a character a cookie value may not (so a caller can never inject an attribute).
std::optional<std::string> FormatSetCookie(std::string_view name, std::string_view value,
                                           const CookieAttributes& attributes);

}  // namespace fyren::http
