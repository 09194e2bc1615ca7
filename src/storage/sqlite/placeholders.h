#pragma once

#include <string>
#include <string_view>

namespace fyren::storage::sqlite {

// Rewrites PostgreSQL-style placeholders ($1, $2, ...) into SQLite's numbered form (?1, ?2, ...),
// so every store writes its SQL once. Text inside quoted strings ('...'), quoted identifiers
// ("...", [...], `...`) and comments (-- and /* */) is copied unchanged, so a literal such as
// '$1' stays a literal. A '$' not followed by a digit is left as it is. Pure function; callers
// cache the result per statement text.
std::string RewritePlaceholders(std::string_view sql);

}  // namespace fyren::storage::sqlite
