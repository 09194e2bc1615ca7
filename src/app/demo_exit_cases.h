#pragma once

#include "app/config.h"
#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::app {

inline constexpr std::string_view kDemoExitCasesFile = "content/demo/exit_cases.toml";

// Opens the synthetic demo exit cases of content/demo/exit_cases.toml through the exit case
// service (numbering, team, consents, history and audit exactly as the application makes them).
// Runs only when the tenant has no cases yet, so `fyren demo-data` stays idempotent. Needs the
// demo persons. Returns how many cases were opened.
[[nodiscard]] base::Result<int> LoadDemoExitCases(storage::Database& db, const Config& config,
                                                  base::TenantId tenant);

}  // namespace fyren::app
