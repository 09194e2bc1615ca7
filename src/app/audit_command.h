#pragma once

#include <iosfwd>

#include "app/config.h"
#include "storage/database.h"

namespace fyren::app {

// `fyren audit verify`: recomputes every tenant's audit chain (trust/audit/chain_verifier.h) and
// prints one line per tenant to `out`. Exit code 0 when every chain is intact; 1 when a chain is
// broken (the message names the tenant, the seq and the kind of break); 2 when the database
// cannot be opened or read, or its schema is not the one this build knows (nothing was proved
// either way). Entries appended while it runs are left for the next run.
int RunAuditVerify(const Config& config, std::ostream& out, std::ostream& err);

// The same on an open database (for tests and for callers that hold one already).
int RunAuditVerifyOn(storage::Database& db, std::ostream& out, std::ostream& err);

}  // namespace fyren::app
