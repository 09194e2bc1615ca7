#include "domain/organisation/organisation_store.h"

#include "storage/optimistic.h"

namespace fyren::organisation {
namespace {

constexpr std::string_view kSelectAll =
    "SELECT o.organisation_id, o.public_id, o.parent_id, o.kind, o.partner_type, o.code, "
    "o.name_sv, o.name_en, o.description_sv, o.description_en, o.version, p.public_id "
    "FROM organisations o LEFT JOIN organisations p "
    "ON p.tenant_id = o.tenant_id AND p.organisation_id = o.parent_id "
    "WHERE o.tenant_id = $1";

constexpr std::string_view kSelectFingerprint =
    "SELECT generation FROM organisation_generations WHERE tenant_id = $1";

constexpr std::string_view kSelectByPublicId =
    "SELECT o.organisation_id, o.public_id, o.parent_id, o.kind, o.partner_type, o.code, "
    "o.name_sv, o.name_en, o.description_sv, o.description_en, o.version, p.public_id "
    "FROM organisations o LEFT JOIN organisations p "
    "ON p.tenant_id = o.tenant_id AND p.organisation_id = o.parent_id "
    "WHERE o.tenant_id = $1 AND o.public_id = $2";

constexpr std::string_view kSelectAfter =
    "SELECT o.organisation_id, o.public_id, o.parent_id, o.kind, o.partner_type, o.code, "
    "o.name_sv, o.name_en, o.description_sv, o.description_en, o.version, p.public_id "
    "FROM organisations o LEFT JOIN organisations p "
    "ON p.tenant_id = o.tenant_id AND p.organisation_id = o.parent_id "
    "WHERE o.tenant_id = $1 AND o.public_id > $2 ORDER BY o.public_id LIMIT $3";

constexpr std::string_view kInsert =
    "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
    "partner_type, code, name_sv, name_en, description_sv, description_en, version, created_at, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)";

constexpr std::string_view kUpdateNames =
    "UPDATE organisations SET name_sv = $1, name_en = $2, version = version + 1, updated_at = $3 "
    "WHERE tenant_id = $4 AND organisation_id = $5 AND version = $6";

constexpr std::string_view kSelectTenant =
    "SELECT tenant_id, public_id, slug, name FROM tenants WHERE slug = $1";

constexpr std::string_view kInsertTenant =
    "INSERT INTO tenants (tenant_id, public_id, slug, name, created_at) VALUES ($1, $2, $3, $4, "
    "$5)";

base::Result<Organisation> FromRow(const storage::Row& row) {
  const auto kind = ParseOrganisationKind(row.Text(3));
  const auto partner_type = ParsePartnerType(row.Text(4));
  if (!kind || !partner_type) {
    return base::Fail(
        base::ErrorCode::kInternal, "Stored organisation is inconsistent.",
        "unknown kind or partner type in organisations row " + std::to_string(row.Int(0)));
  }
  Organisation org;
  org.id = base::OrganisationId(row.Int(0));
  org.public_id = row.Text(1);
  if (const auto parent = row.OptionalInt(2)) org.parent = base::OrganisationId(*parent);
  org.kind = *kind;
  org.partner_type = *partner_type;
  org.code = row.Text(5);
  org.name_sv = row.Text(6);
  org.name_en = row.Text(7);
  org.description_sv = row.Text(8);
  org.description_en = row.Text(9);
  org.version = row.Int(10);
  if (const auto parent_public_id = row.OptionalText(11)) org.parent_public_id = *parent_public_id;
  return org;
}

base::Result<std::vector<Organisation>> FromRows(const storage::Rows& rows) {
  std::vector<Organisation> out;
  out.reserve(rows.size());
  for (const storage::Row& row : rows) {
    auto org = FromRow(row);
    if (!org) return std::unexpected(org.error());
    out.push_back(std::move(*org));
  }
  return out;
}

}  // namespace

base::Result<std::vector<Organisation>> OrganisationStore::ListAll(storage::Transaction& tx,
                                                                   base::TenantId tenant) {
  auto rows = tx.Query(kSelectAll, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  return FromRows(*rows);
}

base::Result<TreeFingerprint> OrganisationStore::Fingerprint(storage::Transaction& tx,
                                                             base::TenantId tenant) {
  auto rows = tx.Query(kSelectFingerprint, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return TreeFingerprint{};
  return TreeFingerprint{.generation = rows->front().Int(0)};
}

base::Result<std::optional<Organisation>> OrganisationStore::FindByPublicId(
    storage::Transaction& tx, base::TenantId tenant, std::string_view public_id) {
  auto rows = tx.Query(kSelectByPublicId, {tenant.value(), public_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Organisation>();
  auto org = FromRow(rows->front());
  if (!org) return std::unexpected(org.error());
  return std::optional<Organisation>(std::move(*org));
}

base::Result<std::vector<Organisation>> OrganisationStore::ListAfter(storage::Transaction& tx,
                                                                     base::TenantId tenant,
                                                                     std::string_view after,
                                                                     int limit) {
  auto rows = tx.Query(kSelectAfter, {tenant.value(), after, limit});
  if (!rows) return std::unexpected(rows.error());
  return FromRows(*rows);
}

base::Status OrganisationStore::Insert(storage::Transaction& tx, base::TenantId tenant,
                                       const Organisation& org, std::int64_t now_us) {
  std::optional<std::int64_t> parent;
  if (org.parent) parent = org.parent->value();
  auto changed =
      tx.Execute(kInsert, {tenant.value(), org.id.value(), org.public_id, parent,
                           ToString(org.kind), ToString(org.partner_type), org.code, org.name_sv,
                           org.name_en, org.description_sv, org.description_en, now_us});
  if (!changed) return std::unexpected(changed.error());
  return base::Ok();
}

base::Status OrganisationStore::UpdateNames(storage::Transaction& tx, base::TenantId tenant,
                                            base::OrganisationId id, std::string_view name_sv,
                                            std::string_view name_en, std::int64_t expected_version,
                                            std::int64_t now_us) {
  return storage::ExpectOneRowUpdated(tx.Execute(
      kUpdateNames, {name_sv, name_en, now_us, tenant.value(), id.value(), expected_version}));
}

base::Result<std::optional<Tenant>> OrganisationStore::FindTenantBySlug(storage::Transaction& tx,
                                                                        std::string_view slug) {
  auto rows = tx.Query(kSelectTenant, {slug});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Tenant>();
  const storage::Row& row = rows->front();
  return std::optional<Tenant>(Tenant{.id = base::TenantId(row.Int(0)),
                                      .public_id = row.Text(1),
                                      .slug = row.Text(2),
                                      .name = row.Text(3)});
}

base::Status OrganisationStore::InsertTenant(storage::Transaction& tx, const Tenant& tenant,
                                             std::int64_t now_us) {
  auto changed = tx.Execute(
      kInsertTenant, {tenant.id.value(), tenant.public_id, tenant.slug, tenant.name, now_us});
  if (!changed) return std::unexpected(changed.error());
  return base::Ok();
}

}  // namespace fyren::organisation
