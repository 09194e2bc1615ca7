#include "storage/sqlite/placeholders.h"

#include <cctype>

namespace fyren::storage::sqlite {
namespace {

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Index just past the quoted run that starts at `start` and ends with `close`. A doubled closing
// quote ('' or "") is an escaped quote, not the end. An unterminated run ends at the text's end;
// SQLite then reports the syntax error itself.
std::size_t SkipQuoted(std::string_view sql, std::size_t start, char close) {
  std::size_t i = start + 1;
  while (i < sql.size()) {
    if (sql[i] == close) {
      if (close != ']' && i + 1 < sql.size() && sql[i + 1] == close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return sql.size();
}

std::size_t SkipLineComment(std::string_view sql, std::size_t start) {
  const std::size_t end = sql.find('\n', start);
  return end == std::string_view::npos ? sql.size() : end + 1;
}

std::size_t SkipBlockComment(std::string_view sql, std::size_t start) {
  const std::size_t end = sql.find("*/", start + 2);
  return end == std::string_view::npos ? sql.size() : end + 2;
}

}  // namespace

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    std::size_t next = i + 1;
    if (c == '\'' || c == '"' || c == '`') {
      next = SkipQuoted(sql, i, c);
    } else if (c == '[') {
      next = SkipQuoted(sql, i, ']');
    } else if (c == '-' && sql.substr(i, 2) == "--") {
      next = SkipLineComment(sql, i);
    } else if (c == '/' && sql.substr(i, 2) == "/*") {
      next = SkipBlockComment(sql, i);
    } else if (c == '$' && i + 1 < sql.size() && IsDigit(sql[i + 1])) {
      out.push_back('?');
      ++i;
      continue;
    }
    out.append(sql.substr(i, next - i));
    i = next;
  }
  return out;
}

}  // namespace fyren::storage::sqlite
