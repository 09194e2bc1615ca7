#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fyren::http {

// Percent-encoding as used in request paths, query strings and
// application/x-www-form-urlencoded bodies. Pure functions; thread-safe; they never throw except
// std::bad_alloc.

// Decodes `text`. Returns nullopt for a broken escape ("%", "%4", "%zz") or when the decoded
// bytes are not well-formed UTF-8, so every decoded value that reaches a service is valid text.
// `plus_is_space` is for forms and query strings; in paths a '+' is literal.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// As PercentDecode, but writes into `out` (replacing its contents, reusing its capacity). The
// server decodes every request path with it. Returns false where PercentDecode returns nullopt;
// `out` is then unspecified.
[[nodiscard]] bool PercentDecodeInto(std::string_view text, bool plus_is_space, std::string& out);

// Encodes every byte except the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~), so the
// result is safe in a path segment, a query value and a form value alike.
std::string PercentEncode(std::string_view text);

// Parses "a=1&b=2" (forms and query strings) into decoded pairs in order. Empty parts ("a=1&&b")
// are skipped and a part without '=' has an empty value. nullopt when any name or value fails
// PercentDecode.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseUrlEncoded(
    std::string_view text);

}  // namespace fyren::http
