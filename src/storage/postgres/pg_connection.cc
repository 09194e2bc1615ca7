#include "storage/postgres/pg_connection.h"

#include <charconv>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "storage/postgres/pg_decode.h"

namespace fyren::storage::postgres {
namespace {

using base::Error;
using base::ErrorCode;
using base::Fail;
using base::Result;
using base::Status;

constexpr int kTextFormat = 0;
constexpr int kBinaryFormat = 1;
constexpr std::size_t kMaxCachedStatements = 512;

// Notices ("relation already exists, skipping") would otherwise go to stderr, bypassing the
// structured log.
void IgnoreNotice(void* /*arg*/, const char* /*message*/) {}

Error MakeError(ErrorCode code, std::string detail) {
  std::string message;
  switch (code) {
    case ErrorCode::kConflict:
      message = "a record with the same unique value already exists";
      break;
    case ErrorCode::kInvalidInput:
      message = "the change breaks a rule of the database";
      break;
    case ErrorCode::kUnavailable:
      message = "the database is unavailable or busy; please try again";
      break;
    default:
      message = "database error";
  }
  return Error{
      .code = code, .message = std::move(message), .detail = std::move(detail), .field = {}};
}

ErrorCode CodeFor(std::string_view sqlstate) {
  if (sqlstate == "23505") return ErrorCode::kConflict;
  if (sqlstate.starts_with("23")) return ErrorCode::kInvalidInput;
  if (sqlstate.starts_with("08") || sqlstate.starts_with("53") || sqlstate.starts_with("57P") ||
      sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" || sqlstate == "57014") {
    return ErrorCode::kUnavailable;
  }
  return ErrorCode::kInternal;
}

std::string_view Field(const PGresult* result, int field) {
  const char* value = result == nullptr ? nullptr : PQresultErrorField(result, field);
  return value == nullptr ? std::string_view() : std::string_view(value);
}

// Text parameters must be NUL-terminated for libpq, so they are copied; the copies live in a
// vector sized up front so that the pointers stay valid.
struct Parameters {
  std::vector<std::string> texts;
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
};

Result<Parameters> Encode(std::span<const Param> params) {
  Parameters out;
  out.texts.reserve(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Param::Variant& v = params[i].value();
    if (std::holds_alternative<std::nullptr_t>(v)) {
      out.values.push_back(nullptr);
      out.lengths.push_back(0);
      out.formats.push_back(kTextFormat);
      continue;
    }
    if (const auto* blob = std::get_if<BlobView>(&v)) {
      out.values.push_back(blob->bytes.data());
      out.lengths.push_back(static_cast<int>(blob->bytes.size()));
      out.formats.push_back(kBinaryFormat);
      continue;
    }
    std::string& text = out.texts.emplace_back();
    if (const auto* s = std::get_if<std::string_view>(&v)) {
      if (s->find('\0') != std::string_view::npos) {
        return Fail(ErrorCode::kInvalidInput, "text must not contain NUL characters",
                    "bind: parameter " + std::to_string(i + 1) + " holds a NUL byte");
      }
      text.assign(*s);
    } else {
      char buffer[32];
      const auto [end, ec] =
          std::holds_alternative<double>(v)
              ? std::to_chars(buffer, buffer + sizeof buffer, std::get<double>(v))
              : std::to_chars(buffer, buffer + sizeof buffer, std::get<std::int64_t>(v));
      (void)ec;  // 32 bytes hold any int64 or shortest round-trip double
      text.assign(buffer, end);
    }
    out.values.push_back(text.c_str());
    out.lengths.push_back(static_cast<int>(text.size()));
    out.formats.push_back(kTextFormat);
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& url,
                                                     int connect_timeout_s) {
  const std::string timeout = std::to_string(connect_timeout_s < 2 ? 2 : connect_timeout_s);
  // Keywords before "dbname" are defaults the URL may override (libpq processes them in order).
  const char* keywords[] = {"connect_timeout", "application_name", "client_encoding", "dbname",
                            nullptr};
  const char* values[] = {timeout.c_str(), "fyren", "UTF8", url.c_str(), nullptr};
  auto conn = std::make_unique<Connection>(PQconnectdbParams(keywords, values, 1));
  if (!conn->conn_) {
    return Fail(ErrorCode::kUnavailable, "cannot connect to the database", "libpq out of memory");
  }
  if (PQstatus(conn->conn_.get()) != CONNECTION_OK) {
    return Fail(ErrorCode::kUnavailable, "cannot connect to the database",
                std::string("connect: ") + PQerrorMessage(conn->conn_.get()));
  }
  PQsetNoticeProcessor(conn->conn_.get(), IgnoreNotice, nullptr);
  return conn;
}

Connection::~Connection() = default;

bool Connection::IsBroken() const { return PQstatus(conn_.get()) != CONNECTION_OK; }

bool Connection::InTransaction() const { return PQtransactionStatus(conn_.get()) != PQTRANS_IDLE; }

Error Connection::ErrorFrom(const PGresult* result, std::string_view during) const {
  const std::string_view sqlstate = Field(result, PG_DIAG_SQLSTATE);
  if (sqlstate.empty() || IsBroken()) {
    // No SQLSTATE: the failure happened in libpq or on the wire, not in the server.
    return MakeError(IsBroken() ? ErrorCode::kUnavailable : ErrorCode::kInternal,
                     std::string(during) + ": " + PQerrorMessage(conn_.get()));
  }
  std::string detail = std::string(during) + ": sqlstate " + std::string(sqlstate);
  if (const std::string_view constraint = Field(result, PG_DIAG_CONSTRAINT_NAME);
      !constraint.empty()) {
    detail += " constraint " + std::string(constraint);
  }
  if (!sqlstate.starts_with("22"))
    detail += ": " + std::string(Field(result, PG_DIAG_MESSAGE_PRIMARY));
  return MakeError(CodeFor(sqlstate), std::move(detail));
}

Result<const Connection::Prepared*> Connection::Prepare(std::string_view sql) {
  const std::string key(sql);
  if (auto found = statements_.find(key); found != statements_.end()) return &found->second;
  if (statements_.size() >= kMaxCachedStatements) {
    if (auto dropped = ExecuteScript("DEALLOCATE ALL"); !dropped) {
      return std::unexpected(dropped.error());
    }
    statements_.clear();
  }
  Prepared prepared{.name = "fyren_" + std::to_string(next_statement_++), .parameter_count = 0};
  ResultPtr result(PQprepare(conn_.get(), prepared.name.c_str(), key.c_str(), 0, nullptr));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    return std::unexpected(ErrorFrom(result.get(), "prepare"));
  }
  // The server would answer a wrong parameter count with a protocol-violation SQLSTATE (class
  // 08, which reads as a lost connection); knowing the count lets Run report the bug as such.
  ResultPtr described(PQdescribePrepared(conn_.get(), prepared.name.c_str()));
  if (PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
    return std::unexpected(ErrorFrom(described.get(), "describe"));
  }
  prepared.parameter_count = PQnparams(described.get());
  return &statements_.emplace(key, std::move(prepared)).first->second;
}

Result<Connection::ResultPtr> Connection::Run(std::string_view sql, std::span<const Param> params) {
  auto encoded = Encode(params);
  if (!encoded) return std::unexpected(encoded.error());
  auto prepared = Prepare(sql);
  if (!prepared) return std::unexpected(prepared.error());
  if (static_cast<std::size_t>((*prepared)->parameter_count) != params.size()) {
    return Fail(ErrorCode::kInternal, "database error",
                "bind: statement takes " + std::to_string((*prepared)->parameter_count) +
                    " parameters, got " + std::to_string(params.size()));
  }
  ResultPtr result(PQexecPrepared(conn_.get(), (*prepared)->name.c_str(),
                                  static_cast<int>(encoded->values.size()), encoded->values.data(),
                                  encoded->lengths.data(), encoded->formats.data(), kTextFormat));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return std::unexpected(ErrorFrom(result.get(), "execute"));
  }
  return result;
}

Result<Rows> Connection::Query(std::string_view sql, std::span<const Param> params) {
  auto result = Run(sql, params);
  if (!result) return std::unexpected(result.error());
  PGresult* res = result->get();
  const int row_count = PQntuples(res);
  const int column_count = PQnfields(res);
  Rows rows;
  rows.reserve(static_cast<std::size_t>(row_count));
  for (int r = 0; r < row_count; ++r) {
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(column_count));
    for (int c = 0; c < column_count; ++c) {
      if (PQgetisnull(res, r, c)) {
        values.emplace_back(nullptr);
        continue;
      }
      const std::string_view text(PQgetvalue(res, r, c),
                                  static_cast<std::size_t>(PQgetlength(res, r, c)));
      auto value = DecodeText(PQftype(res, c), text);
      if (!value) {
        return Fail(ErrorCode::kInternal, "database error",
                    "decode: column " + std::to_string(c) + " of type " +
                        std::to_string(PQftype(res, c)) + " has an unexpected form");
      }
      values.push_back(std::move(*value));
    }
    rows.emplace_back(std::move(values));
  }
  return rows;
}

Result<std::int64_t> Connection::Execute(std::string_view sql, std::span<const Param> params) {
  auto result = Run(sql, params);
  if (!result) return std::unexpected(result.error());
  const std::string_view tag = PQcmdStatus(result->get());
  if (!(tag.starts_with("INSERT") || tag.starts_with("UPDATE") || tag.starts_with("DELETE") ||
        tag.starts_with("MERGE"))) {
    return 0;
  }
  const std::string_view count = PQcmdTuples(result->get());
  std::int64_t changed = 0;
  std::from_chars(count.data(), count.data() + count.size(), changed);
  return changed;
}

Status Connection::ExecuteScript(std::string_view sql) {
  const std::string text(sql);
  ResultPtr result(PQexec(conn_.get(), text.c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return std::unexpected(ErrorFrom(result.get(), "script"));
  }
  return base::Ok();
}

Status Connection::Commit() {
  ResultPtr result(PQexec(conn_.get(), "COMMIT"));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    return std::unexpected(ErrorFrom(result.get(), "commit"));
  }
  if (std::string_view(PQcmdStatus(result.get())) != "COMMIT") {
    return Fail(ErrorCode::kInternal, "database error",
                "commit: the server rolled the transaction back");
  }
  return base::Ok();
}

void Connection::Rollback() {
  if (!IsBroken() && InTransaction()) ResultPtr(PQexec(conn_.get(), "ROLLBACK"));
}

}  // namespace fyren::storage::postgres
