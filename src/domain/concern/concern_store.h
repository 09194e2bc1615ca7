#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "domain/concern/concern.h"
#include "storage/database.h"

namespace fyren::concern {

// A report row as stored: sealed columns as ciphertext bytes.
struct StoredReport {
  std::int64_t id = 0;
  std::string public_id;
  std::string reference;
  base::OrganisationId receiving_authority;
  std::string district;
  std::int64_t reporter_user_id = 0;
  std::optional<base::OrganisationId> reporter_unit;
  bool child_known = false;
  std::optional<std::string> child_name;
  std::optional<std::string> child_description;
  std::string concern_text;
  std::string reporter_contact;
  std::optional<std::string> screening_public_id;
  ReportStatus status = ReportStatus::kNew;
  std::int64_t received_at = 0;
  std::optional<std::int64_t> intake_opened_at;
  std::optional<AssessmentOutcome> assessment_outcome;
  std::optional<std::string> assessment_note;
  std::optional<std::int64_t> assessed_at;
  std::optional<InvestigationDecision> decision;
  std::optional<std::string> decision_date;
  std::optional<std::int64_t> closed_at;
  std::int64_t version = 1;
};

struct StoredDeadline {
  std::string code;
  MetBy met_by = MetBy::kAssessment;
  std::int64_t due_at = 0;
  std::optional<std::int64_t> escalate_at;
  std::optional<std::int64_t> met_at;
  bool waived = false;
};

struct QueueStoredRow {
  StoredReport report;  // sealed columns left empty: the queue opens nothing
  std::vector<StoredDeadline> deadlines;
};

// The intake queue's counts of one authority at one moment, per report status (issue 5, Speed:
// one grouped query instead of a COUNT per figure, and kept by QueueCache).
struct QueueStatusCount {
  ReportStatus status = ReportStatus::kNew;
  std::int64_t reports = 0;
  std::int64_t overdue = 0;    // with an unmet deadline past due
  std::int64_t escalated = 0;  // with an unmet deadline past its escalation time
};

struct QueueCounts {
  std::vector<QueueStatusCount> by_status;
  // The earliest due or escalation time after the counted moment among the authority's unmet
  // deadlines: the counts stay right until then unless a report changes. nullopt: none.
  std::optional<std::int64_t> next_change;

  // What CountQueue answers for the filter, and CountOverdue / CountEscalated.
  [[nodiscard]] std::int64_t Total(std::optional<ReportStatus> status, bool overdue_only) const;
  [[nodiscard]] std::int64_t Overdue() const;
  [[nodiscard]] std::int64_t Escalated() const;
};

struct AuthorityRow {
  base::OrganisationId id;
  std::string code;
  std::string name_sv;
  std::string name_en;
};

// SQL for reports of concern (migrations/*/0010_concerns.sql), and nothing else: no access
// decisions, no audit, no crypto. Every function runs inside the caller's transaction. Stateless.
class ConcernStore {
 public:
  // The next number in the authority's series for `year` (1, 2, ...), taken inside the caller's
  // write transaction so two reports never share a reference.
  [[nodiscard]] static base::Result<std::int64_t> NextReferenceNumber(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId authority, int year);
  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, base::TenantId tenant,
                                           const StoredReport& report, std::int64_t now_us);
  [[nodiscard]] static base::Status InsertDeadline(storage::Transaction& tx, base::TenantId tenant,
                                                   std::int64_t report_id,
                                                   const StoredDeadline& deadline);
  [[nodiscard]] static base::Status InsertEvent(storage::Transaction& tx, base::TenantId tenant,
                                                std::int64_t report_id, std::string_view kind,
                                                std::int64_t user_id, std::int64_t at_us);

  [[nodiscard]] static base::Result<std::optional<StoredReport>> Find(storage::Transaction& tx,
                                                                      base::TenantId tenant,
                                                                      std::string_view public_id);
  [[nodiscard]] static base::Result<std::vector<StoredDeadline>> Deadlines(storage::Transaction& tx,
                                                                           base::TenantId tenant,
                                                                           std::int64_t report_id);
  [[nodiscard]] static base::Result<std::vector<ReportEvent>> Events(storage::Transaction& tx,
                                                                     base::TenantId tenant,
                                                                     std::int64_t report_id);

  // Marks the report opened by intake (once): status new -> received. False when it already was.
  [[nodiscard]] static base::Result<bool> MarkOpened(storage::Transaction& tx,
                                                     base::TenantId tenant, std::int64_t report_id,
                                                     std::int64_t at_us);
  // The protection assessment; kConflict when `expected_version` is not current.
  [[nodiscard]] static base::Status RecordAssessment(storage::Transaction& tx,
                                                     base::TenantId tenant, std::int64_t report_id,
                                                     AssessmentOutcome outcome,
                                                     std::string_view sealed_note,
                                                     std::int64_t user_id, std::int64_t at_us,
                                                     std::int64_t expected_version);
  [[nodiscard]] static base::Status RecordDecision(storage::Transaction& tx, base::TenantId tenant,
                                                   std::int64_t report_id,
                                                   InvestigationDecision decision,
                                                   std::string_view decision_date,
                                                   std::int64_t user_id, std::int64_t at_us,
                                                   std::int64_t expected_version);
  [[nodiscard]] static base::Status Close(storage::Transaction& tx, base::TenantId tenant,
                                          std::int64_t report_id, std::int64_t user_id,
                                          std::int64_t at_us, std::int64_t expected_version);
  // Sets met_at on the report's unmet deadlines met by `met_by`.
  [[nodiscard]] static base::Status MeetDeadlines(storage::Transaction& tx, base::TenantId tenant,
                                                  std::int64_t report_id, MetBy met_by,
                                                  std::int64_t at_us);
  // Marks the report's unmet deadlines met by `met_by` as no longer applying.
  [[nodiscard]] static base::Status WaiveDeadlines(storage::Transaction& tx, base::TenantId tenant,
                                                   std::int64_t report_id, MetBy met_by);

  // One page of the authority's queue: new first, then newest first; `overdue_only` keeps reports
  // with an unmet deadline due before `now_us`.
  [[nodiscard]] static base::Result<std::vector<QueueStoredRow>> Queue(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId authority,
      std::optional<ReportStatus> status, bool overdue_only, std::int64_t now_us, int limit,
      int offset);
  [[nodiscard]] static base::Result<std::int64_t> CountQueue(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId authority,
      std::optional<ReportStatus> status, bool overdue_only, std::int64_t now_us);
  // Reports of the authority with an unmet deadline past due (or past escalation).
  [[nodiscard]] static base::Result<std::int64_t> CountOverdue(storage::Transaction& tx,
                                                               base::TenantId tenant,
                                                               base::OrganisationId authority,
                                                               std::int64_t now_us);
  [[nodiscard]] static base::Result<std::int64_t> CountEscalated(storage::Transaction& tx,
                                                                 base::TenantId tenant,
                                                                 base::OrganisationId authority,
                                                                 std::int64_t now_us);

  // All of the authority's queue counts at `now_us` in one grouped query, with the moment they
  // next change by the clock alone.
  [[nodiscard]] static base::Result<QueueCounts> CountQueueByStatus(storage::Transaction& tx,
                                                                    base::TenantId tenant,
                                                                    base::OrganisationId authority,
                                                                    std::int64_t now_us);
  // The authority's queue generation (migrations/*/0014): moved on by triggers in the
  // transaction of every change to its reports or their deadlines; 0 before the first.
  [[nodiscard]] static base::Result<std::int64_t> QueueGeneration(storage::Transaction& tx,
                                                                  base::TenantId tenant,
                                                                  base::OrganisationId authority);

  [[nodiscard]] static base::Result<std::optional<AuthorityRow>> AuthorityByCode(
      storage::Transaction& tx, base::TenantId tenant, std::string_view code);
  [[nodiscard]] static base::Result<std::optional<AuthorityRow>> OrganisationById(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId id);
  // The reporter's display name (for intake: who to call back).
  [[nodiscard]] static base::Result<std::string> UserDisplayName(storage::Transaction& tx,
                                                                 base::TenantId tenant,
                                                                 std::int64_t user_id);
  [[nodiscard]] static base::Result<std::int64_t> CountReports(storage::Transaction& tx,
                                                               base::TenantId tenant);
};

}  // namespace fyren::concern
