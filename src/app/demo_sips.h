#pragma once

#include "app/config.h"
#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::app {

inline constexpr std::string_view kDemoSipsFile = "content/demo/sips.toml";

// Saves the synthetic demo plans of content/demo/sips.toml through the SIP service, for the demo
// exit cases (content/demo/exit_cases.toml). Runs only when the tenant has no plan yet, so
// `fyren demo-data` stays idempotent. Needs the demo exit cases. Returns how many plans were
// saved.
[[nodiscard]] base::Result<int> LoadDemoSips(storage::Database& db, const Config& config,
                                             base::TenantId tenant);

}  // namespace fyren::app
