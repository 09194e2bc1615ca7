#pragma once

#include "trust/audit/review_directory.h"

namespace fyren::app {

// The log-review pages' view of the person registry (table `persons`, migrations 0005): the
// internal id, public id and owning authority of one person, nothing else (no name, no identity
// number). Lives in app/ because trust/ may not depend on domain/person. Stateless; thread-safe.
class SqlPersonDirectory final : public trust::audit::PersonDirectory {
 public:
  [[nodiscard]] base::Result<std::optional<trust::audit::ReviewedPerson>> FindByPublicId(
      storage::Transaction& tx, base::TenantId tenant, std::string_view public_id) const override;
  [[nodiscard]] base::Result<std::optional<trust::audit::ReviewedPerson>> FindById(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t person_id) const override;
};

}  // namespace fyren::app
