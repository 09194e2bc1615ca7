#pragma once

#include "app/config.h"
#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::app {

inline constexpr std::string_view kDemoPersonsFile = "content/demo/persons.toml";

// Registers the synthetic demo persons of content/demo/persons.toml through the person service,
// each as the demo user named in `registered_by` (so the case teams, named staff, encryption and
// audit entries are exactly what the application itself makes). Runs only when the tenant has no
// persons yet, so `fyren demo-data` stays idempotent. Needs the demo users and the tenant's keys.
// Returns how many persons were registered.
[[nodiscard]] base::Result<int> LoadDemoPersons(storage::Database& db, const Config& config,
                                                base::TenantId tenant);

}  // namespace fyren::app
