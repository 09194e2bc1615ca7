#pragma once

#include <cstdint>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/actor.h"
#include "trust/audit/audit_store.h"

namespace fyren::trust::audit {

// Queries behind the log-review pages (logguppföljning): who accessed a person's records, what a
// user did, and access that was unusual (kFlag... bits). Each returns one page, newest first; pass
// the page's next_cursor as ReviewQuery::before_seq for the next. Thread-safe (uses only `db`).
// Errors: see SelectPersonHistory (audit_store.h); database errors as they come.
[[nodiscard]] base::Result<ReviewPage> AccessHistoryForPerson(storage::Database& db,
                                                              base::TenantId tenant,
                                                              std::int64_t person_id,
                                                              const ReviewQuery& query);
[[nodiscard]] base::Result<ReviewPage> ActivityOfUser(storage::Database& db, base::TenantId tenant,
                                                      std::int64_t user_id,
                                                      const ReviewQuery& query);
[[nodiscard]] base::Result<ReviewPage> FlaggedEntries(storage::Database& db, base::TenantId tenant,
                                                      std::uint32_t flags,
                                                      const ReviewQuery& query);

// The same for a signed-in reviewer. Contract: every query is confined to the actor's tenant and
// an anonymous actor is refused with kUnauthenticated. Whether this actor may review the log of
// that authority is decided by trust::access (the access policy, the next piece), which wraps
// these methods; this class alone is not an access check.
class AuditReviewService {
 public:
  // `db` must outlive the service.
  explicit AuditReviewService(storage::Database& db) : db_(db) {}

  [[nodiscard]] base::Result<ReviewPage> AccessHistoryForPerson(const Actor& actor,
                                                                std::int64_t person_id,
                                                                const ReviewQuery& query);
  [[nodiscard]] base::Result<ReviewPage> ActivityOfUser(const Actor& actor, std::int64_t user_id,
                                                        const ReviewQuery& query);
  [[nodiscard]] base::Result<ReviewPage> FlaggedEntries(const Actor& actor, std::uint32_t flags,
                                                        const ReviewQuery& query);

 private:
  storage::Database& db_;
};

}  // namespace fyren::trust::audit
