#include "trust/accounts/invite_store.h"

namespace fyren::trust::accounts {
namespace {

using storage::BlobView;

constexpr std::string_view kColumns =
    "invite_id, user_id, created_by, created_at, expires_at, used_at, revoked_at";

std::optional<base::TimePoint> OptionalTime(const storage::Row& row, std::size_t column) {
  if (auto value = row.OptionalInt(column)) return base::FromUnixMicros(*value);
  return std::nullopt;
}

InviteRecord DecodeInvite(base::TenantId tenant, const storage::Row& row) {
  return InviteRecord{.tenant = tenant,
                      .invite_id = row.Int(0),
                      .user_id = row.Int(1),
                      .created_by = row.OptionalInt(2),
                      .created_at = base::FromUnixMicros(row.Int(3)),
                      .expires_at = base::FromUnixMicros(row.Int(4)),
                      .used_at = OptionalTime(row, 5),
                      .revoked_at = OptionalTime(row, 6)};
}

base::Result<std::optional<InviteRecord>> FindInvite(storage::Transaction& tx,
                                                     base::TenantId tenant, std::string_view sql,
                                                     std::initializer_list<storage::Param> params) {
  auto rows = tx.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<InviteRecord>();
  return std::optional(DecodeInvite(tenant, rows->front()));
}

}  // namespace

base::Status InviteStore::Insert(storage::Transaction& tx, const InviteRecord& invite,
                                 std::string_view token_hash) {
  auto done = tx.Execute(
      "INSERT INTO invites (tenant_id, invite_id, user_id, token_hash, created_by, created_at, "
      "expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {invite.tenant.value(), invite.invite_id, invite.user_id, BlobView{token_hash},
       invite.created_by, base::ToUnixMicros(invite.created_at),
       base::ToUnixMicros(invite.expires_at)});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Result<std::optional<InviteRecord>> InviteStore::FindByTokenHash(
    storage::Transaction& tx, base::TenantId tenant, std::string_view token_hash) {
  static const std::string kSql =
      "SELECT " + std::string(kColumns) + " FROM invites WHERE tenant_id = $1 AND token_hash = $2";
  return FindInvite(tx, tenant, kSql, {tenant.value(), BlobView{token_hash}});
}

base::Result<std::optional<InviteRecord>> InviteStore::FindLatestForUser(storage::Transaction& tx,
                                                                         base::TenantId tenant,
                                                                         std::int64_t user_id) {
  static const std::string kSql =
      "SELECT " + std::string(kColumns) +
      " FROM invites WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at DESC, "
      "invite_id DESC LIMIT 1";
  return FindInvite(tx, tenant, kSql, {tenant.value(), user_id});
}

base::Result<std::int64_t> InviteStore::RevokeOpen(storage::Transaction& tx, base::TenantId tenant,
                                                   std::int64_t user_id, base::TimePoint at) {
  return tx.Execute(
      "UPDATE invites SET revoked_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND "
      "used_at IS NULL AND revoked_at IS NULL",
      {tenant.value(), user_id, base::ToUnixMicros(at)});
}

base::Result<bool> InviteStore::MarkUsed(storage::Transaction& tx, base::TenantId tenant,
                                         std::int64_t invite_id, base::TimePoint at) {
  auto done = tx.Execute(
      "UPDATE invites SET used_at = $3 WHERE tenant_id = $1 AND invite_id = $2 AND "
      "used_at IS NULL AND revoked_at IS NULL",
      {tenant.value(), invite_id, base::ToUnixMicros(at)});
  if (!done) return std::unexpected(done.error());
  return *done > 0;
}

}  // namespace fyren::trust::accounts
