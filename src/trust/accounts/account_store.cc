#include "trust/accounts/account_store.h"

namespace fyren::trust::accounts {
namespace {

using storage::BlobView;

constexpr std::string_view kUserColumns =
    "user_id, public_id, username, display_name, unit_id, password_hash, totp_secret, "
    "totp_pending_secret, totp_last_step, is_demo, active, locked_at, version";

template <typename T>
base::Result<T> Pass(const base::Result<std::int64_t>& done, T value) {
  if (!done) return std::unexpected(done.error());
  return value;
}

base::Status Check(const base::Result<std::int64_t>& done) {
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Status LoadRoles(storage::Transaction& tx, UserRecord& user) {
  auto rows = tx.Query("SELECT role FROM user_roles WHERE tenant_id = $1 AND user_id = $2",
                       {user.tenant.value(), user.user_id});
  if (!rows) return std::unexpected(rows.error());
  for (const auto& row : *rows) {
    const auto role = ParseRole(row.Text(0));
    if (!role) {
      return base::Fail(base::ErrorCode::kInternal, "database error",
                        "user_roles.role holds an unknown value");
    }
    user.roles.push_back(*role);
  }
  return base::Ok();
}

UserRecord Decode(base::TenantId tenant, const storage::Row& row) {
  UserRecord u;
  u.tenant = tenant;
  u.user_id = row.Int(0);
  u.public_id = row.Text(1);
  u.username = row.Text(2);
  u.display_name = row.Text(3);
  u.unit = base::OrganisationId(row.Int(4));
  u.password_hash = row.Text(5);
  u.totp_secret = row.OptionalBytes(6);
  u.totp_pending = row.OptionalBytes(7);
  u.totp_last_step = row.Int(8);
  u.is_demo = row.Int(9) != 0;
  u.active = row.Int(10) != 0;
  if (auto locked = row.OptionalInt(11)) u.locked_at = base::FromUnixMicros(*locked);
  u.version = row.Int(12);
  return u;
}

base::Result<std::optional<UserRecord>> FindOne(storage::Transaction& tx, base::TenantId tenant,
                                                std::string_view sql,
                                                std::initializer_list<storage::Param> params) {
  auto rows = tx.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<UserRecord>();
  UserRecord user = Decode(tenant, rows->front());
  if (auto ok = LoadRoles(tx, user); !ok) return std::unexpected(ok.error());
  return std::optional(std::move(user));
}

base::Result<std::optional<UnitInfo>> FindUnitWhere(storage::Transaction& tx, base::TenantId tenant,
                                                    std::string_view sql,
                                                    std::initializer_list<storage::Param> params) {
  auto rows = tx.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<UnitInfo>();
  const auto& row = rows->front();
  UnitInfo unit{.id = base::OrganisationId(row.Int(0)),
                .code = row.Text(1),
                .name_sv = row.Text(2),
                .name_en = row.Text(3),
                .authority = std::nullopt};
  // The nearest authority at or above the unit, one parent at a time: units sit a level or two
  // below their authority, and every signed-in request asks, so point lookups of a cached
  // statement beat a recursive query (its work tables cost ~6 % of a page view's CPU). The
  // bound stops a corrupt cycle.
  std::string_view kind = row.Text(4);
  std::optional<std::int64_t> at = unit.id.value();
  std::optional<std::int64_t> parent;
  if (!row.IsNull(5)) parent = row.Int(5);
  std::string parent_kind;
  for (int depth = 0; depth < 32 && at; ++depth) {
    if (kind == "authority") {
      unit.authority = base::OrganisationId(*at);
      break;
    }
    at = parent;
    if (!at) break;
    auto up = tx.Query(
        "SELECT kind, parent_id FROM organisations WHERE tenant_id = $1 AND organisation_id = $2",
        {tenant.value(), *at});
    if (!up) return std::unexpected(up.error());
    if (up->empty()) break;
    parent_kind = up->front().Text(0);
    kind = parent_kind;
    parent = up->front().IsNull(1) ? std::nullopt : std::optional(up->front().Int(1));
  }
  return std::optional(std::move(unit));
}

}  // namespace

base::Status AccountStore::Insert(storage::Transaction& tx, const UserRecord& u,
                                  base::TimePoint at) {
  const std::int64_t now = base::ToUnixMicros(at);
  const std::optional<std::int64_t> enrolled_at = u.totp_secret ? std::optional(now) : std::nullopt;
  const std::optional<BlobView> secret =
      u.totp_secret ? std::optional(BlobView{*u.totp_secret}) : std::nullopt;
  auto done = tx.Execute(
      "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
      "password_hash, totp_secret, totp_last_step, totp_enrolled_at, is_demo, active, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$13)",
      {u.tenant.value(), u.user_id, u.public_id, u.username, u.display_name, u.unit.value(),
       u.password_hash, secret, u.totp_last_step, enrolled_at, u.is_demo, u.active, now});
  if (!done) return std::unexpected(done.error());
  for (const Role role : u.roles) {
    auto inserted =
        tx.Execute("INSERT INTO user_roles (tenant_id, user_id, role) VALUES ($1, $2, $3)",
                   {u.tenant.value(), u.user_id, ToString(role)});
    if (!inserted) return std::unexpected(inserted.error());
  }
  return base::Ok();
}

base::Result<std::optional<UserRecord>> AccountStore::FindByUsername(storage::Transaction& tx,
                                                                     base::TenantId tenant,
                                                                     std::string_view username) {
  static const std::string kSql =
      "SELECT " + std::string(kUserColumns) + " FROM users WHERE tenant_id = $1 AND username = $2";
  return FindOne(tx, tenant, kSql, {tenant.value(), username});
}

base::Result<std::optional<UserRecord>> AccountStore::FindById(storage::Transaction& tx,
                                                               base::TenantId tenant,
                                                               std::int64_t user_id) {
  static const std::string kSql =
      "SELECT " + std::string(kUserColumns) + " FROM users WHERE tenant_id = $1 AND user_id = $2";
  return FindOne(tx, tenant, kSql, {tenant.value(), user_id});
}

base::Result<std::optional<SessionUser>> AccountStore::FindSessionUser(storage::Transaction& tx,
                                                                       base::TenantId tenant,
                                                                       std::int64_t user_id) {
  // One row per role (one row with a NULL role for a user without roles). The unit and the two
  // organisations above it come along: a unit sits a level or two below its authority, so the
  // authority is almost always among them and the request needs no walk up the tree (which
  // took ~5 % of a record view's CPU as separate point lookups).
  static const std::string kSql =
      "SELECT u.unit_id, u.is_demo, u.active, CASE WHEN u.locked_at IS NULL THEN 0 ELSE 1 END, "
      "r.role, o.organisation_id, o.kind, p1.organisation_id, p1.kind, p2.organisation_id, "
      "p2.kind, p2.parent_id FROM users u "
      "LEFT JOIN organisations o ON o.tenant_id = u.tenant_id AND o.organisation_id = u.unit_id "
      "LEFT JOIN organisations p1 ON p1.tenant_id = o.tenant_id "
      "AND p1.organisation_id = o.parent_id "
      "LEFT JOIN organisations p2 ON p2.tenant_id = p1.tenant_id "
      "AND p2.organisation_id = p1.parent_id "
      "LEFT JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.user_id "
      "WHERE u.tenant_id = $1 AND u.user_id = $2";
  auto rows = tx.Query(kSql, {tenant.value(), user_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<SessionUser>();
  const storage::Row& first = rows->front();
  SessionUser user{.user_id = user_id,
                   .unit = base::OrganisationId(first.Int(0)),
                   .unit_exists = !first.IsNull(5),
                   .authority = std::nullopt,
                   .is_demo = first.Int(1) != 0,
                   .active = first.Int(2) != 0,
                   .locked = first.Int(3) != 0,
                   .roles = {}};
  bool found_authority = false;
  for (const int column : {5, 7, 9}) {
    if (first.IsNull(column)) break;
    if (first.Text(column + 1) == "authority") {
      user.authority = base::OrganisationId(first.Int(column));
      found_authority = true;
      break;
    }
  }
  if (!found_authority && !first.IsNull(11)) {
    // Deeper than the joins reach: walk the rest of the way.
    auto unit = FindUnit(tx, tenant, user.unit);
    if (!unit) return std::unexpected(unit.error());
    if (*unit) user.authority = (*unit)->authority;
  }
  for (const auto& row : *rows) {
    if (row.IsNull(4)) continue;
    const auto role = ParseRole(row.Text(4));
    if (!role) {
      return base::Fail(base::ErrorCode::kInternal, "database error",
                        "user_roles.role holds an unknown value");
    }
    user.roles.push_back(*role);
  }
  return std::optional(std::move(user));
}

base::Result<SessionUserGenerations> AccountStore::FindSessionUserGenerations(
    storage::Transaction& tx, base::TenantId tenant, std::int64_t user_id) {
  static const std::string kSql =
      "SELECT COALESCE((SELECT generation FROM user_generations WHERE tenant_id = $1 AND "
      "user_id = $2), 0), COALESCE((SELECT generation FROM organisation_generations WHERE "
      "tenant_id = $1), 0)";
  auto rows = tx.Query(kSql, {tenant.value(), user_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return base::Fail(base::ErrorCode::kInternal, "database error", "no row");
  return SessionUserGenerations{.user = rows->front().Int(0),
                                .organisations = rows->front().Int(1)};
}

const std::string_view AccountStore::kSessionUserGenerationColumns =
    "COALESCE(ug.generation, 0), COALESCE(og.generation, 0)";
const std::string_view AccountStore::kSessionUserGenerationJoins =
    " LEFT JOIN user_generations ug ON ug.tenant_id = s.tenant_id AND ug.user_id = s.user_id"
    " LEFT JOIN organisation_generations og ON og.tenant_id = s.tenant_id";

SessionUserGenerations AccountStore::SessionUserGenerationsFromRow(const storage::Row& row,
                                                                   std::size_t first) {
  return SessionUserGenerations{.user = row.Int(first), .organisations = row.Int(first + 1)};
}

base::Result<std::optional<UserRecord>> AccountStore::FindByPublicId(storage::Transaction& tx,
                                                                     base::TenantId tenant,
                                                                     std::string_view public_id) {
  static const std::string kSql =
      "SELECT " + std::string(kUserColumns) + " FROM users WHERE tenant_id = $1 AND public_id = $2";
  return FindOne(tx, tenant, kSql, {tenant.value(), public_id});
}

base::Status AccountStore::ReplaceRoles(storage::Transaction& tx, base::TenantId tenant,
                                        std::int64_t user_id, std::span<const Role> roles,
                                        std::int64_t expected_version, base::TimePoint at) {
  auto bumped = tx.Execute(
      "UPDATE users SET version = version + 1, updated_at = $4 WHERE tenant_id = $1 AND "
      "user_id = $2 AND version = $3",
      {tenant.value(), user_id, expected_version, base::ToUnixMicros(at)});
  if (!bumped) return std::unexpected(bumped.error());
  if (*bumped == 0) {
    return base::Fail(base::ErrorCode::kConflict,
                      "Someone else changed this user while you were editing.",
                      "users.version moved on");
  }
  auto cleared = tx.Execute("DELETE FROM user_roles WHERE tenant_id = $1 AND user_id = $2",
                            {tenant.value(), user_id});
  if (!cleared) return std::unexpected(cleared.error());
  for (const Role role : roles) {
    auto inserted =
        tx.Execute("INSERT INTO user_roles (tenant_id, user_id, role) VALUES ($1, $2, $3)",
                   {tenant.value(), user_id, ToString(role)});
    if (!inserted) return std::unexpected(inserted.error());
  }
  return base::Ok();
}

base::Result<std::vector<UserRecord>> AccountStore::ListAll(storage::Transaction& tx,
                                                            base::TenantId tenant) {
  static const std::string kSql =
      "SELECT " + std::string(kUserColumns) + " FROM users WHERE tenant_id = $1 ORDER BY username";
  auto rows = tx.Query(kSql, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  std::vector<UserRecord> users;
  for (const auto& row : *rows) {
    users.push_back(Decode(tenant, row));
    if (auto ok = LoadRoles(tx, users.back()); !ok) return std::unexpected(ok.error());
  }
  return users;
}

base::Status AccountStore::SetPasswordHash(storage::Transaction& tx, base::TenantId tenant,
                                           std::int64_t user_id, std::string_view hash,
                                           base::TimePoint at) {
  return Check(
      tx.Execute("UPDATE users SET password_hash = $3, updated_at = $4, version = version + 1 "
                 "WHERE tenant_id = $1 AND user_id = $2",
                 {tenant.value(), user_id, hash, base::ToUnixMicros(at)}));
}

base::Status AccountStore::SetPendingTotp(storage::Transaction& tx, base::TenantId tenant,
                                          std::int64_t user_id, std::string_view sealed,
                                          base::TimePoint at) {
  return Check(
      tx.Execute("UPDATE users SET totp_pending_secret = $3, updated_at = $4 "
                 "WHERE tenant_id = $1 AND user_id = $2",
                 {tenant.value(), user_id, BlobView{sealed}, base::ToUnixMicros(at)}));
}

base::Status AccountStore::ConfirmTotp(storage::Transaction& tx, base::TenantId tenant,
                                       std::int64_t user_id, std::string_view sealed,
                                       std::int64_t step, base::TimePoint at) {
  return Check(tx.Execute(
      "UPDATE users SET totp_secret = $3, totp_pending_secret = NULL, totp_last_step = $4, "
      "totp_enrolled_at = $5, updated_at = $5, version = version + 1 "
      "WHERE tenant_id = $1 AND user_id = $2",
      {tenant.value(), user_id, BlobView{sealed}, step, base::ToUnixMicros(at)}));
}

base::Result<bool> AccountStore::AdvanceTotpStep(storage::Transaction& tx, base::TenantId tenant,
                                                 std::int64_t user_id, std::int64_t step) {
  auto done = tx.Execute(
      "UPDATE users SET totp_last_step = $3 WHERE tenant_id = $1 AND user_id = $2 AND "
      "totp_last_step < $3",
      {tenant.value(), user_id, step});
  return Pass(done, done && *done > 0);
}

base::Status AccountStore::SetLocked(storage::Transaction& tx, base::TenantId tenant,
                                     std::int64_t user_id, std::optional<base::TimePoint> locked_at,
                                     base::TimePoint at) {
  const std::optional<std::int64_t> locked =
      locked_at ? std::optional(base::ToUnixMicros(*locked_at)) : std::nullopt;
  return Check(
      tx.Execute("UPDATE users SET locked_at = $3, updated_at = $4, version = version + 1 "
                 "WHERE tenant_id = $1 AND user_id = $2",
                 {tenant.value(), user_id, locked, base::ToUnixMicros(at)}));
}

base::Status AccountStore::SetActive(storage::Transaction& tx, base::TenantId tenant,
                                     std::int64_t user_id, bool active, base::TimePoint at) {
  return Check(
      tx.Execute("UPDATE users SET active = $3, updated_at = $4, version = version + 1 "
                 "WHERE tenant_id = $1 AND user_id = $2",
                 {tenant.value(), user_id, active, base::ToUnixMicros(at)}));
}

base::Status AccountStore::ReplaceRecoveryCodes(storage::Transaction& tx, base::TenantId tenant,
                                                std::int64_t user_id,
                                                std::span<const std::string> hashes,
                                                base::TimePoint at) {
  auto deleted = tx.Execute("DELETE FROM recovery_codes WHERE tenant_id = $1 AND user_id = $2",
                            {tenant.value(), user_id});
  if (!deleted) return std::unexpected(deleted.error());
  for (const std::string& hash : hashes) {
    auto inserted = tx.Execute(
        "INSERT INTO recovery_codes (tenant_id, user_id, code_hash, created_at) "
        "VALUES ($1, $2, $3, $4)",
        {tenant.value(), user_id, BlobView{hash}, base::ToUnixMicros(at)});
    if (!inserted) return std::unexpected(inserted.error());
  }
  return base::Ok();
}

base::Result<bool> AccountStore::UseRecoveryCode(storage::Transaction& tx, base::TenantId tenant,
                                                 std::int64_t user_id, std::string_view hash,
                                                 base::TimePoint at) {
  auto done = tx.Execute(
      "UPDATE recovery_codes SET used_at = $4 WHERE tenant_id = $1 AND user_id = $2 AND "
      "code_hash = $3 AND used_at IS NULL",
      {tenant.value(), user_id, BlobView{hash}, base::ToUnixMicros(at)});
  return Pass(done, done && *done > 0);
}

base::Result<std::int64_t> AccountStore::CountUnusedRecoveryCodes(storage::Transaction& tx,
                                                                  base::TenantId tenant,
                                                                  std::int64_t user_id) {
  auto rows = tx.Query(
      "SELECT COUNT(*) FROM recovery_codes WHERE tenant_id = $1 AND user_id = $2 AND "
      "used_at IS NULL",
      {tenant.value(), user_id});
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

base::Result<FailureCount> AccountStore::FindFailures(storage::Transaction& tx,
                                                      base::TenantId tenant,
                                                      std::string_view subject) {
  auto rows = tx.Query(
      "SELECT failures, last_failure_at FROM sign_in_failures WHERE tenant_id = $1 AND "
      "subject = $2",
      {tenant.value(), subject});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return FailureCount{};
  return FailureCount{.failures = rows->front().Int(0),
                      .last_failure_at = base::FromUnixMicros(rows->front().Int(1))};
}

base::Status AccountStore::StoreFailures(storage::Transaction& tx, base::TenantId tenant,
                                         std::string_view subject, const FailureCount& count) {
  const std::int64_t at = base::ToUnixMicros(count.last_failure_at);
  return Check(tx.Execute(
      "INSERT INTO sign_in_failures (tenant_id, subject, failures, window_started_at, "
      "last_failure_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (tenant_id, subject) DO UPDATE "
      "SET failures = $3, last_failure_at = $4",
      {tenant.value(), subject, count.failures, at}));
}

base::Status AccountStore::ClearFailures(storage::Transaction& tx, base::TenantId tenant,
                                         std::string_view subject) {
  return Check(tx.Execute("DELETE FROM sign_in_failures WHERE tenant_id = $1 AND subject = $2",
                          {tenant.value(), subject}));
}

base::Result<std::optional<UnitInfo>> AccountStore::FindUnit(storage::Transaction& tx,
                                                             base::TenantId tenant,
                                                             base::OrganisationId unit) {
  return FindUnitWhere(tx, tenant,
                       "SELECT organisation_id, code, name_sv, name_en, kind, parent_id FROM "
                       "organisations WHERE tenant_id = $1 AND organisation_id = $2",
                       {tenant.value(), unit.value()});
}

base::Result<std::optional<UnitInfo>> AccountStore::FindUnitByCode(storage::Transaction& tx,
                                                                   base::TenantId tenant,
                                                                   std::string_view code) {
  return FindUnitWhere(tx, tenant,
                       "SELECT organisation_id, code, name_sv, name_en, kind, parent_id FROM "
                       "organisations WHERE tenant_id = $1 AND code = $2",
                       {tenant.value(), code});
}

}  // namespace fyren::trust::accounts
