#include "storage/optimistic.h"

#include <string>

namespace fyren::storage {

base::Status ExpectOneRowUpdated(const base::Result<std::int64_t>& changed) {
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 1) return base::Ok();
  if (*changed == 0) {
    return base::Fail(base::ErrorCode::kConflict,
                      "the record was changed by someone else; reload it and try again",
                      "optimistic version check matched no row");
  }
  return base::Fail(base::ErrorCode::kInternal, "database error",
                    "a versioned update changed " + std::to_string(*changed) + " rows, not 1");
}

}  // namespace fyren::storage
