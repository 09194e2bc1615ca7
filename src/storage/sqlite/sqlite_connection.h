#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"
#include "storage/value.h"

namespace fyren::storage::sqlite {

// Process-wide SQLite settings, applied once before the first connection opens (sqlite3_config
// refuses them afterwards). Open() calls it; anything else that opens SQLite must too.
void ConfigureLibraryOnce();

// One SQLite connection with its prepared-statement cache. Internal to storage/sqlite.
//
// Thread-safety: none; a connection is used by one thread at a time (the pool guarantees it).
// Failures are base::Error values: unique/primary-key violations kConflict, other constraint
// violations kInvalidInput, SQLITE_BUSY/LOCKED kUnavailable, everything else kInternal. The
// `detail` carries SQLite's message (which never contains bound values); `message` is generic.
class Connection {
 public:
  enum class Access { kReadWrite, kReadOnly };

  // Opens `path` and applies the durability and safety settings (WAL, synchronous=FULL,
  // foreign_keys=ON, busy timeout). A read-only connection refuses every write.
  [[nodiscard]] static base::Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                                      Access access,
                                                                      int busy_timeout_ms,
                                                                      int cache_mib);
  // Takes ownership of `db` (which may be a handle whose opening failed). Use Open().
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] base::Result<Rows> Query(std::string_view sql, std::span<const Param> params);
  // Transaction::QueryEach: one Row, refilled for each result row.
  [[nodiscard]] base::Status QueryEach(std::string_view sql, std::span<const Param> params,
                                       const std::function<bool(const Row&)>& each);
  // Rows changed by an INSERT, UPDATE or DELETE; 0 for any other statement.
  [[nodiscard]] base::Result<std::int64_t> Execute(std::string_view sql,
                                                   std::span<const Param> params);
  // Runs several statements without parameters and without caching them.
  [[nodiscard]] base::Status ExecuteScript(std::string_view sql);

  // Opens a transaction: IMMEDIATE takes the write lock at once, deferred waits for the first
  // read. Like Commit and Rollback it runs a statement prepared once per connection: they come
  // twice in every transaction, and parsing them each time was a measurable part of a page view.
  [[nodiscard]] base::Status Begin(bool immediate);
  // Ends the open transaction. Rollback never fails: if SQLite already rolled back by itself
  // (e.g. after SQLITE_FULL) there is nothing left to undo.
  [[nodiscard]] base::Status Commit();
  void Rollback();

  // True while a transaction is open on this connection.
  [[nodiscard]] bool InTransaction() const;

 private:
  struct StatementDeleter {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
  };
  using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;
  struct DbDeleter {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };

  [[nodiscard]] base::Result<sqlite3_stmt*> Prepare(std::string_view sql);
  [[nodiscard]] base::Status Bind(sqlite3_stmt* stmt, std::span<const Param> params);
  // Steps `stmt` to the end; appends result rows to `rows` when it is not null.
  // Steps `stmt` to the end; with `on_row`, reads each result row into one Row and passes it on
  // (the callee may move it away) until on_row returns false.
  [[nodiscard]] base::Status Run(sqlite3_stmt* stmt, std::span<const Param> params,
                                 const std::function<bool(Row&)>* on_row);
  // Prepares (once) and runs a statement without parameters or result rows.
  [[nodiscard]] base::Status RunCached(std::string_view sql);

  // Lets the statement cache be searched with a string_view, without a string per lookup.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };

  std::unique_ptr<sqlite3, DbDeleter> db_;
  // Keyed by the statement text as the store wrote it ($N placeholders), so the rewrite to ?N
  // and the compilation happen once per connection.
  std::unordered_map<std::string, StatementPtr, TextHash, std::equal_to<>> statements_;
};

// The Error for a failed call on `db` that returned `rc`.
[[nodiscard]] base::Error SqliteError(sqlite3* db, int rc, std::string_view during);

}  // namespace fyren::storage::sqlite
