#pragma once

#include <string_view>

#include "base/result.h"
#include "storage/database.h"

namespace fyren::organisation {

struct ImportSummary {
  bool created = false;  // false: the tenant already existed and nothing was written
  int organisations = 0;
};

// Creates a tenant and its organisation tree from a TOML description (format: see
// content/demo/organisations.toml) in one write transaction: either all of it is written or
// none. An existing tenant with the same slug is left untouched, so running it twice is safe.
// A malformed file is kInvalidInput naming `source_name`, the line and the problem.
// This is an operator action (the CLI's `demo-data` and tenant set-up), not a user action.
[[nodiscard]] base::Result<ImportSummary> ImportTenantTree(storage::Database& db,
                                                           std::string_view toml_text,
                                                           std::string_view source_name);

}  // namespace fyren::organisation
