#include "storage/sqlite/sqlite_connection.h"

#include <mutex>
#include <string>
#include <utility>
#include <variant>

#include "storage/sqlite/placeholders.h"

namespace fyren::storage::sqlite {
namespace {

using base::Error;
using base::ErrorCode;
using base::Fail;
using base::Result;
using base::Status;

// Statement texts are constants in the code, so the cache stays small. The bound only matters
// if a caller builds SQL at run time (for example IN lists of varying length): then the cache
// is emptied instead of growing without limit.
constexpr std::size_t kMaxCachedStatements = 512;

// Always resets the statement and drops the bindings, so no parameter view outlives the call
// and the next use of the cached statement starts clean.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~ResetOnExit() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

// Reads `column` into `into`, reusing the string it may already hold.
void ReadColumn(sqlite3_stmt* stmt, int column, Value& into) {
  switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
      into = static_cast<std::int64_t>(sqlite3_column_int64(stmt, column));
      return;
    case SQLITE_FLOAT:
      into = sqlite3_column_double(stmt, column);
      return;
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, column));
      if (auto* held = std::get_if<std::string>(&into)) {
        held->assign(text, size);
      } else {
        into = std::string(text, size);
      }
      return;
    }
    case SQLITE_BLOB: {
      const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, column));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, column));
      const std::string_view bytes =
          data == nullptr ? std::string_view() : std::string_view(data, size);
      if (auto* held = std::get_if<Blob>(&into)) {
        held->bytes.assign(bytes);
      } else {
        into = Blob{.bytes = std::string(bytes)};
      }
      return;
    }
    default:
      into = nullptr;
  }
}

// An empty string_view may have a null data pointer, which SQLite would bind as NULL; an empty
// text or blob must stay an empty value.
constexpr char kEmpty[] = "";

int BindOne(sqlite3_stmt* stmt, int index, const Param& param) {
  const Param::Variant& v = param.value();
  if (std::holds_alternative<std::nullptr_t>(v)) return sqlite3_bind_null(stmt, index);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return sqlite3_bind_int64(stmt, index, *i);
  if (const auto* d = std::get_if<double>(&v)) return sqlite3_bind_double(stmt, index, *d);
  if (const auto* s = std::get_if<std::string_view>(&v)) {
    // SQLITE_STATIC is safe: the bindings are cleared before the call returns (ResetOnExit).
    return sqlite3_bind_text64(stmt, index, s->empty() ? kEmpty : s->data(), s->size(),
                               SQLITE_STATIC, SQLITE_UTF8);
  }
  const auto& blob = std::get<BlobView>(v);
  if (blob.bytes.empty()) return sqlite3_bind_zeroblob(stmt, index, 0);
  return sqlite3_bind_blob64(stmt, index, blob.bytes.data(), blob.bytes.size(), SQLITE_STATIC);
}

}  // namespace

base::Error SqliteError(sqlite3* db, int rc, std::string_view during) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  std::string detail = std::string(during) + ": " +
                       (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) +
                       " (sqlite code " + std::to_string(extended) + ")";
  switch (extended & 0xff) {
    case SQLITE_CONSTRAINT:
      if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Error{.code = ErrorCode::kConflict,
                     .message = "a record with the same unique value already exists",
                     .detail = std::move(detail),
                     .field = {}};
      }
      return Error{.code = ErrorCode::kInvalidInput,
                   .message = "the change breaks a rule of the database",
                   .detail = std::move(detail),
                   .field = {}};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error{.code = ErrorCode::kUnavailable,
                   .message = "the database is busy; please try again",
                   .detail = std::move(detail),
                   .field = {}};
    default:
      return Error{.code = ErrorCode::kInternal,
                   .message = "database error",
                   .detail = std::move(detail),
                   .field = {}};
  }
}

void ConfigureLibraryOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Memory statistics make every allocation inside SQLite take one process-wide mutex, which
    // the pool's readers then queue for (a futex call per contended allocation, ~14 % of the
    // server's futex calls on the case list). Fyren reads none of those statistics and sets no
    // soft heap limit, which is what they are for. SQLITE_MISUSE (already initialised, e.g. by
    // a test) leaves the default, which is slower but equally correct.
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Access access,
                                                     int busy_timeout_ms, int cache_mib) {
  ConfigureLibraryOnce();
  // NOMUTEX: the pool already gives each connection to one thread at a time.
  const int flags = SQLITE_OPEN_NOMUTEX |
                    (access == Access::kReadOnly ? SQLITE_OPEN_READONLY
                                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  auto conn = std::make_unique<Connection>(raw);  // owns `raw` even if opening failed
  if (rc != SQLITE_OK) {
    Error error = SqliteError(raw, rc, "open");
    error.code = ErrorCode::kUnavailable;
    error.message = "the database cannot be opened";
    return std::unexpected(std::move(error));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, busy_timeout_ms);

  // synchronous=FULL: a commit returns only after the WAL is on disk, so every acknowledged
  // write survives a power cut. foreign_keys is off by default in SQLite and per connection.
  // trusted_schema=OFF: SQL functions in the schema cannot run with the application's rights.
  // secure_delete=ON: deleted rows (e.g. after retention) are overwritten, not left in free
  // pages of the file.
  std::string pragmas =
      "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA trusted_schema = OFF;";
  if (access == Access::kReadWrite) pragmas += " PRAGMA secure_delete = ON;";
  // A negative cache_size is in KiB.
  pragmas += " PRAGMA cache_size = -" + std::to_string(std::int64_t{cache_mib} * 1024) + ";";
  if (auto applied = conn->ExecuteScript(pragmas); !applied) {
    return std::unexpected(applied.error());
  }
  if (access == Access::kReadWrite && path != ":memory:") {
    // WAL lets readers run beside the one writer. The mode is stored in the file, so only the
    // writer sets it; the answer tells whether it took effect.
    auto mode = conn->Query("PRAGMA journal_mode = WAL", {});
    if (!mode) return std::unexpected(mode.error());
    const auto* answer = mode->empty() ? nullptr : std::get_if<std::string>(&(*mode)[0].at(0));
    if (answer == nullptr || *answer != "wal") {
      return Fail(ErrorCode::kInternal, "database error", "could not switch SQLite to WAL mode");
    }
  }
  return conn;
}

Connection::~Connection() = default;

Status Connection::Begin(bool immediate) {
  return RunCached(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Status Connection::Commit() { return RunCached("COMMIT"); }

void Connection::Rollback() {
  if (InTransaction()) (void)RunCached("ROLLBACK");
}

Status Connection::RunCached(std::string_view sql) {
  auto stmt = Prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  return Run(*stmt, {}, nullptr);
}

bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }

Result<sqlite3_stmt*> Connection::Prepare(std::string_view sql) {
  if (auto found = statements_.find(sql); found != statements_.end()) return found->second.get();
  if (statements_.size() >= kMaxCachedStatements) statements_.clear();

  const std::string rewritten = RewritePlaceholders(sql);
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc =
      sqlite3_prepare_v3(db_.get(), rewritten.c_str(), static_cast<int>(rewritten.size()),
                         SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  StatementPtr stmt(raw);
  if (rc != SQLITE_OK) return std::unexpected(SqliteError(db_.get(), rc, "prepare"));
  if (stmt == nullptr) {
    return Fail(ErrorCode::kInternal, "database error", "prepare: the statement is empty");
  }
  if (tail != nullptr &&
      std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    return Fail(ErrorCode::kInternal, "database error",
                "prepare: more than one statement; use ExecuteScript");
  }
  sqlite3_stmt* result = stmt.get();
  statements_.emplace(std::string(sql), std::move(stmt));
  return result;
}

Status Connection::Bind(sqlite3_stmt* stmt, std::span<const Param> params) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (static_cast<std::size_t>(expected) != params.size()) {
    return Fail(ErrorCode::kInternal, "database error",
                "bind: statement takes " + std::to_string(expected) + " parameters, got " +
                    std::to_string(params.size()));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    // PostgreSQL cannot store NUL in text; refusing it here too keeps the backends alike and
    // keeps binary data in BlobView where it belongs.
    if (const auto* s = std::get_if<std::string_view>(&params[i].value());
        s != nullptr && s->find('\0') != std::string_view::npos) {
      return Fail(ErrorCode::kInvalidInput, "text must not contain NUL characters",
                  "bind: parameter " + std::to_string(i + 1) + " holds a NUL byte");
    }
    const int rc = BindOne(stmt, static_cast<int>(i + 1), params[i]);
    if (rc != SQLITE_OK) return std::unexpected(SqliteError(db_.get(), rc, "bind"));
  }
  return base::Ok();
}

Status Connection::Run(sqlite3_stmt* stmt, std::span<const Param> params,
                       const std::function<bool(Row&)>* on_row) {
  ResetOnExit reset(stmt);
  if (auto bound = Bind(stmt, params); !bound) return bound;
  const auto columns = static_cast<std::size_t>(sqlite3_column_count(stmt));
  Row row;
  while (true) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) return base::Ok();
    if (rc != SQLITE_ROW) return std::unexpected(SqliteError(db_.get(), rc, "step"));
    if (on_row == nullptr) continue;
    std::vector<Value>& values = row.mutable_values();
    values.resize(columns);  // again after the callee moved the row away
    for (std::size_t c = 0; c < columns; ++c) ReadColumn(stmt, static_cast<int>(c), values[c]);
    if (!(*on_row)(row)) return base::Ok();
  }
}

Result<Rows> Connection::Query(std::string_view sql, std::span<const Param> params) {
  auto stmt = Prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  Rows rows;
  const std::function<bool(Row&)> keep = [&](Row& row) {
    rows.push_back(std::move(row));
    return true;
  };
  if (auto ran = Run(*stmt, params, &keep); !ran) return std::unexpected(ran.error());
  return rows;
}

Status Connection::QueryEach(std::string_view sql, std::span<const Param> params,
                             const std::function<bool(const Row&)>& each) {
  auto stmt = Prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  const std::function<bool(Row&)> visit = [&](Row& row) { return each(row); };
  return Run(*stmt, params, &visit);
}

Result<std::int64_t> Connection::Execute(std::string_view sql, std::span<const Param> params) {
  auto stmt = Prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  // sqlite3_changes64() keeps the count of the last INSERT/UPDATE/DELETE even after other kinds
  // of statements; comparing the running total tells whether this statement changed anything.
  const sqlite3_int64 before = sqlite3_total_changes64(db_.get());
  if (auto ran = Run(*stmt, params, nullptr); !ran) return std::unexpected(ran.error());
  if (sqlite3_total_changes64(db_.get()) == before) return 0;
  return static_cast<std::int64_t>(sqlite3_changes64(db_.get()));
}

Status Connection::ExecuteScript(std::string_view sql) {
  const std::string text(sql);
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(SqliteError(db_.get(), rc, "script"));
  return base::Ok();
}

}  // namespace fyren::storage::sqlite
