#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"
#include "storage/value.h"

namespace fyren::storage::postgres {

// One libpq connection with its prepared-statement cache. Internal to storage/postgres.
//
// Parameters: int64, double and text go as text, blobs as binary (format 1), all with types
// inferred by the server from the statement. Results are requested as text and decoded by the
// column's type OID (see pg_decode.h): text results decode every type the server has, the
// decoding is short enough to audit, and float8 text is exact since PostgreSQL 12.
//
// Thread-safety: none; a connection is used by one thread at a time (the pool guarantees it).
// Failures: SQLSTATE 23505 kConflict, other class 23 kInvalidInput, a lost connection (class 08,
// CONNECTION_BAD) and retryable contention (deadlock, serialization, lock or statement timeout,
// shutdown, resources) kUnavailable, everything else kInternal. `detail` holds the SQLSTATE,
// the constraint name and the server's primary message, never its DETAIL field (which quotes row
// values, i.e. personal data) and no message of class 22 (which quotes the input value).
class Connection {
 public:
  // Connects to `url` (a postgresql:// URL or conninfo string). kUnavailable when unreachable.
  [[nodiscard]] static base::Result<std::unique_ptr<Connection>> Open(const std::string& url,
                                                                      int connect_timeout_s);
  // Takes ownership of `conn`. Use Open().
  explicit Connection(PGconn* conn) : conn_(conn) {}
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] base::Result<Rows> Query(std::string_view sql, std::span<const Param> params);
  // Rows changed by an INSERT, UPDATE, DELETE or MERGE; 0 for any other statement.
  [[nodiscard]] base::Result<std::int64_t> Execute(std::string_view sql,
                                                   std::span<const Param> params);
  // Several statements without parameters, sent as one simple query and not prepared.
  [[nodiscard]] base::Status ExecuteScript(std::string_view sql);

  // COMMIT, checking that the server really committed (COMMIT of a failed transaction answers
  // ROLLBACK without an error). A connection lost during COMMIT is kUnavailable: the outcome is
  // unknown to us.
  [[nodiscard]] base::Status Commit();
  // Best effort; if it fails the connection is left in a transaction and the pool closes it.
  void Rollback();

  [[nodiscard]] bool IsBroken() const;
  [[nodiscard]] bool InTransaction() const;

 private:
  struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
  };
  using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;
  struct ConnDeleter {
    void operator()(PGconn* conn) const { PQfinish(conn); }
  };

  struct Prepared {
    std::string name;
    int parameter_count = 0;
  };
  [[nodiscard]] base::Result<const Prepared*> Prepare(std::string_view sql);
  [[nodiscard]] base::Result<ResultPtr> Run(std::string_view sql, std::span<const Param> params);
  [[nodiscard]] base::Error ErrorFrom(const PGresult* result, std::string_view during) const;

  std::unique_ptr<PGconn, ConnDeleter> conn_;
  // Statement text -> server-side prepared statement on this connection.
  std::unordered_map<std::string, Prepared> statements_;
  std::uint64_t next_statement_ = 0;
};

}  // namespace fyren::storage::postgres
