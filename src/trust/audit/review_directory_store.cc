#include "trust/audit/review_directory_store.h"

#include <string>

namespace fyren::trust::audit {
namespace {

// The user's unit and the nearest authority at or above it, in one statement. The depth bound
// stops a corrupt cycle in the organisation tree.
constexpr std::string_view kStaffSelect =
    "WITH RECURSIVE up (organisation_id, parent_id, kind, depth) AS ("
    " SELECT o.organisation_id, o.parent_id, o.kind, 0 FROM organisations o JOIN users u"
    " ON o.tenant_id = u.tenant_id AND o.organisation_id = u.unit_id"
    " WHERE u.tenant_id = $1 AND ";
constexpr std::string_view kStaffSelectTail =
    " UNION ALL"
    " SELECT o.organisation_id, o.parent_id, o.kind, up.depth + 1 FROM organisations o"
    " JOIN up ON o.tenant_id = $1 AND o.organisation_id = up.parent_id WHERE up.depth < 32)"
    " SELECT u.user_id, u.public_id, u.display_name, u.unit_id,"
    " (SELECT organisation_id FROM up WHERE kind = 'authority' ORDER BY depth LIMIT 1)"
    " FROM users u WHERE u.tenant_id = $1 AND ";

base::Result<std::optional<StaffMember>> FindStaff(storage::Transaction& tx, const std::string& sql,
                                                   base::TenantId tenant, storage::Param key) {
  auto rows = tx.Query(sql, {tenant.value(), key});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<StaffMember>();
  const storage::Row& row = rows->front();
  StaffMember staff{.user_id = row.Int(0),
                    .public_id = row.Text(1),
                    .display_name = row.Text(2),
                    .unit = base::OrganisationId(row.Int(3)),
                    .authority = std::nullopt};
  if (!row.IsNull(4)) staff.authority = base::OrganisationId(row.Int(4));
  return std::optional(std::move(staff));
}

}  // namespace

base::Result<std::optional<StaffMember>> FindStaffByPublicId(storage::Transaction& tx,
                                                             base::TenantId tenant,
                                                             std::string_view public_id) {
  static const std::string sql = std::string(kStaffSelect) + "u.public_id = $2" +
                                 std::string(kStaffSelectTail) + "u.public_id = $2";
  return FindStaff(tx, sql, tenant, public_id);
}

base::Result<std::optional<StaffMember>> FindStaffById(storage::Transaction& tx,
                                                       base::TenantId tenant,
                                                       std::int64_t user_id) {
  static const std::string sql = std::string(kStaffSelect) + "u.user_id = $2" +
                                 std::string(kStaffSelectTail) + "u.user_id = $2";
  return FindStaff(tx, sql, tenant, user_id);
}

base::Result<std::optional<OrganisationName>> FindOrganisationName(
    storage::Transaction& tx, base::TenantId tenant, base::OrganisationId organisation) {
  auto rows = tx.Query(
      "SELECT name_sv, name_en FROM organisations WHERE tenant_id = $1 AND organisation_id = $2",
      {tenant.value(), organisation.value()});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<OrganisationName>();
  return std::optional(
      OrganisationName{.name_sv = (*rows)[0].Text(0), .name_en = (*rows)[0].Text(1)});
}

}  // namespace fyren::trust::audit
