#pragma once

#include <memory>
#include <string_view>

#include "base/result.h"
#include "storage/database.h"

namespace fyren::storage::sqlite {

// Opens the SQLite database file at `path`, creating it if missing, for use by this process.
//
// One writer connection (write transactions take it in turn, BEGIN IMMEDIATE) and up to
// options.pool_size read-only reader connections (BEGIN, deferred), opened lazily. Measured here:
// one writer with group commit beats several writers whose lock waits push p99 to a second.
// Waiting for a connection is bounded by options.acquire_timeout_ms; waiting for SQLite's file
// lock (another process, a backup) by options.busy_timeout_ms. Both end in kUnavailable.
//
// `path` ":memory:" gives a private in-memory database for tests. It cannot be shared between
// connections without SQLite's shared-cache mode (whose table locks fail instead of waiting), so
// it uses the single writer connection for reads too: correct, but every transaction queues.
//
// Failure: kUnavailable when the file cannot be opened; kInternal when WAL cannot be enabled.
// The returned Database is thread-safe and must outlive every transaction it hands out.
[[nodiscard]] base::Result<std::unique_ptr<Database>> OpenSqlite(std::string_view path,
                                                                 const DatabaseOptions& options);

}  // namespace fyren::storage::sqlite
