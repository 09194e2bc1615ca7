#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"
#include "trust/audit/audit_store.h"
#include "trust/audit/bulk_access.h"
#include "trust/audit/review_directory.h"

namespace fyren::trust::audit {

// Queries behind the log-review pages (logguppföljning): who accessed a person's records, what a
// user did, and access that was unusual (kFlag... bits). Each returns one page, newest first; pass
// the page's next_cursor as ReviewQuery::before_seq for the next. Thread-safe (uses only `db`).
// Errors: see SelectPersonHistory (audit_store.h); database errors as they come. These are the
// raw, tenant-wide queries (for `fyren audit` and tests); pages use AuditReviewService.
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

struct ReviewOptions {
  BulkRule bulk;                         // "many records in a short time"
  std::int64_t max_bulk_scan = 200'000;  // entries read for one bulk computation
  std::int64_t max_extract_entries = 10'000;
};

// The start page: flagged entries of the reviewer's authority, and (on the first page, when the
// filter asks for it) runs of bulk access computed from the same period.
struct FlaggedReview {
  ReviewPage page;
  std::vector<BulkAccess> bulk;
  bool bulk_too_many = false;  // the period held more entries than max_bulk_scan
  ReviewNames names;
};
struct PersonReview {
  ReviewedPerson person;
  ReviewPage page;
  ReviewNames names;
};
struct UserReview {
  StaffMember user;
  ReviewPage page;
  ReviewNames names;
};

// What the filter on the start page asks for: entries with any of `flags` (0: any flag) and/or
// bulk runs.
struct FlagFilter {
  std::uint32_t flags = 0;
  bool entries = true;
  bool bulk = true;
};

// Log review for a signed-in reviewer (DESIGN.md, Audit; issue 3 item 6).
//
// Access: every method asks trust::access::Decide for Permission::kReviewAuditLog and confines
// what it shows to the reviewer's authority: flagged entries and a user's activity are entries
// whose authority_id is the reviewer's (a user's account events, which name no authority, are
// shown too: the user belongs to the reviewer's authority); a person's history is that of a person
// owned by the reviewer's authority (all entries about the person, whoever made them, since the
// data subject is owed all of them); a user must belong to the reviewer's authority. Anything
// outside is kNotFound with the same text as a record that does not exist. There is no system-wide
// reviewer. A role without the permission is kForbidden; the extract also needs a second factor
// within access::kStepUpWindow (kForbidden, field "step_up").
//
// Audit: reviewing is itself audited with Purpose kLogReview and the durable Append, before the
// result is returned: kSearch for the start page, kRead of the person (person_id set) or of the
// user, kExport for an extract; denials as kDenied. If that append fails, nothing is returned.
//
// Thread-safe; `db`, `log`, `clock` and `persons` must outlive the service.
class AuditReviewService {
 public:
  AuditReviewService(storage::Database& db, AuditLog& log, const base::Clock& clock,
                     const PersonDirectory& persons, ReviewOptions options = {});

  [[nodiscard]] base::Result<FlaggedReview> Flagged(const Actor& actor, const FlagFilter& filter,
                                                    const ReviewQuery& query);
  [[nodiscard]] base::Result<PersonReview> AccessHistoryForPerson(const Actor& actor,
                                                                  std::string_view person_public_id,
                                                                  const ReviewQuery& query);
  [[nodiscard]] base::Result<UserReview> ActivityOfUser(const Actor& actor,
                                                        std::string_view user_public_id,
                                                        const ReviewQuery& query);
  // Every entry about the person in [from_us, to_us) (at most max_extract_entries, newest first;
  // page.next_cursor is set when there were more), for a data-subject request (CSV or print).
  [[nodiscard]] base::Result<PersonReview> ExtractForPerson(const Actor& actor,
                                                            std::string_view person_public_id,
                                                            std::int64_t from_us,
                                                            std::int64_t to_us);

  [[nodiscard]] const ReviewOptions& options() const { return options_; }

 private:
  [[nodiscard]] base::Status Authorise(const Actor& actor, bool needs_step_up);
  [[nodiscard]] base::Status Record(const Actor& actor, Action action,
                                    std::optional<RecordType> type, std::optional<std::int64_t> id,
                                    std::optional<std::int64_t> person);
  [[nodiscard]] base::Status Deny(const Actor& actor, const base::Error& error,
                                  std::optional<RecordType> type = std::nullopt,
                                  std::optional<std::int64_t> id = std::nullopt,
                                  std::optional<std::int64_t> person = std::nullopt);
  [[nodiscard]] base::Result<PersonReview> PersonEntries(const Actor& actor,
                                                         std::string_view public_id,
                                                         const ReviewQuery& query, bool extract);

  storage::Database& db_;
  AuditLog& log_;
  const base::Clock& clock_;
  const PersonDirectory& persons_;
  const ReviewOptions options_;
};

}  // namespace fyren::trust::audit
