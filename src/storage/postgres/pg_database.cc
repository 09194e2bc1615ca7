#include "storage/postgres/pg_database.h"

#include <chrono>
#include <string>
#include <utility>

#include "storage/connection_pool.h"
#include "storage/pooled_transaction.h"
#include "storage/postgres/pg_connection.h"

namespace fyren::storage::postgres {
namespace {

using base::ErrorCode;
using Pool = ConnectionPool<Connection>;
using PgTransaction = PooledTransaction<Connection, Backend::kPostgres>;

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string url, const DatabaseOptions& options)
      : pool_(
            options.pool_size, std::chrono::milliseconds(options.acquire_timeout_ms),
            [url = std::move(url), timeout_s = options.acquire_timeout_ms / 1000] {
              return Connection::Open(url, timeout_s);
            },
            [](Connection& conn) { return !conn.IsBroken() && !conn.InTransaction(); }) {}

  Status Start() { return Ping(); }

  Backend backend() const override { return Backend::kPostgres; }

  Result<std::unique_ptr<TransactionHandle>> Begin(TxMode mode) override {
    const char* begin = mode == TxMode::kWrite ? "BEGIN" : "BEGIN READ ONLY";
    // An idle pooled connection may have died with a server restart without libpq noticing.
    // BEGIN changes nothing, so it is safe to try once more on a fresh connection.
    for (int attempt = 0;; ++attempt) {
      auto lease = pool_.Acquire();
      if (!lease) return std::unexpected(lease.error());
      auto begun = (*lease)->ExecuteScript(begin);
      if (begun) return std::make_unique<PgTransaction>(std::move(*lease));
      if (attempt > 0 || !(*lease)->IsBroken()) return std::unexpected(begun.error());
    }
  }

  Status Ping() override {
    return Read([](Transaction& tx) -> Status {
      auto rows = tx.Query("SELECT 1");
      if (!rows) return std::unexpected(rows.error());
      return base::Ok();
    });
  }

  PoolStats Stats() const override { return pool_.Stats(); }
  void Close() override { pool_.Close(); }

 private:
  Pool pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(std::string_view url,
                                               const DatabaseOptions& options) {
  auto db = std::make_unique<PgDatabase>(std::string(url), options);
  if (auto started = db->Start(); !started) {
    base::Error error = started.error();
    error.message = "cannot connect to PostgreSQL; check that it runs and the database URL";
    return std::unexpected(std::move(error));
  }
  return db;
}

}  // namespace fyren::storage::postgres
