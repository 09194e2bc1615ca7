#include "trust/audit/audit_review.h"

namespace fyren::trust::audit {
namespace {

base::Status RequireSignedIn(const Actor& actor) {
  if (actor.IsAnonymous()) {
    return base::Fail(base::ErrorCode::kUnauthenticated, "sign in to review the audit log");
  }
  return base::Ok();
}

}  // namespace

base::Result<ReviewPage> AccessHistoryForPerson(storage::Database& db, base::TenantId tenant,
                                                std::int64_t person_id, const ReviewQuery& query) {
  return db.Read(
      [&](storage::Transaction& tx) { return SelectPersonHistory(tx, tenant, person_id, query); });
}

base::Result<ReviewPage> ActivityOfUser(storage::Database& db, base::TenantId tenant,
                                        std::int64_t user_id, const ReviewQuery& query) {
  return db.Read(
      [&](storage::Transaction& tx) { return SelectUserActivity(tx, tenant, user_id, query); });
}

base::Result<ReviewPage> FlaggedEntries(storage::Database& db, base::TenantId tenant,
                                        std::uint32_t flags, const ReviewQuery& query) {
  return db.Read([&](storage::Transaction& tx) { return SelectFlagged(tx, tenant, flags, query); });
}

base::Result<ReviewPage> AuditReviewService::AccessHistoryForPerson(const Actor& actor,
                                                                    std::int64_t person_id,
                                                                    const ReviewQuery& query) {
  if (auto ok = RequireSignedIn(actor); !ok) return std::unexpected(ok.error());
  return audit::AccessHistoryForPerson(db_, actor.tenant, person_id, query);
}

base::Result<ReviewPage> AuditReviewService::ActivityOfUser(const Actor& actor,
                                                            std::int64_t user_id,
                                                            const ReviewQuery& query) {
  if (auto ok = RequireSignedIn(actor); !ok) return std::unexpected(ok.error());
  return audit::ActivityOfUser(db_, actor.tenant, user_id, query);
}

base::Result<ReviewPage> AuditReviewService::FlaggedEntries(const Actor& actor, std::uint32_t flags,
                                                            const ReviewQuery& query) {
  if (auto ok = RequireSignedIn(actor); !ok) return std::unexpected(ok.error());
  return audit::FlaggedEntries(db_, actor.tenant, flags, query);
}

}  // namespace fyren::trust::audit
