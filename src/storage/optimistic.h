#pragma once

#include <cstdint>

#include "base/result.h"

namespace fyren::storage {

// Optimistic concurrency (DESIGN.md, Storage): an editable row carries a `version`, and a store
// updates it with `UPDATE ... SET ..., version = version + 1 WHERE <key> AND version = $n`.
// Pass that statement's result here:
//   1 row changed   -> ok
//   0 rows changed  -> kConflict "the record was changed by someone else" (the caller shows the
//                      conflict to the user; nothing is overwritten silently)
//   more than 1     -> kInternal (the WHERE clause does not name one row: a bug in the store)
//   an error        -> passed on unchanged
// A row that does not exist at all also changes 0 rows; stores that need to tell "gone" from
// "changed" read the row first, in the same transaction. Pure function, thread-safe.
[[nodiscard]] base::Status ExpectOneRowUpdated(const base::Result<std::int64_t>& changed);

}  // namespace fyren::storage
