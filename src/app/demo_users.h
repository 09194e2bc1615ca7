#pragma once

#include "app/config.h"
#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::app {

inline constexpr std::string_view kDemoUsersFile = "content/demo/users.toml";

// Creates the demo users of content/demo/users.toml (one per role, marked as demo accounts,
// TOTP already enrolled with the file's secret) that are not there yet, and prints the sign-in
// table (user name, role, password, TOTP secret) to stdout. Idempotent. Called from
// RunDemoData after the tenant tree is loaded. Returns how many users were created.
[[nodiscard]] base::Result<int> LoadDemoUsers(storage::Database& db, const Config& config,
                                              base::TenantId tenant);

}  // namespace fyren::app
