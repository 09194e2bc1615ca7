#pragma once

#include <memory>
#include <string_view>

#include "base/result.h"
#include "storage/database.h"

namespace fyren::storage::postgres {

// Opens a PostgreSQL database at `url` (postgresql://user:password@host:port/db?...).
//
// A pool of up to options.pool_size connections, opened lazily; waiting for one is bounded by
// options.acquire_timeout_ms (then kUnavailable). One connection is opened at once to prove the
// server answers: an unreachable server is kUnavailable here, not at the first request. A lost
// connection is closed when its transaction ends and replaced on the next acquire, and Begin
// retries once on a fresh connection, so the server recovers without restart when PostgreSQL
// comes back.
//
// Transactions: write = BEGIN, read = BEGIN READ ONLY; isolation is PostgreSQL's default READ
// COMMITTED. Stores that read-then-write a versioned row rely on the optimistic version check
// (storage/optimistic.h), not on stronger isolation.
//
// The returned Database is thread-safe and must outlive every transaction it hands out.
[[nodiscard]] base::Result<std::unique_ptr<Database>> OpenPostgres(std::string_view url,
                                                                   const DatabaseOptions& options);

}  // namespace fyren::storage::postgres
