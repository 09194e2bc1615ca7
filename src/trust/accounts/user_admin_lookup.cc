#include "trust/accounts/user_admin_lookup.h"

#include "base/random.h"
#include "trust/access/access_policy.h"
#include "trust/accounts/account_store.h"

namespace fyren::trust::accounts {

base::Result<ManagedUser> FindManagedUser(storage::Transaction& tx, const AdminScope& scope,
                                          base::TenantId tenant, std::string_view public_id) {
  const auto missing = [] {
    return base::Fail(base::ErrorCode::kNotFound, "There is no such user.");
  };
  if (!base::IsPublicId(public_id)) return missing();
  auto user = AccountStore::FindByPublicId(tx, tenant, public_id);
  if (!user) return std::unexpected(user.error());
  if (!user->has_value()) return missing();
  auto unit = AccountStore::FindUnit(tx, tenant, (*user)->unit);
  if (!unit) return std::unexpected(unit.error());
  if (!unit->has_value()) return missing();
  if (!Covers(scope, (*unit)->authority, (*user)->roles)) {
    return base::Fail(base::ErrorCode::kNotFound, "There is no such user.",
                      "user outside the administrator's authority");
  }
  return ManagedUser{.user = std::move(**user), .unit = std::move(**unit)};
}

base::Result<std::vector<UnitInfo>> ListManagedUnits(storage::Transaction& tx,
                                                     const AdminScope& scope,
                                                     base::TenantId tenant) {
  auto rows = tx.Query("SELECT code FROM organisations WHERE tenant_id = $1 ORDER BY code",
                       {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  std::vector<UnitInfo> units;
  for (const auto& row : *rows) {
    auto unit = FindManagedUnit(tx, scope, tenant, row.Text(0));
    if (!unit) return std::unexpected(unit.error());
    if (unit->has_value()) units.push_back(std::move(**unit));
  }
  return units;
}

base::Result<std::optional<UnitInfo>> FindManagedUnit(storage::Transaction& tx,
                                                      const AdminScope& scope,
                                                      base::TenantId tenant,
                                                      std::string_view code) {
  auto unit = AccountStore::FindUnitByCode(tx, tenant, code);
  if (!unit) return std::unexpected(unit.error());
  if (!unit->has_value() || !Covers(scope, (*unit)->authority)) return std::optional<UnitInfo>();
  return unit;
}

base::Result<std::int64_t> CountOtherActiveHolders(storage::Transaction& tx, base::TenantId tenant,
                                                   Role role,
                                                   std::optional<base::OrganisationId> authority,
                                                   std::int64_t except_user_id) {
  auto rows = tx.Query(
      "SELECT u.unit_id FROM users u JOIN user_roles r ON r.tenant_id = u.tenant_id AND "
      "r.user_id = u.user_id WHERE u.tenant_id = $1 AND r.role = $2 AND u.active = 1 AND "
      "u.user_id <> $3",
      {tenant.value(), ToString(role), except_user_id});
  if (!rows) return std::unexpected(rows.error());
  std::int64_t count = 0;
  for (const auto& row : *rows) {
    if (!authority) {
      ++count;
      continue;
    }
    auto unit = AccountStore::FindUnit(tx, tenant, base::OrganisationId(row.Int(0)));
    if (!unit) return std::unexpected(unit.error());
    if (unit->has_value() && (*unit)->authority == authority) ++count;
  }
  return count;
}

audit::AuditEvent AdminAuditEvent(const Actor& actor, audit::Action action, audit::Outcome outcome,
                                  std::optional<std::int64_t> user_id, audit::RecordType type) {
  auto request_id = audit::RequestId::Parse(actor.request_id);
  if (!request_id) request_id = audit::RequestId::Parse(base::NewPublicId());
  return audit::AuditEvent{.tenant = actor.tenant,
                           .actor_user_id = actor.user_id,
                           .unit = actor.unit,
                           .authority = actor.authority,
                           .action = action,
                           .outcome = outcome,
                           .record_type = user_id ? std::optional(type) : std::nullopt,
                           .record_id = user_id,
                           .person_id = std::nullopt,
                           .purpose = audit::Purpose::kAdministration,
                           .flags = 0,
                           .request_id = std::move(*request_id)};
}

base::Result<AdminScope> RequireAdminScope(const Actor& actor, access::Permission permission,
                                           base::TimePoint now, audit::AuditLog* log) {
  const access::Decision decision = access::Decide(actor, permission, nullptr, now);
  const auto scope = AdminScopeOf(actor);
  if (decision.allowed && scope) return *scope;
  base::Error error{.code = base::ErrorCode::kForbidden,
                    .message = "Your role does not give access to this.",
                    .detail = {},
                    .field = {}};
  if (auto status = decision.AsStatus(); !status) error = status.error();
  return std::unexpected(
      AuditDenial(log, actor, std::nullopt, std::move(error), audit::RecordType::kUser));
}

base::Error AuditDenial(audit::AuditLog* log, const Actor& actor,
                        std::optional<std::int64_t> record_id, base::Error error,
                        audit::RecordType type) {
  if (log == nullptr) return error;
  auto appended = log->Append(
      AdminAuditEvent(actor, audit::Action::kDenied, audit::Outcome::kDenied, record_id, type));
  // When the denial cannot be put on record the caller still gets a refusal, never the data.
  if (!appended) return appended.error();
  return error;
}

}  // namespace fyren::trust::accounts
