#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/result.h"
#include "storage/value.h"

namespace fyren::storage {

using base::Result;
using base::Status;

enum class Backend { kSqlite, kPostgres };
std::string_view ToString(Backend backend);

// Read transactions may run concurrently with each other and with a writer. Write transactions
// take the write lock up front (SQLite: BEGIN IMMEDIATE), so a write never fails half-way because
// another writer got there first.
enum class TxMode { kRead, kWrite };

// Statements inside one open transaction. Not thread-safe: a transaction belongs to the thread
// that runs it. SQL uses $1, $2, ... placeholders on both backends and must be a constant string:
// values go in `params`, never into the SQL text.
//
// Failures: a constraint violation (unique, foreign key, check) is kConflict or kInvalidInput as
// documented per method; a lost connection is kUnavailable; anything else is kInternal. After a
// failed statement the transaction can only be rolled back.
class Transaction {
 public:
  virtual ~Transaction() = default;

  [[nodiscard]] Result<Rows> Query(std::string_view sql, std::initializer_list<Param> params = {}) {
    return QuerySpan(sql, std::span<const Param>(params.begin(), params.size()));
  }
  // Returns the number of rows changed. A unique-constraint violation is kConflict.
  [[nodiscard]] Result<std::int64_t> Execute(std::string_view sql,
                                             std::initializer_list<Param> params = {}) {
    return ExecuteSpan(sql, std::span<const Param>(params.begin(), params.size()));
  }

  // Calls `each` for every row of the result, in order, until it returns false, without keeping
  // the rows: for long scans such as verifying the audit chain. The Row is valid only during the
  // call (a backend may refill the same one). Errors are the statement's, as for Query.
  using RowVisitor = std::function<bool(const Row&)>;
  [[nodiscard]] Status QueryEach(std::string_view sql, std::initializer_list<Param> params,
                                 const RowVisitor& each) {
    return QueryEachSpan(sql, std::span<const Param>(params.begin(), params.size()), each);
  }

  [[nodiscard]] virtual Result<Rows> QuerySpan(std::string_view sql,
                                               std::span<const Param> params) = 0;
  // The default runs QuerySpan and visits its rows; a backend overrides it to skip the copies.
  // Inline: the backends' libraries must not depend on the one that opens them.
  [[nodiscard]] virtual Status QueryEachSpan(std::string_view sql, std::span<const Param> params,
                                             const RowVisitor& each) {
    auto rows = QuerySpan(sql, params);
    if (!rows) return std::unexpected(rows.error());
    for (const Row& row : *rows) {
      if (!each(row)) break;
    }
    return base::Ok();
  }
  [[nodiscard]] virtual Result<std::int64_t> ExecuteSpan(std::string_view sql,
                                                         std::span<const Param> params) = 0;
  // Several statements without parameters (migrations only).
  [[nodiscard]] virtual Status ExecuteScript(std::string_view sql) = 0;

  [[nodiscard]] virtual Backend backend() const = 0;

  // Runs `hook` on the committing thread once this transaction has committed, and never if it
  // rolls back: for copies of committed facts outside the database (the audit mirror), which must
  // neither miss a commit nor report something that was rolled back. Hooks must not throw.
  void AfterCommit(std::function<void()> hook) { after_commit_.push_back(std::move(hook)); }

 protected:
  void RunAfterCommitHooks() {
    auto hooks = std::move(after_commit_);
    after_commit_.clear();
    for (auto& hook : hooks) hook();
  }

 private:
  std::vector<std::function<void()>> after_commit_;
};

// An open transaction with its connection; rolls back on destruction unless committed.
// Implementations provide DoCommit; Commit adds the AfterCommit hooks, so no backend or wrapper
// can forget them.
class TransactionHandle : public Transaction {
 public:
  [[nodiscard]] Status Commit() {
    Status committed = DoCommit();
    if (committed) RunAfterCommitHooks();
    return committed;
  }
  virtual void Rollback() = 0;

 protected:
  [[nodiscard]] virtual Status DoCommit() = 0;
};

struct PoolStats {
  int size = 0;     // connections in the pool
  int in_use = 0;   // connections lent out now
  int waiting = 0;  // callers waiting for a connection
  std::int64_t acquired_total = 0;
  std::int64_t acquire_timeouts_total = 0;
};

class SharedReads;

// A database with a connection pool. Thread-safe: any thread may start transactions.
// Connections that were lost are re-opened on next use, so the server recovers without a
// restart when the database comes back.
class Database {
 public:
  virtual ~Database() = default;

  [[nodiscard]] virtual Backend backend() const = 0;

  // Runs `fn(Transaction&)` in a transaction. Commits when fn returns a value, rolls back when it
  // returns an error or throws. fn must return a Result<T> or Status. Inside a SharedReads scope
  // on this thread, a Read runs on the scope's transaction (see there).
  template <typename F>
  auto Read(F&& fn) -> std::invoke_result_t<F, Transaction&> {
    return Run(TxMode::kRead, std::forward<F>(fn));
  }
  template <typename F>
  auto Write(F&& fn) -> std::invoke_result_t<F, Transaction&> {
    return Run(TxMode::kWrite, std::forward<F>(fn));
  }

  [[nodiscard]] virtual Result<std::unique_ptr<TransactionHandle>> Begin(TxMode mode) = 0;

  // A cheap round trip to prove the database answers (used by /readyz).
  [[nodiscard]] virtual Status Ping() = 0;
  [[nodiscard]] virtual PoolStats Stats() const = 0;
  // Closes every idle connection and refuses new transactions; used at shutdown.
  virtual void Close() = 0;

 private:
  // Marks the calling thread's SharedReads scope on this database busy while a Read runs on its
  // transaction, and frees it again; a Read that fails or throws ends the shared transaction, so
  // the next Read starts a clean one (on PostgreSQL a failed statement poisons the transaction).
  class SharedReadUse {
   public:
    explicit SharedReadUse(SharedReads& scope) : scope_(scope) {}
    ~SharedReadUse();
    SharedReadUse(const SharedReadUse&) = delete;
    SharedReadUse& operator=(const SharedReadUse&) = delete;
    void Succeeded() { succeeded_ = true; }

   private:
    SharedReads& scope_;
    bool succeeded_ = false;
  };
  // Counts a running Write in the calling thread's scopes on this database, if any: it ends their
  // shared read transactions first (the Reads after it must see what it wrote) and keeps Reads
  // nested in it from starting a new one.
  class WriteInScope {
   public:
    explicit WriteInScope(Database& db);
    ~WriteInScope();
    WriteInScope(const WriteInScope&) = delete;
    WriteInScope& operator=(const WriteInScope&) = delete;

   private:
    Database& db_;
  };

  // The calling thread's SharedReads scope on this database with its transaction begun, when a
  // Read may run on it now; nullptr when the Read takes a transaction of its own.
  [[nodiscard]] Result<SharedReads*> SharedReadScope();

  template <typename F>
  auto Run(TxMode mode, F&& fn) -> std::invoke_result_t<F, Transaction&> {
    using R = std::invoke_result_t<F, Transaction&>;
    if (mode == TxMode::kRead) {
      auto scope = SharedReadScope();
      if (!scope) return R(std::unexpected(scope.error()));
      if (*scope != nullptr) return RunShared(**scope, std::forward<F>(fn));
      return RunOwn(mode, std::forward<F>(fn));
    }
    WriteInScope write(*this);
    return RunOwn(mode, std::forward<F>(fn));
  }

  template <typename F>
  auto RunShared(SharedReads& scope, F&& fn) -> std::invoke_result_t<F, Transaction&>;

  template <typename F>
  auto RunOwn(TxMode mode, F&& fn) -> std::invoke_result_t<F, Transaction&> {
    using R = std::invoke_result_t<F, Transaction&>;
    auto tx = Begin(mode);
    if (!tx) return R(std::unexpected(tx.error()));
    R result = std::forward<F>(fn)(**tx);
    if (!result) {
      (*tx)->Rollback();
      return result;
    }
    if (auto committed = (*tx)->Commit(); !committed) return R(std::unexpected(committed.error()));
    return result;
  }
};

// Lets the Reads of one request share ONE read transaction: one pooled connection and one
// BEGIN/COMMIT for all of them, where each Read would otherwise take its own. A signed-in page
// reads its session and then its data; on PostgreSQL the second transaction's BEGIN and COMMIT
// were two round trips more per view (decision 0016: +20 % req/s without them; on SQLite the
// gain is about a microsecond). While a scope is open on a thread, Database::Read on that thread
// and database runs on the scope's transaction, begun by the first Read.
//
// What it changes, and why that is safe:
//  - On SQLite the Reads of the scope see one snapshot, taken by its first Read: they agree with
//    each other, and a commit by another request in between is not seen (as if the request had
//    come a moment earlier). On PostgreSQL (READ COMMITTED) each statement sees the latest
//    commits, as separate transactions did.
//  - A Write on the same thread ends the shared transaction before it begins (of every open scope
//    of the thread on that database), so every Read after it sees what it wrote
//    (read-your-writes), and Reads nested inside it take their own.
//  - A Read nested inside another shared Read takes its own transaction, as before (a backend
//    may not run a statement while another streams its rows).
//  - A Read that fails ends the shared transaction; the next Read begins a new one.
//  - The connection stays lent out until the scope closes: open it around one request's work, not
//    around waiting (the serve command closes it before a response waits for its audit entries).
//
// Not copyable or movable; belongs to the thread that opened it. Scopes nest (the inner one shares
// its own transaction). Transaction hooks (AfterCommit) of the shared Reads run when it closes.
class SharedReads {
 public:
  explicit SharedReads(Database& db);
  // Ends the shared transaction, if one was begun.
  ~SharedReads();
  SharedReads(const SharedReads&) = delete;
  SharedReads& operator=(const SharedReads&) = delete;

  // Whether a transaction is open now (tests).
  [[nodiscard]] bool open() const { return tx_ != nullptr; }

 private:
  friend class Database;
  void End();

  static thread_local SharedReads* current_;

  Database& db_;
  SharedReads* const outer_;
  std::unique_ptr<TransactionHandle> tx_;
  bool busy_ = false;       // a Read is running on tx_
  bool stale_ = false;      // a Write began during that Read: end tx_ when it returns
  int writes_running_ = 0;  // Writes on this thread, on db_, running now
};

template <typename F>
auto Database::RunShared(SharedReads& scope, F&& fn) -> std::invoke_result_t<F, Transaction&> {
  using R = std::invoke_result_t<F, Transaction&>;
  SharedReadUse use(scope);
  R result = std::forward<F>(fn)(*scope.tx_);
  if (result) use.Succeeded();
  return result;
}

struct DatabaseOptions {
  int pool_size = 8;
  int acquire_timeout_ms = 5000;
  int busy_timeout_ms = 5000;  // SQLite: how long a writer waits for the lock
  // SQLite: page cache per connection. SQLite's own default (2 MiB) makes every view of a
  // larger database re-read pages from the file; the pool holds pool_size + 1 connections.
  int sqlite_cache_mib = 16;
};

// Opens "sqlite:PATH" (PATH may be ":memory:" for tests) or "postgresql://..." /
// "postgres://...". An unknown scheme is kInvalidInput; an unreachable server is kUnavailable.
// Defined in storage/open_database.cc, the only file that knows both backends.
[[nodiscard]] Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url,
                                                             const DatabaseOptions& options);

// The URL with any password replaced by "***", for logs and `config check`.
std::string RedactUrl(std::string_view url);

}  // namespace fyren::storage
