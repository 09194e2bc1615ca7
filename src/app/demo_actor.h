#pragma once

#include <string>
#include <string_view>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/actor.h"

namespace fyren::app {

// A demo user as the acting user of a demo-data loader: their unit, authority and roles from the
// database, a fresh second factor (the loader is the operator acting for them) and purpose
// "system", so the loader goes through the same services, access checks and audit as a user.
// kInvalidInput "<file>: no demo user <name>" when no active user has that name.
[[nodiscard]] base::Result<trust::Actor> DemoActor(storage::Database& db, base::TenantId tenant,
                                                   std::string_view file, std::string request_id,
                                                   const std::string& username);

}  // namespace fyren::app
