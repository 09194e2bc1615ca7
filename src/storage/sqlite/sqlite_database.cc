#include "storage/sqlite/sqlite_database.h"

#include <chrono>
#include <string>
#include <utility>

#include "storage/connection_pool.h"
#include "storage/pooled_transaction.h"
#include "storage/sqlite/sqlite_connection.h"

namespace fyren::storage::sqlite {
namespace {

using base::ErrorCode;
using base::Fail;
using Pool = ConnectionPool<Connection>;

using SqliteTransaction = PooledTransaction<Connection, Backend::kSqlite>;

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const DatabaseOptions& options)
      : path_(std::move(path)),
        in_memory_(path_ == ":memory:"),
        writer_(1, std::chrono::milliseconds(options.acquire_timeout_ms),
                OpenAs(path_, Connection::Access::kReadWrite, options), IsReusable),
        readers_(in_memory_ ? 0 : options.pool_size,
                 std::chrono::milliseconds(options.acquire_timeout_ms),
                 OpenAs(path_, Connection::Access::kReadOnly, options), IsReusable) {}

  // Opens the writer once so that a bad path fails at start, and so that the file exists and is
  // in WAL mode before any read-only connection opens it. The connection then stays idle in the
  // pool, which also keeps an in-memory database alive.
  Status Start() {
    auto lease = writer_.Acquire();
    if (!lease) return std::unexpected(lease.error());
    return base::Ok();
  }

  Backend backend() const override { return Backend::kSqlite; }

  Result<std::unique_ptr<TransactionHandle>> Begin(TxMode mode) override {
    const bool write = mode == TxMode::kWrite;
    auto lease = write || in_memory_ ? writer_.Acquire() : readers_.Acquire();
    if (!lease) return std::unexpected(lease.error());
    // IMMEDIATE takes the write lock now, so a write transaction never fails half-way because
    // another process wrote first. Readers use a deferred BEGIN: a snapshot from the first read.
    if (auto begun = (*lease)->Begin(write); !begun) {
      return std::unexpected(begun.error());
    }
    return std::make_unique<SqliteTransaction>(std::move(*lease));
  }

  Status Ping() override {
    return Read([](Transaction& tx) -> Status {
      auto rows = tx.Query("SELECT 1");
      if (!rows) return std::unexpected(rows.error());
      return base::Ok();
    });
  }

  PoolStats Stats() const override {
    PoolStats w = writer_.Stats();
    const PoolStats r = readers_.Stats();
    w.size += r.size;
    w.in_use += r.in_use;
    w.waiting += r.waiting;
    w.acquired_total += r.acquired_total;
    w.acquire_timeouts_total += r.acquire_timeouts_total;
    return w;
  }

  void Close() override {
    readers_.Close();
    writer_.Close();
  }

 private:
  static bool IsReusable(Connection& conn) { return !conn.InTransaction(); }

  static Pool::Factory OpenAs(const std::string& path, Connection::Access access,
                              const DatabaseOptions& options) {
    return [path, access, timeout = options.busy_timeout_ms, cache = options.sqlite_cache_mib] {
      return Connection::Open(path, access, timeout, cache);
    };
  }

  const std::string path_;
  const bool in_memory_;
  Pool writer_;
  Pool readers_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(std::string_view path,
                                             const DatabaseOptions& options) {
  if (path.empty()) {
    return Fail(ErrorCode::kInvalidInput, "the SQLite database path is empty");
  }
  auto db = std::make_unique<SqliteDatabase>(std::string(path), options);
  if (auto started = db->Start(); !started) return std::unexpected(started.error());
  return db;
}

}  // namespace fyren::storage::sqlite
