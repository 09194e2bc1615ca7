#pragma once

#include <string_view>

namespace fyren::http {

// Character classes from RFC 9110 section 5.6 that several parts of the HTTP layer check before
// they put text on the wire. Pure functions; thread-safe.

// tchar: the characters allowed in header names, methods and cookie names.
constexpr bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

// A non-empty run of tchar.
constexpr bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

// A header field value that cannot split a response or smuggle a header: no CR, LF or NUL and
// no other control character except horizontal tab.
constexpr bool IsSafeFieldValue(std::string_view text) {
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && b != '\t') || b == 0x7F) return false;
  }
  return true;
}

}  // namespace fyren::http
