#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/audit/review_directory.h"

namespace fyren::trust::audit {

// The SQL that names staff and organisations on the log-review pages (tables users and
// organisations, migrations 0001 and 0003). Read-only; runs in the caller's transaction.
// nullopt when there is no such row in the tenant.
[[nodiscard]] base::Result<std::optional<StaffMember>> FindStaffByPublicId(
    storage::Transaction& tx, base::TenantId tenant, std::string_view public_id);
[[nodiscard]] base::Result<std::optional<StaffMember>> FindStaffById(storage::Transaction& tx,
                                                                     base::TenantId tenant,
                                                                     std::int64_t user_id);
[[nodiscard]] base::Result<std::optional<OrganisationName>> FindOrganisationName(
    storage::Transaction& tx, base::TenantId tenant, base::OrganisationId organisation);

}  // namespace fyren::trust::audit
