#include "domain/concern/concern_store.h"

#include "storage/optimistic.h"

namespace fyren::concern {
namespace {

using storage::BlobView;
using storage::OptionalBlob;
using storage::Param;

constexpr std::string_view kNextReference =
    "INSERT INTO concern_reference_counters (tenant_id, authority_id, year, last_number) "
    "VALUES ($1, $2, $3, 1) ON CONFLICT (tenant_id, authority_id, year) "
    "DO UPDATE SET last_number = concern_reference_counters.last_number + 1 "
    "RETURNING last_number";

constexpr std::string_view kInsert =
    "INSERT INTO concern_reports (tenant_id, report_id, public_id, reference, "
    "receiving_authority_id, district, reporter_user_id, reporter_unit_id, child_known, "
    "child_name, child_description, concern_text, reporter_contact, screening_public_id, status, "
    "received_at, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10, $11, $12, $13, $14, 'new', $15, 1, $16, $16)";

constexpr std::string_view kInsertDeadline =
    "INSERT INTO concern_deadlines (tenant_id, report_id, code, met_by, due_at, escalate_at, "
    "met_at, waived) VALUES ($1, $2, $3, $4, $5, $6, NULL, 0)";

constexpr std::string_view kInsertEvent =
    "INSERT INTO concern_events (tenant_id, event_id, report_id, kind, user_id, occurred_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";

#define FYREN_REPORT_COLUMNS                                                                       \
  "report_id, public_id, reference, receiving_authority_id, district, reporter_user_id, "          \
  "reporter_unit_id, child_known, child_name, child_description, concern_text, reporter_contact, " \
  "screening_public_id, status, received_at, intake_opened_at, assessment_outcome, "               \
  "assessment_note, assessed_at, decision, decision_date, closed_at, version"

constexpr std::string_view kFind =
    "SELECT " FYREN_REPORT_COLUMNS " FROM concern_reports WHERE tenant_id = $1 AND public_id = $2";
#undef FYREN_REPORT_COLUMNS

constexpr std::string_view kDeadlines =
    "SELECT code, met_by, due_at, escalate_at, met_at, waived FROM concern_deadlines "
    "WHERE tenant_id = $1 AND report_id = $2 ORDER BY due_at, code";

constexpr std::string_view kEvents =
    "SELECT e.kind, COALESCE(u.display_name, ''), e.occurred_at FROM concern_events e "
    "LEFT JOIN users u ON u.tenant_id = e.tenant_id AND u.user_id = e.user_id "
    "WHERE e.tenant_id = $1 AND e.report_id = $2 ORDER BY e.occurred_at, e.event_id";

constexpr std::string_view kMarkOpened =
    "UPDATE concern_reports SET intake_opened_at = $3, status = CASE WHEN status = 'new' "
    "THEN 'received' ELSE status END, updated_at = $3 "
    "WHERE tenant_id = $1 AND report_id = $2 AND intake_opened_at IS NULL";

constexpr std::string_view kAssess =
    "UPDATE concern_reports SET assessment_outcome = $3, assessment_note = $4, assessed_by = $5, "
    "assessed_at = $6, status = CASE WHEN status IN ('new', 'received') THEN 'assessed' "
    "ELSE status END, intake_opened_at = COALESCE(intake_opened_at, $6), updated_at = $6, "
    "version = version + 1 WHERE tenant_id = $1 AND report_id = $2 AND version = $7";

constexpr std::string_view kDecide =
    "UPDATE concern_reports SET decision = $3, decision_date = $4, decided_by = $5, "
    "decided_at = $6, status = $8, intake_opened_at = COALESCE(intake_opened_at, $6), "
    "updated_at = $6, version = version + 1 "
    "WHERE tenant_id = $1 AND report_id = $2 AND version = $7";

constexpr std::string_view kClose =
    "UPDATE concern_reports SET closed_by = $3, closed_at = $4, status = 'closed', "
    "updated_at = $4, version = version + 1 "
    "WHERE tenant_id = $1 AND report_id = $2 AND version = $5";

constexpr std::string_view kMeet =
    "UPDATE concern_deadlines SET met_at = $4 WHERE tenant_id = $1 AND report_id = $2 "
    "AND met_by = $3 AND met_at IS NULL AND waived = 0";

constexpr std::string_view kWaive =
    "UPDATE concern_deadlines SET waived = 1 WHERE tenant_id = $1 AND report_id = $2 "
    "AND met_by = $3 AND met_at IS NULL";

// A report "is overdue" when one of its deadlines is unmet, applies, and is past due.
#define FYREN_OVERDUE                                                                \
  "EXISTS (SELECT 1 FROM concern_deadlines d2 WHERE d2.tenant_id = r.tenant_id AND " \
  "d2.report_id = r.report_id AND d2.met_at IS NULL AND d2.waived = 0 AND d2.due_at <= $5)"
#define FYREN_QUEUE_WHERE                                                     \
  "WHERE r.tenant_id = $1 AND r.receiving_authority_id = $2 AND ($3 = '' OR " \
  "r.status = $3) AND ($4 = 0 OR " FYREN_OVERDUE ")"

// New reports first, then the rest, each newest first. Ordering by "status = 'new'" directly made
// every view read and sort all of the authority's reports (10,000: ~25 ms on SQLite); two walks
// of concern_reports_received (migrations/*/0014), each stopping at the page's end, give the
// same rows in ~0.1 ms.
#define FYREN_QUEUE_PART(FIRST, STATUS_TEST, ALIAS)                                       \
  "SELECT * FROM (SELECT " FIRST                                                          \
  " AS new_first, r.tenant_id, r.report_id, r.public_id, "                                \
  "r.reference, r.district, r.child_known, r.status, r.received_at FROM concern_reports " \
  "r " FYREN_QUEUE_WHERE " AND " STATUS_TEST                                              \
  " ORDER BY r.received_at DESC, r.report_id DESC LIMIT CAST($6 AS BIGINT) + CAST($7 AS " \
  "BIGINT)) " ALIAS
constexpr std::string_view kQueue =
    "SELECT q.report_id, q.public_id, q.reference, q.district, q.child_known, q.status, "
    "q.received_at, d.code, d.met_by, d.due_at, d.escalate_at, d.met_at, d.waived FROM ("
    "SELECT * FROM (" FYREN_QUEUE_PART("0", "r.status = 'new'", "n")
    " UNION ALL " FYREN_QUEUE_PART("1", "r.status <> 'new'", "o")
    ") u ORDER BY new_first, received_at DESC, report_id DESC LIMIT $6 OFFSET $7) q "
    "LEFT JOIN concern_deadlines d ON d.tenant_id = q.tenant_id AND d.report_id = q.report_id "
    "ORDER BY q.new_first, q.received_at DESC, q.report_id DESC, d.due_at, d.code";
#undef FYREN_QUEUE_PART

constexpr std::string_view kCountQueue =
    "SELECT COUNT(*) FROM concern_reports r " FYREN_QUEUE_WHERE;

constexpr std::string_view kCountOverdue =
    "SELECT COUNT(*) FROM concern_reports r WHERE r.tenant_id = $1 AND "
    "r.receiving_authority_id = $2 AND EXISTS (SELECT 1 FROM concern_deadlines d2 WHERE "
    "d2.tenant_id = r.tenant_id AND d2.report_id = r.report_id AND d2.met_at IS NULL AND "
    "d2.waived = 0 AND d2.due_at <= $3)";

constexpr std::string_view kCountEscalated =
    "SELECT COUNT(*) FROM concern_reports r WHERE r.tenant_id = $1 AND "
    "r.receiving_authority_id = $2 AND EXISTS (SELECT 1 FROM concern_deadlines d2 WHERE "
    "d2.tenant_id = r.tenant_id AND d2.report_id = r.report_id AND d2.met_at IS NULL AND "
    "d2.waived = 0 AND d2.escalate_at IS NOT NULL AND d2.escalate_at <= $3)";

// Every figure of the queue's heading in one pass over the authority's reports (the deadlines
// are looked up per report by the primary key, as above).
constexpr std::string_view kCountByStatus =
    "SELECT r.status, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM concern_deadlines d2 WHERE "
    "d2.tenant_id = r.tenant_id AND d2.report_id = r.report_id AND d2.met_at IS NULL AND "
    "d2.waived = 0 AND d2.due_at <= $3) THEN 1 ELSE 0 END), SUM(CASE WHEN EXISTS (SELECT 1 FROM "
    "concern_deadlines d2 WHERE d2.tenant_id = r.tenant_id AND d2.report_id = r.report_id AND "
    "d2.met_at IS NULL AND d2.waived = 0 AND d2.escalate_at IS NOT NULL AND d2.escalate_at <= "
    "$3) THEN 1 ELSE 0 END) FROM concern_reports r WHERE r.tenant_id = $1 AND "
    "r.receiving_authority_id = $2 GROUP BY r.status";

constexpr std::string_view kNextChange =
    "SELECT MIN(CASE WHEN d.due_at > $3 THEN d.due_at END), MIN(CASE WHEN d.escalate_at > $3 "
    "THEN d.escalate_at END) FROM concern_deadlines d JOIN concern_reports r ON r.tenant_id = "
    "d.tenant_id AND r.report_id = d.report_id WHERE r.tenant_id = $1 AND "
    "r.receiving_authority_id = $2 AND d.met_at IS NULL AND d.waived = 0";

constexpr std::string_view kQueueGeneration =
    "SELECT generation FROM concern_queue_generations WHERE tenant_id = $1 AND authority_id = $2";
#undef FYREN_QUEUE_WHERE
#undef FYREN_OVERDUE

constexpr std::string_view kAuthorityByCode =
    "SELECT organisation_id, code, name_sv, name_en FROM organisations "
    "WHERE tenant_id = $1 AND code = $2 AND kind = 'authority'";

constexpr std::string_view kOrganisationById =
    "SELECT organisation_id, code, name_sv, name_en FROM organisations "
    "WHERE tenant_id = $1 AND organisation_id = $2";

constexpr std::string_view kUserDisplayName =
    "SELECT display_name FROM users WHERE tenant_id = $1 AND user_id = $2";

constexpr std::string_view kCountReports =
    "SELECT COUNT(*) FROM concern_reports WHERE tenant_id = $1";

base::Error Inconsistent(std::string_view what, std::int64_t id) {
  return base::Error{.code = base::ErrorCode::kInternal,
                     .message = "Stored report of concern is inconsistent.",
                     .detail = std::string(what) + " in concern row " + std::to_string(id),
                     .field = {}};
}

base::Result<StoredReport> FromRow(const storage::Row& row) {
  StoredReport r;
  r.id = row.Int(0);
  const auto status = ParseReportStatus(row.Text(13));
  if (!status) return std::unexpected(Inconsistent("unknown status", r.id));
  r.public_id = row.Text(1);
  r.reference = row.Text(2);
  r.receiving_authority = base::OrganisationId(row.Int(3));
  r.district = row.Text(4);
  r.reporter_user_id = row.Int(5);
  if (const auto unit = row.OptionalInt(6)) r.reporter_unit = base::OrganisationId(*unit);
  r.child_known = row.Int(7) != 0;
  r.child_name = row.OptionalBytes(8);
  r.child_description = row.OptionalBytes(9);
  r.concern_text = row.Bytes(10);
  r.reporter_contact = row.Bytes(11);
  r.screening_public_id = row.OptionalText(12);
  r.status = *status;
  r.received_at = row.Int(14);
  r.intake_opened_at = row.OptionalInt(15);
  if (const auto outcome = row.OptionalText(16)) {
    r.assessment_outcome = ParseAssessmentOutcome(*outcome);
    if (!r.assessment_outcome) return std::unexpected(Inconsistent("unknown outcome", r.id));
  }
  r.assessment_note = row.OptionalBytes(17);
  r.assessed_at = row.OptionalInt(18);
  if (const auto decision = row.OptionalText(19)) {
    r.decision = ParseInvestigationDecision(*decision);
    if (!r.decision) return std::unexpected(Inconsistent("unknown decision", r.id));
  }
  r.decision_date = row.OptionalText(20);
  r.closed_at = row.OptionalInt(21);
  r.version = row.Int(22);
  return r;
}

base::Result<StoredDeadline> DeadlineFromRow(const storage::Row& row, std::size_t first) {
  const auto met_by = ParseMetBy(row.Text(first + 1));
  if (!met_by) return std::unexpected(Inconsistent("unknown met_by", 0));
  return StoredDeadline{.code = row.Text(first),
                        .met_by = *met_by,
                        .due_at = row.Int(first + 2),
                        .escalate_at = row.OptionalInt(first + 3),
                        .met_at = row.OptionalInt(first + 4),
                        .waived = row.Int(first + 5) != 0};
}

base::Status Done(const base::Result<std::int64_t>& result) {
  if (!result) return std::unexpected(result.error());
  return base::Ok();
}

base::Result<std::optional<AuthorityRow>> OneAuthority(const base::Result<storage::Rows>& rows) {
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<AuthorityRow>();
  const storage::Row& row = rows->front();
  return std::optional(AuthorityRow{.id = base::OrganisationId(row.Int(0)),
                                    .code = row.Text(1),
                                    .name_sv = row.Text(2),
                                    .name_en = row.Text(3)});
}

base::Result<std::int64_t> Count(const base::Result<storage::Rows>& rows) {
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

}  // namespace

base::Result<std::int64_t> ConcernStore::NextReferenceNumber(storage::Transaction& tx,
                                                             base::TenantId tenant,
                                                             base::OrganisationId authority,
                                                             int year) {
  auto rows = tx.Query(kNextReference, {tenant.value(), authority.value(), year});
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

base::Status ConcernStore::Insert(storage::Transaction& tx, base::TenantId tenant,
                                  const StoredReport& r, std::int64_t now_us) {
  std::optional<std::int64_t> unit;
  if (r.reporter_unit) unit = r.reporter_unit->value();
  return Done(tx.Execute(
      kInsert, {tenant.value(), r.id, r.public_id, r.reference, r.receiving_authority.value(),
                r.district, r.reporter_user_id, unit, r.child_known, OptionalBlob(r.child_name),
                OptionalBlob(r.child_description), BlobView{r.concern_text},
                BlobView{r.reporter_contact}, r.screening_public_id, r.received_at, now_us}));
}

base::Status ConcernStore::InsertDeadline(storage::Transaction& tx, base::TenantId tenant,
                                          std::int64_t report_id, const StoredDeadline& d) {
  return Done(tx.Execute(kInsertDeadline, {tenant.value(), report_id, d.code, ToString(d.met_by),
                                           d.due_at, d.escalate_at}));
}

base::Status ConcernStore::InsertEvent(storage::Transaction& tx, base::TenantId tenant,
                                       std::int64_t report_id, std::string_view kind,
                                       std::int64_t user_id, std::int64_t at_us) {
  return Done(tx.Execute(kInsertEvent,
                         {tenant.value(), base::NewRowId(), report_id, kind, user_id, at_us}));
}

base::Result<std::optional<StoredReport>> ConcernStore::Find(storage::Transaction& tx,
                                                             base::TenantId tenant,
                                                             std::string_view public_id) {
  auto rows = tx.Query(kFind, {tenant.value(), public_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<StoredReport>();
  auto report = FromRow(rows->front());
  if (!report) return std::unexpected(report.error());
  return std::optional(std::move(*report));
}

base::Result<std::vector<StoredDeadline>> ConcernStore::Deadlines(storage::Transaction& tx,
                                                                  base::TenantId tenant,
                                                                  std::int64_t report_id) {
  auto rows = tx.Query(kDeadlines, {tenant.value(), report_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredDeadline> out;
  for (const storage::Row& row : *rows) {
    auto deadline = DeadlineFromRow(row, 0);
    if (!deadline) return std::unexpected(deadline.error());
    out.push_back(std::move(*deadline));
  }
  return out;
}

base::Result<std::vector<ReportEvent>> ConcernStore::Events(storage::Transaction& tx,
                                                            base::TenantId tenant,
                                                            std::int64_t report_id) {
  auto rows = tx.Query(kEvents, {tenant.value(), report_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<ReportEvent> out;
  for (const storage::Row& row : *rows) {
    out.push_back(ReportEvent{
        .kind = row.Text(0), .user_display_name = row.Text(1), .occurred_at = row.Int(2)});
  }
  return out;
}

base::Result<bool> ConcernStore::MarkOpened(storage::Transaction& tx, base::TenantId tenant,
                                            std::int64_t report_id, std::int64_t at_us) {
  auto changed = tx.Execute(kMarkOpened, {tenant.value(), report_id, at_us});
  if (!changed) return std::unexpected(changed.error());
  return *changed > 0;
}

base::Status ConcernStore::RecordAssessment(storage::Transaction& tx, base::TenantId tenant,
                                            std::int64_t report_id, AssessmentOutcome outcome,
                                            std::string_view sealed_note, std::int64_t user_id,
                                            std::int64_t at_us, std::int64_t expected_version) {
  return storage::ExpectOneRowUpdated(
      tx.Execute(kAssess, {tenant.value(), report_id, ToString(outcome), BlobView{sealed_note},
                           user_id, at_us, expected_version}));
}

base::Status ConcernStore::RecordDecision(storage::Transaction& tx, base::TenantId tenant,
                                          std::int64_t report_id, InvestigationDecision decision,
                                          std::string_view decision_date, std::int64_t user_id,
                                          std::int64_t at_us, std::int64_t expected_version) {
  const ReportStatus status = decision == InvestigationDecision::kOpenInvestigation
                                  ? ReportStatus::kInvestigating
                                  : ReportStatus::kNotOpened;
  return storage::ExpectOneRowUpdated(
      tx.Execute(kDecide, {tenant.value(), report_id, ToString(decision), decision_date, user_id,
                           at_us, expected_version, ToString(status)}));
}

base::Status ConcernStore::Close(storage::Transaction& tx, base::TenantId tenant,
                                 std::int64_t report_id, std::int64_t user_id, std::int64_t at_us,
                                 std::int64_t expected_version) {
  return storage::ExpectOneRowUpdated(
      tx.Execute(kClose, {tenant.value(), report_id, user_id, at_us, expected_version}));
}

base::Status ConcernStore::MeetDeadlines(storage::Transaction& tx, base::TenantId tenant,
                                         std::int64_t report_id, MetBy met_by, std::int64_t at_us) {
  return Done(tx.Execute(kMeet, {tenant.value(), report_id, ToString(met_by), at_us}));
}

base::Status ConcernStore::WaiveDeadlines(storage::Transaction& tx, base::TenantId tenant,
                                          std::int64_t report_id, MetBy met_by) {
  return Done(tx.Execute(kWaive, {tenant.value(), report_id, ToString(met_by)}));
}

base::Result<std::vector<QueueStoredRow>> ConcernStore::Queue(
    storage::Transaction& tx, base::TenantId tenant, base::OrganisationId authority,
    std::optional<ReportStatus> status, bool overdue_only, std::int64_t now_us, int limit,
    int offset) {
  const std::string_view status_code = status ? ToString(*status) : std::string_view();
  auto rows = tx.Query(kQueue, {tenant.value(), authority.value(), status_code, overdue_only,
                                now_us, limit, offset});
  if (!rows) return std::unexpected(rows.error());
  std::vector<QueueStoredRow> out;
  for (const storage::Row& row : *rows) {
    const std::int64_t id = row.Int(0);
    if (out.empty() || out.back().report.id != id) {
      const auto parsed = ParseReportStatus(row.Text(5));
      if (!parsed) return std::unexpected(Inconsistent("unknown status", id));
      QueueStoredRow next;
      next.report.id = id;
      next.report.public_id = row.Text(1);
      next.report.reference = row.Text(2);
      next.report.receiving_authority = authority;
      next.report.district = row.Text(3);
      next.report.child_known = row.Int(4) != 0;
      next.report.status = *parsed;
      next.report.received_at = row.Int(6);
      out.push_back(std::move(next));
    }
    if (row.IsNull(7)) continue;
    auto deadline = DeadlineFromRow(row, 7);
    if (!deadline) return std::unexpected(deadline.error());
    out.back().deadlines.push_back(std::move(*deadline));
  }
  return out;
}

base::Result<std::int64_t> ConcernStore::CountQueue(storage::Transaction& tx, base::TenantId tenant,
                                                    base::OrganisationId authority,
                                                    std::optional<ReportStatus> status,
                                                    bool overdue_only, std::int64_t now_us) {
  const std::string_view status_code = status ? ToString(*status) : std::string_view();
  return Count(tx.Query(kCountQueue,
                        {tenant.value(), authority.value(), status_code, overdue_only, now_us}));
}

base::Result<std::int64_t> ConcernStore::CountOverdue(storage::Transaction& tx,
                                                      base::TenantId tenant,
                                                      base::OrganisationId authority,
                                                      std::int64_t now_us) {
  return Count(tx.Query(kCountOverdue, {tenant.value(), authority.value(), now_us}));
}

base::Result<std::int64_t> ConcernStore::CountEscalated(storage::Transaction& tx,
                                                        base::TenantId tenant,
                                                        base::OrganisationId authority,
                                                        std::int64_t now_us) {
  return Count(tx.Query(kCountEscalated, {tenant.value(), authority.value(), now_us}));
}

std::int64_t QueueCounts::Total(std::optional<ReportStatus> status, bool overdue_only) const {
  std::int64_t total = 0;
  for (const QueueStatusCount& c : by_status) {
    if (status && c.status != *status) continue;
    total += overdue_only ? c.overdue : c.reports;
  }
  return total;
}

std::int64_t QueueCounts::Overdue() const { return Total(std::nullopt, true); }

std::int64_t QueueCounts::Escalated() const {
  std::int64_t total = 0;
  for (const QueueStatusCount& c : by_status) total += c.escalated;
  return total;
}

base::Result<QueueCounts> ConcernStore::CountQueueByStatus(storage::Transaction& tx,
                                                           base::TenantId tenant,
                                                           base::OrganisationId authority,
                                                           std::int64_t now_us) {
  QueueCounts counts;
  auto rows = tx.Query(kCountByStatus, {tenant.value(), authority.value(), now_us});
  if (!rows) return std::unexpected(rows.error());
  for (const storage::Row& row : *rows) {
    const auto status = ParseReportStatus(row.Text(0));
    if (!status) return std::unexpected(Inconsistent("unknown status", 0));
    counts.by_status.push_back(QueueStatusCount{
        .status = *status, .reports = row.Int(1), .overdue = row.Int(2), .escalated = row.Int(3)});
  }
  auto next = tx.Query(kNextChange, {tenant.value(), authority.value(), now_us});
  if (!next) return std::unexpected(next.error());
  for (const int column : {0, 1}) {
    if (next->empty() || next->front().IsNull(column)) continue;
    const std::int64_t at = next->front().Int(column);
    if (!counts.next_change || at < *counts.next_change) counts.next_change = at;
  }
  return counts;
}

base::Result<std::int64_t> ConcernStore::QueueGeneration(storage::Transaction& tx,
                                                         base::TenantId tenant,
                                                         base::OrganisationId authority) {
  auto rows = tx.Query(kQueueGeneration, {tenant.value(), authority.value()});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::int64_t{0};
  return rows->front().Int(0);
}

base::Result<std::optional<AuthorityRow>> ConcernStore::AuthorityByCode(storage::Transaction& tx,
                                                                        base::TenantId tenant,
                                                                        std::string_view code) {
  return OneAuthority(tx.Query(kAuthorityByCode, {tenant.value(), code}));
}

base::Result<std::optional<AuthorityRow>> ConcernStore::OrganisationById(storage::Transaction& tx,
                                                                         base::TenantId tenant,
                                                                         base::OrganisationId id) {
  return OneAuthority(tx.Query(kOrganisationById, {tenant.value(), id.value()}));
}

base::Result<std::string> ConcernStore::UserDisplayName(storage::Transaction& tx,
                                                        base::TenantId tenant,
                                                        std::int64_t user_id) {
  auto rows = tx.Query(kUserDisplayName, {tenant.value(), user_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::string();
  return rows->front().Text(0);
}

base::Result<std::int64_t> ConcernStore::CountReports(storage::Transaction& tx,
                                                      base::TenantId tenant) {
  return Count(tx.Query(kCountReports, {tenant.value()}));
}

}  // namespace fyren::concern
