#pragma once

#include <string_view>

#include "app/config.h"
#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::app {

inline constexpr std::string_view kDemoConcernsFile = "content/demo/concerns.toml";

// Sends the synthetic reports of concern of content/demo/concerns.toml through ConcernService as
// the demo reporter, dated `hours_ago` before now, and takes each as far as its `step` as the
// demo intake worker (so sealing, deadlines and audit are what the application itself makes).
// Runs only when the tenant has no reports yet. Returns how many reports were sent.
[[nodiscard]] base::Result<int> LoadDemoConcerns(storage::Database& db, const Config& config,
                                                 base::TenantId tenant);

}  // namespace fyren::app
