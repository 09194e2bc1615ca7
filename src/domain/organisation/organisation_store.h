#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "domain/organisation/organisation.h"
#include "storage/database.h"

namespace fyren::organisation {

// SQL for tenants and organisations. Every function runs inside the caller's transaction and
// is scoped by tenant; none of them decides access (that is the service's job).
class OrganisationStore {
 public:
  // All organisations of a tenant, unordered.
  [[nodiscard]] static base::Result<std::vector<Organisation>> ListAll(storage::Transaction& tx,
                                                                       base::TenantId tenant);
  [[nodiscard]] static base::Result<std::optional<Organisation>> FindByPublicId(
      storage::Transaction& tx, base::TenantId tenant, std::string_view public_id);
  // The tenant's TreeFingerprint (one point lookup).
  [[nodiscard]] static base::Result<TreeFingerprint> Fingerprint(storage::Transaction& tx,
                                                                 base::TenantId tenant);
  // Up to `limit` organisations with public id greater than `after`, ordered by public id.
  [[nodiscard]] static base::Result<std::vector<Organisation>> ListAfter(storage::Transaction& tx,
                                                                         base::TenantId tenant,
                                                                         std::string_view after,
                                                                         int limit);
  // Inserts `org` (id and public id already set). kConflict on a duplicate code or id.
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, base::TenantId tenant,
                                           const Organisation& org, std::int64_t now_us);

  // Sets both names and bumps the version when the row still has `expected_version`; kConflict
  // when it does not (storage/optimistic.h).
  [[nodiscard]] static base::Status UpdateNames(storage::Transaction& tx, base::TenantId tenant,
                                                base::OrganisationId id, std::string_view name_sv,
                                                std::string_view name_en,
                                                std::int64_t expected_version, std::int64_t now_us);

  [[nodiscard]] static base::Result<std::optional<Tenant>> FindTenantBySlug(
      storage::Transaction& tx, std::string_view slug);
  [[nodiscard]] static base::Status InsertTenant(storage::Transaction& tx, const Tenant& tenant,
                                                 std::int64_t now_us);
};

}  // namespace fyren::organisation
