#pragma once

#include <string_view>

#include "app/config.h"
#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::app {

inline constexpr std::string_view kDemoScreeningsFile = "content/demo/screenings.toml";

// Records the synthetic demo screenings of content/demo/screenings.toml through the screening
// service, each as the demo user named in `recorded_by`, so levels, sealed answers and audit
// entries are what the application itself makes. Runs only when the tenant has no screenings,
// so `fyren demo-data` stays idempotent. Needs the demo users and the tenant's keys. Returns how
// many screenings were recorded.
[[nodiscard]] base::Result<int> LoadDemoScreenings(storage::Database& db, const Config& config,
                                                   base::TenantId tenant);

}  // namespace fyren::app
