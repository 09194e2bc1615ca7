#include "trust/sessions/session_store.h"

namespace fyren::trust::sessions {
namespace {

constexpr std::string_view kColumns =
    "session_id, public_handle, user_id, stage, csrf_token, created_at, last_seen_at, "
    "authenticated_at, mfa_at, ended_at";
// The same, of sessions aliased s, for a statement that joins more beside it.
constexpr std::string_view kAliasedColumns =
    "s.session_id, s.public_handle, s.user_id, s.stage, s.csrf_token, s.created_at, "
    "s.last_seen_at, s.authenticated_at, s.mfa_at, s.ended_at";

base::Result<SessionRecord> Decode(base::TenantId tenant, const storage::Row& row) {
  const auto stage = ParseSessionStage(row.Text(3));
  if (!stage) {
    return base::Fail(base::ErrorCode::kInternal, "database error",
                      "sessions.stage holds an unknown value");
  }
  SessionRecord r;
  r.tenant = tenant;
  r.session_id = row.Int(0);
  r.public_handle = row.Text(1);
  r.user_id = row.Int(2);
  r.stage = *stage;
  r.csrf_token = row.Text(4);
  r.created_at = base::FromUnixMicros(row.Int(5));
  r.last_seen_at = base::FromUnixMicros(row.Int(6));
  r.authenticated_at = base::FromUnixMicros(row.Int(7));
  if (auto v = row.OptionalInt(8)) r.mfa_at = base::FromUnixMicros(*v);
  if (auto v = row.OptionalInt(9)) r.ended_at = base::FromUnixMicros(*v);
  return r;
}

}  // namespace

base::Status SessionStore::Insert(storage::Transaction& tx, const SessionRecord& r,
                                  std::string_view token_hash) {
  const std::optional<std::int64_t> mfa_at =
      r.mfa_at ? std::optional(base::ToUnixMicros(*r.mfa_at)) : std::nullopt;
  auto done = tx.Execute(
      "INSERT INTO sessions (tenant_id, session_id, token_hash, public_handle, user_id, stage, "
      "csrf_token, created_at, last_seen_at, authenticated_at, mfa_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {r.tenant.value(), r.session_id, storage::BlobView{token_hash}, r.public_handle, r.user_id,
       ToString(r.stage), r.csrf_token, base::ToUnixMicros(r.created_at),
       base::ToUnixMicros(r.last_seen_at), base::ToUnixMicros(r.authenticated_at), mfa_at});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Result<std::optional<SessionRecord>> SessionStore::FindByTokenHash(
    storage::Transaction& tx, base::TenantId tenant, std::string_view token_hash) {
  static const std::string kSql =
      "SELECT " + std::string(kColumns) + " FROM sessions WHERE tenant_id = $1 AND token_hash = $2";
  return FindByTokenHashWith(tx, tenant, token_hash, kSql, nullptr);
}

std::string SessionStore::FindByTokenHashSql(std::string_view extra_columns,
                                             std::string_view extra_joins) {
  std::string sql = "SELECT ";
  sql.append(kAliasedColumns);
  if (!extra_columns.empty()) sql.append(", ").append(extra_columns);
  sql.append(" FROM sessions s").append(extra_joins);
  sql.append(" WHERE s.tenant_id = $1 AND s.token_hash = $2");
  return sql;
}

base::Result<std::optional<SessionRecord>> SessionStore::FindByTokenHashWith(
    storage::Transaction& tx, base::TenantId tenant, std::string_view token_hash,
    const std::string& sql, const RowReader& read_row) {
  auto rows = tx.Query(sql, {tenant.value(), storage::BlobView{token_hash}});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<SessionRecord>();
  auto record = Decode(tenant, rows->front());
  if (!record) return std::unexpected(record.error());
  if (read_row) {
    if (auto ok = read_row(*record, rows->front()); !ok) return std::unexpected(ok.error());
  }
  return std::optional(std::move(*record));
}

base::Status SessionStore::Touch(storage::Transaction& tx, base::TenantId tenant,
                                 std::int64_t session_id, base::TimePoint at) {
  auto done = tx.Execute(
      "UPDATE sessions SET last_seen_at = $3 WHERE tenant_id = $1 AND session_id = $2 "
      "AND ended_at IS NULL",
      {tenant.value(), session_id, base::ToUnixMicros(at)});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Status SessionStore::SetMfaAt(storage::Transaction& tx, base::TenantId tenant,
                                    std::int64_t session_id, base::TimePoint at) {
  auto done = tx.Execute(
      "UPDATE sessions SET mfa_at = $3, last_seen_at = $3 WHERE tenant_id = $1 AND "
      "session_id = $2 AND ended_at IS NULL",
      {tenant.value(), session_id, base::ToUnixMicros(at)});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Result<bool> SessionStore::End(storage::Transaction& tx, base::TenantId tenant,
                                     std::int64_t session_id, base::TimePoint at,
                                     std::string_view reason) {
  auto done = tx.Execute(
      "UPDATE sessions SET ended_at = $3, end_reason = $4 WHERE tenant_id = $1 AND "
      "session_id = $2 AND ended_at IS NULL",
      {tenant.value(), session_id, base::ToUnixMicros(at), reason});
  if (!done) return std::unexpected(done.error());
  return *done > 0;
}

base::Result<std::int64_t> SessionStore::EndAllForUser(storage::Transaction& tx,
                                                       base::TenantId tenant, std::int64_t user_id,
                                                       base::TimePoint at,
                                                       std::string_view reason) {
  return tx.Execute(
      "UPDATE sessions SET ended_at = $3, end_reason = $4 WHERE tenant_id = $1 AND "
      "user_id = $2 AND ended_at IS NULL",
      {tenant.value(), user_id, base::ToUnixMicros(at), reason});
}

base::Result<std::int64_t> SessionStore::CountOpenForUser(storage::Transaction& tx,
                                                          base::TenantId tenant,
                                                          std::int64_t user_id) {
  auto rows = tx.Query(
      "SELECT COUNT(*) FROM sessions WHERE tenant_id = $1 AND user_id = $2 AND ended_at IS NULL",
      {tenant.value(), user_id});
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

}  // namespace fyren::trust::sessions
