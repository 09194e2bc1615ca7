#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::trust::audit {

// What log review needs to know about the person an access history is for: the internal id the
// audit entries carry, the public id URLs use, and the authority that owns the record (a reviewer
// sees only their own authority's persons).
struct ReviewedPerson {
  std::int64_t person_id = 0;
  std::string public_id;
  base::OrganisationId owning_authority;
};

// Finds persons for log review. The person registry lives above trust/ (src/domain/person), so
// trust/audit only declares what it needs and app/ supplies the implementation that reads the
// registry (app/person_directory_store.h). Implementations run in the caller's transaction and
// must be thread-safe; "not found" is nullopt, never an error.
class PersonDirectory {
 public:
  virtual ~PersonDirectory() = default;
  [[nodiscard]] virtual base::Result<std::optional<ReviewedPerson>> FindByPublicId(
      storage::Transaction& tx, base::TenantId tenant, std::string_view public_id) const = 0;
  [[nodiscard]] virtual base::Result<std::optional<ReviewedPerson>> FindById(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t person_id) const = 0;
};

// A member of staff as the log-review pages name them (staff names are not the personal data the
// audit log protects; the reviewer needs them to follow up).
struct StaffMember {
  std::int64_t user_id = 0;
  std::string public_id;
  std::string display_name;
  std::optional<base::OrganisationId> unit;
  std::optional<base::OrganisationId> authority;  // the nearest authority above the unit
};

struct OrganisationName {
  std::string name_sv;
  std::string name_en;
};

// The names a page of entries refers to, looked up once per distinct id.
struct ReviewNames {
  std::map<std::int64_t, StaffMember> staff;               // by user id
  std::map<std::int64_t, OrganisationName> organisations;  // by organisation id
  std::map<std::int64_t, std::string> person_public_ids;   // by person id, own authority only
};

}  // namespace fyren::trust::audit
