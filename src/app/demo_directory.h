#pragma once

#include "app/config.h"
#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/actor.h"

namespace fyren::app {

// Who seeds the support directory from content/directory: the server at start or the operator's
// `fyren demo-data`, never a user. Audited under this actor (no user id, purpose system).
[[nodiscard]] trust::Actor DirectorySeedingActor(base::TenantId tenant);

// `fyren demo-data`: copies content/directory into the tenant's empty support directory (the
// server does the same at its first start), so the README quick start shows the directory.
// Idempotent: a directory with entries is left alone. Returns how many entries were written.
[[nodiscard]] base::Result<int> LoadDemoDirectory(storage::Database& db, const Config& config,
                                                  base::TenantId tenant);

}  // namespace fyren::app
