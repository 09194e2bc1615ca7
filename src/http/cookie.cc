#include "http/cookie.h"

#include "http/http_token.h"

namespace fyren::http {
namespace {

std::string_view TrimOws(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// cookie-octet in RFC 6265 section 4.1.1: visible ASCII except '"', ',', ';' and '\'.
bool IsCookieOctet(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b == 0x21 || (b >= 0x23 && b <= 0x2B) || (b >= 0x2D && b <= 0x3A) ||
         (b >= 0x3C && b <= 0x5B) || (b >= 0x5D && b <= 0x7E);
}

}  // namespace

std::optional<std::string> FindCookie(std::string_view cookie_header, std::string_view name) {
  while (!cookie_header.empty()) {
    const std::size_t semicolon = cookie_header.find(';');
    const std::string_view pair = TrimOws(cookie_header.substr(0, semicolon));
    cookie_header = semicolon == std::string_view::npos ? std::string_view()
                                                        : cookie_header.substr(semicolon + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (TrimOws(pair.substr(0, eq)) != name) continue;
    std::string_view value = TrimOws(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

std::optional<std::string> FormatSetCookie(std::string_view name, std::string_view value,
                                           const CookieAttributes& attributes) {
  if (!IsToken(name)) return std::nullopt;
  for (const char c : value) {
    if (!IsCookieOctet(c)) return std::nullopt;
  }
  for (const char c : attributes.path) {
    // The path attribute ends at ';' and may not hold control characters.
    const auto b = static_cast<unsigned char>(c);
    if (c == ';' || b < 0x20 || b == 0x7F) return std::nullopt;
  }
  std::string out;
  out.reserve(name.size() + value.size() + 80);
  out.append(name).append("=").append(value);
  if (!attributes.path.empty()) out.append("; Path=").append(attributes.path);
  if (attributes.max_age)
    out.append("; Max-Age=").append(std::to_string(attributes.max_age->count()));
  if (attributes.secure) out.append("; Secure");
  if (attributes.http_only) out.append("; HttpOnly");
  out.append(attributes.same_site == SameSite::kStrict ? "; SameSite=Strict" : "; SameSite=Lax");
  return out;
}

}  // namespace fyren::http
