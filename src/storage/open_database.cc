// The one file that knows both backends: it turns a configuration URL into a Database.

#include <string>
#include <string_view>

#include "storage/database.h"
#include "storage/postgres/pg_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace fyren::storage {
namespace {

using base::ErrorCode;
using base::Fail;

Status ValidateOptions(const DatabaseOptions& options) {
  if (options.pool_size < 1 || options.acquire_timeout_ms < 0 || options.busy_timeout_ms < 0 ||
      options.sqlite_cache_mib < 1) {
    return Fail(ErrorCode::kInvalidInput,
                "database pool size and SQLite cache must be at least 1 and timeouts not negative");
  }
  return base::Ok();
}

// Replaces the value of every query parameter whose key mentions "password".
void RedactQuery(std::string& url) {
  const std::size_t query = url.find('?');
  if (query == std::string::npos) return;
  std::size_t pos = query + 1;
  while (pos < url.size()) {
    std::size_t end = url.find('&', pos);
    if (end == std::string::npos) end = url.size();
    const std::size_t eq = url.find('=', pos);
    if (eq != std::string::npos && eq < end &&
        std::string_view(url).substr(pos, eq - pos).find("password") != std::string_view::npos) {
      url.replace(eq + 1, end - eq - 1, "***");
      end = eq + 4;
    }
    pos = end + 1;
  }
}

}  // namespace

std::string RedactUrl(std::string_view url) {
  std::string out(url);
  const std::size_t scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const std::size_t start = scheme_end + 3;
    // The user-info ends at the last '@' before the query: a password may itself hold '@' or
    // '/' when the operator forgot to percent-encode it, and hiding too much is the safe error.
    const std::size_t query = out.find('?', start);
    const std::size_t at = out.rfind('@', query == std::string::npos ? out.size() : query);
    if (at != std::string::npos && at >= start) {
      const std::size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  RedactQuery(out);
  return out;
}

Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url,
                                               const DatabaseOptions& options) {
  if (auto valid = ValidateOptions(options); !valid) return std::unexpected(valid.error());
  if (url.starts_with("sqlite:")) return sqlite::OpenSqlite(url.substr(7), options);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return postgres::OpenPostgres(url, options);
  }
  const std::size_t colon = url.find(':');
  const std::string scheme(colon == std::string_view::npos ? std::string_view("(none)")
                                                           : url.substr(0, colon));
  return Fail(ErrorCode::kInvalidInput, "unsupported database URL scheme '" + scheme +
                                            "'; use sqlite:PATH or postgresql://...");
}

}  // namespace fyren::storage
