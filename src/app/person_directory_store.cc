#include "app/person_directory_store.h"

namespace fyren::app {
namespace {

using trust::audit::ReviewedPerson;

base::Result<std::optional<ReviewedPerson>> FirstPerson(base::Result<storage::Rows> rows) {
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<ReviewedPerson>();
  const storage::Row& row = rows->front();
  return std::optional(ReviewedPerson{.person_id = row.Int(0),
                                      .public_id = row.Text(1),
                                      .owning_authority = base::OrganisationId(row.Int(2))});
}

}  // namespace

base::Result<std::optional<ReviewedPerson>> SqlPersonDirectory::FindByPublicId(
    storage::Transaction& tx, base::TenantId tenant, std::string_view public_id) const {
  return FirstPerson(
      tx.Query("SELECT person_id, public_id, owning_authority_id FROM persons "
               "WHERE tenant_id = $1 AND public_id = $2",
               {tenant.value(), public_id}));
}

base::Result<std::optional<ReviewedPerson>> SqlPersonDirectory::FindById(
    storage::Transaction& tx, base::TenantId tenant, std::int64_t person_id) const {
  return FirstPerson(
      tx.Query("SELECT person_id, public_id, owning_authority_id FROM persons "
               "WHERE tenant_id = $1 AND person_id = $2",
               {tenant.value(), person_id}));
}

}  // namespace fyren::app
