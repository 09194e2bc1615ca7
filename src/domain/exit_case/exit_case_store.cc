#include "domain/exit_case/exit_case_store.h"

#include <algorithm>

#include "storage/optimistic.h"

namespace fyren::exit_case {
namespace {

using storage::OptionalBlob;
using storage::Param;

#define FYREN_CASE_COLUMNS                                                                     \
  "c.case_id, c.public_id, c.case_number, c.person_id, c.owning_authority_id, "                \
  "c.responsible_user_id, c.status, c.closed_reason, c.closed_note, c.version, c.created_by, " \
  "c.created_at, c.updated_at"
constexpr std::size_t kCaseColumnCount = 13;

// Status filter ($4, '' = any) and case number pattern ($5, '' = any); CAST gives PostgreSQL the
// parameter's type where nothing else does.
#define FYREN_LIST_FILTERS                                            \
  " AND (CAST($4 AS TEXT) = '' OR c.status = $4)"                     \
  " AND (CAST($5 AS TEXT) = '' OR c.case_number LIKE $5 ESCAPE '\\')" \
  " AND p.protected_identity = 0"

#define FYREN_LIST_SELECT                                                                        \
  "SELECT " FYREN_CASE_COLUMNS                                                                   \
  ", p.public_id, p.given_name, p.family_name, p.birth_year, s.on_team, u.display_name "         \
  "FROM exit_cases c JOIN persons p ON p.tenant_id = c.tenant_id AND p.person_id = c.person_id " \
  "JOIN users u ON u.tenant_id = c.tenant_id AND u.user_id = c.responsible_user_id "             \
  "LEFT JOIN person_staff s ON s.tenant_id = c.tenant_id AND s.person_id = c.person_id "         \
  "AND s.user_id = $3 "

// Only the actor's own cases, so an inner join on the staff row. The authority's cases are walked
// newest-changed first (index exit_cases_authority_updated, migrations/*/0014) and the page ends
// after LIMIT rows, instead of reading and sorting all of them; CROSS JOIN makes SQLite check the
// staff row right after each case, before it looks up the person and the coordinator
// (PostgreSQL plans CROSS JOIN like any inner join).
constexpr std::string_view kListOnTeam =
    "SELECT " FYREN_CASE_COLUMNS
    ", p.public_id, p.given_name, p.family_name, p.birth_year, s.on_team, u.display_name "
    "FROM exit_cases c CROSS JOIN person_staff s "
    "JOIN persons p ON p.tenant_id = c.tenant_id AND p.person_id = c.person_id "
    "JOIN users u ON u.tenant_id = c.tenant_id AND u.user_id = c.responsible_user_id "
    "WHERE c.tenant_id = $1 AND c.owning_authority_id = $2 AND s.tenant_id = c.tenant_id "
    "AND s.person_id = c.person_id AND s.user_id = $3 AND s.on_team = 1" FYREN_LIST_FILTERS
    " ORDER BY c.updated_at DESC, c.case_id DESC LIMIT $6 OFFSET $7";

// The filter of kListOnTeam with a fixed status, counted.
constexpr std::string_view kCountOnTeam =
    "SELECT COUNT(*) FROM exit_cases c CROSS JOIN person_staff s "
    "JOIN persons p ON p.tenant_id = c.tenant_id AND p.person_id = c.person_id "
    "WHERE c.tenant_id = $1 AND c.owning_authority_id = $2 AND s.tenant_id = c.tenant_id "
    "AND s.person_id = c.person_id AND s.user_id = $3 AND s.on_team = 1 AND c.status = $4 "
    "AND p.protected_identity = 0";

constexpr std::string_view kListForUnit = FYREN_LIST_SELECT
    "WHERE c.tenant_id = $1 AND c.owning_authority_id = $2 AND u.unit_id = $8" FYREN_LIST_FILTERS
    " ORDER BY c.updated_at DESC, c.case_id DESC LIMIT $6 OFFSET $7";

// At most two organisations: the partner user's unit and the partner organisation above it.
constexpr std::string_view kListShared =
    "SELECT " FYREN_CASE_COLUMNS
    ", co.consent_id, co.organisation_id, co.scope, co.expires_at FROM consents co "
    "JOIN exit_cases c ON c.tenant_id = co.tenant_id AND c.case_id = co.case_id "
    "WHERE co.tenant_id = $1 AND co.organisation_id IN ($2, $3) "
    "AND co.purpose = 'share_with_organisation' AND co.withdrawn_at IS NULL "
    "AND (co.expires_at IS NULL OR co.expires_at > $4) "
    "ORDER BY c.updated_at DESC, c.case_id DESC, co.consent_id DESC LIMIT $5";

constexpr std::string_view kFindOpenForPerson =
    "SELECT " FYREN_CASE_COLUMNS
    " FROM exit_cases c WHERE c.tenant_id = $1 AND c.person_id = $2 AND c.status <> 'closed'";

#undef FYREN_LIST_SELECT
#undef FYREN_LIST_FILTERS
// FindForUserSql builds on it after the macros are gone.
constexpr std::string_view kCaseColumns = FYREN_CASE_COLUMNS;

#undef FYREN_CASE_COLUMNS

constexpr std::string_view kNextSequence =
    "INSERT INTO case_number_counters (tenant_id, authority_id, year, last_seq) "
    "VALUES ($1, $2, $3, 1) ON CONFLICT (tenant_id, authority_id, year) "
    "DO UPDATE SET last_seq = case_number_counters.last_seq + 1 RETURNING last_seq";

constexpr std::string_view kOrganisationCode =
    "SELECT code FROM organisations WHERE tenant_id = $1 AND organisation_id = $2";

constexpr std::string_view kInsert =
    "INSERT INTO exit_cases (tenant_id, case_id, public_id, case_number, person_id, "
    "owning_authority_id, responsible_user_id, status, closed_reason, closed_note, version, "
    "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, "
    "$12, $12)";

constexpr std::string_view kUpdateStatus =
    "UPDATE exit_cases SET status = $3, closed_reason = $4, closed_note = $5, updated_at = $6, "
    "version = version + 1 WHERE tenant_id = $1 AND case_id = $2 AND version = $7";

constexpr std::string_view kUpdateResponsible =
    "UPDATE exit_cases SET responsible_user_id = $3, updated_at = $4, version = version + 1 "
    "WHERE tenant_id = $1 AND case_id = $2 AND version = $5";

constexpr std::string_view kInsertEvent =
    "INSERT INTO exit_case_events (tenant_id, event_id, case_id, user_id, at, from_status, "
    "to_status, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

constexpr std::string_view kListEvents =
    "SELECT e.event_id, e.case_id, e.user_id, u.display_name, e.at, e.from_status, e.to_status, "
    "e.reason FROM exit_case_events e JOIN users u ON u.tenant_id = e.tenant_id "
    "AND u.user_id = e.user_id WHERE e.tenant_id = $1 AND e.case_id = $2 "
    "ORDER BY e.at, e.event_id";

constexpr std::string_view kInsertConsent =
    "INSERT INTO consents (tenant_id, consent_id, public_id, case_id, purpose, organisation_id, "
    "scope, how_given, recorded_by, given_at, expires_at, withdrawn_at, withdrawn_by, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL, $12)";

// The consent with the names a page shows beside it.
#define FYREN_CONSENT_SELECT                                                                       \
  "SELECT co.consent_id, co.public_id, co.case_id, co.purpose, co.organisation_id, co.scope, "     \
  "co.how_given, co.recorded_by, co.given_at, co.expires_at, co.withdrawn_at, co.withdrawn_by, "   \
  "co.created_at, ru.display_name, wu.display_name, o.public_id, o.name_sv, o.name_en "            \
  "FROM consents co JOIN users ru ON ru.tenant_id = co.tenant_id AND ru.user_id = co.recorded_by " \
  "LEFT JOIN users wu ON wu.tenant_id = co.tenant_id AND wu.user_id = co.withdrawn_by "            \
  "LEFT JOIN organisations o ON o.tenant_id = co.tenant_id "                                       \
  "AND o.organisation_id = co.organisation_id "

constexpr std::string_view kListConsents = FYREN_CONSENT_SELECT
    "WHERE co.tenant_id = $1 AND co.case_id = $2 ORDER BY co.created_at DESC, co.consent_id DESC";

constexpr std::string_view kActiveShares = FYREN_CONSENT_SELECT
    "WHERE co.tenant_id = $1 AND co.case_id = $2 AND co.organisation_id = $3 "
    "AND co.purpose = 'share_with_organisation' AND co.withdrawn_at IS NULL "
    "AND (co.expires_at IS NULL OR co.expires_at > $4) "
    "ORDER BY co.created_at DESC, co.consent_id DESC";

#undef FYREN_CONSENT_SELECT

#define FYREN_ORGANISATION_SELECT \
  "SELECT organisation_id, public_id, kind, parent_id, name_sv, name_en FROM organisations "

constexpr std::string_view kFindOrganisation =
    FYREN_ORGANISATION_SELECT "WHERE tenant_id = $1 AND organisation_id = $2";
constexpr std::string_view kFindOrganisationByPublicId =
    FYREN_ORGANISATION_SELECT "WHERE tenant_id = $1 AND public_id = $2";
constexpr std::string_view kListShareTargets = FYREN_ORGANISATION_SELECT
    "WHERE tenant_id = $1 AND kind IN ('partner', 'unit') ORDER BY name_sv, organisation_id";

#undef FYREN_ORGANISATION_SELECT

constexpr std::string_view kFindUser =
    "SELECT user_id, username, display_name, unit_id, active FROM users "
    "WHERE tenant_id = $1 AND user_id = $2";

constexpr std::string_view kWithdrawConsent =
    "UPDATE consents SET withdrawn_at = $4, withdrawn_by = $5 WHERE tenant_id = $1 "
    "AND case_id = $2 AND public_id = $3 AND withdrawn_at IS NULL";

constexpr std::string_view kCountCases = "SELECT COUNT(*) FROM exit_cases WHERE tenant_id = $1";

base::Error Inconsistent(std::string_view table, std::int64_t id) {
  return base::Error{
      .code = base::ErrorCode::kInternal,
      .message = "Stored case is inconsistent.",
      .detail = "unknown code in " + std::string(table) + " row " + std::to_string(id),
      .field = {}};
}

base::Result<StoredCase> CaseFromRow(const storage::Row& row) {
  const auto status = ParseCaseStatus(row.Text(6));
  std::optional<CloseReason> reason;
  if (!row.IsNull(7)) reason = ParseCloseReason(row.Text(7));
  if (!status || (!row.IsNull(7) && !reason)) {
    return std::unexpected(Inconsistent("exit_cases", row.Int(0)));
  }
  StoredCase c;
  c.id = CaseId(row.Int(0));
  c.public_id = row.Text(1);
  c.case_number = row.Text(2);
  c.person = person::PersonId(row.Int(3));
  c.owning_authority = base::OrganisationId(row.Int(4));
  c.responsible_user_id = row.Int(5);
  c.status = *status;
  c.closed_reason = reason;
  c.closed_note = row.OptionalBytes(8);
  c.version = row.Int(9);
  c.created_by = row.Int(10);
  c.created_at = row.Int(11);
  c.updated_at = row.Int(12);
  return c;
}

base::Result<StoredConsent> ConsentFromRow(const storage::Row& row) {
  const auto purpose = ParseConsentPurpose(row.Text(3));
  const auto scope = ParseSipParts(row.Text(5));
  const auto how = ParseConsentGiven(row.Text(6));
  if (!purpose || !scope || !how) return std::unexpected(Inconsistent("consents", row.Int(0)));
  StoredConsent c;
  c.id = ConsentId(row.Int(0));
  c.public_id = row.Text(1);
  c.case_id = CaseId(row.Int(2));
  c.purpose = *purpose;
  if (const auto org = row.OptionalInt(4)) c.organisation = base::OrganisationId(*org);
  c.scope = *scope;
  c.how_given = *how;
  c.recorded_by = row.Int(7);
  c.given_at = row.Int(8);
  c.expires_at = row.OptionalInt(9);
  c.withdrawn_at = row.OptionalInt(10);
  c.withdrawn_by = row.OptionalInt(11);
  c.created_at = row.Int(12);
  c.recorded_by_name = row.Text(13);
  c.withdrawn_by_name = row.OptionalText(14).value_or("");
  c.organisation_public_id = row.OptionalText(15).value_or("");
  c.organisation_name_sv = row.OptionalText(16).value_or("");
  c.organisation_name_en = row.OptionalText(17).value_or("");
  return c;
}

CaseOrganisation OrganisationFromRow(const storage::Row& row) {
  CaseOrganisation o;
  o.id = base::OrganisationId(row.Int(0));
  o.public_id = row.Text(1);
  o.kind = row.Text(2);
  if (const auto parent = row.OptionalInt(3)) o.parent = base::OrganisationId(*parent);
  o.name_sv = row.Text(4);
  o.name_en = row.Text(5);
  return o;
}

base::Result<std::optional<CaseOrganisation>> OneOrganisation(
    const base::Result<storage::Rows>& rows) {
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<CaseOrganisation>();
  return std::optional(OrganisationFromRow(rows->front()));
}

base::Result<std::vector<StoredConsent>> ConsentsFrom(const base::Result<storage::Rows>& rows) {
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredConsent> out;
  out.reserve(rows->size());
  for (const storage::Row& row : *rows) {
    auto consent = ConsentFromRow(row);
    if (!consent) return std::unexpected(consent.error());
    out.push_back(std::move(*consent));
  }
  return out;
}

base::Result<std::vector<CaseListRow>> ListRowsFrom(const base::Result<storage::Rows>& rows) {
  if (!rows) return std::unexpected(rows.error());
  std::vector<CaseListRow> out;
  out.reserve(rows->size());
  constexpr std::size_t k = kCaseColumnCount;
  for (const storage::Row& row : *rows) {
    auto c = CaseFromRow(row);
    if (!c) return std::unexpected(c.error());
    CaseListRow r;
    r.exit_case = std::move(*c);
    r.person_public_id = row.Text(k);
    r.given_name = row.OptionalBytes(k + 1);
    r.family_name = row.OptionalBytes(k + 2);
    if (const auto year = row.OptionalInt(k + 3)) r.birth_year = static_cast<int>(*year);
    r.on_team = row.OptionalInt(k + 4).value_or(0) != 0;
    r.responsible_name = row.Text(k + 5);
    out.push_back(std::move(r));
  }
  return out;
}

std::string StatusFilter(const CaseListQuery& query) {
  return query.status ? std::string(ToString(*query.status)) : std::string();
}

}  // namespace

base::Result<std::int64_t> ExitCaseStore::NextSequence(storage::Transaction& tx,
                                                       base::TenantId tenant,
                                                       base::OrganisationId authority, int year) {
  auto rows = tx.Query(kNextSequence, {tenant.value(), authority.value(), year});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) {
    return base::Fail(base::ErrorCode::kInternal, "Could not number the case.",
                      "case_number_counters upsert returned no row");
  }
  return rows->front().Int(0);
}

base::Result<std::optional<std::string>> ExitCaseStore::OrganisationCode(
    storage::Transaction& tx, base::TenantId tenant, base::OrganisationId organisation) {
  auto rows = tx.Query(kOrganisationCode, {tenant.value(), organisation.value()});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<std::string>();
  return std::optional(rows->front().Text(0));
}

base::Status ExitCaseStore::Insert(storage::Transaction& tx, base::TenantId tenant,
                                   const StoredCase& c) {
  std::optional<std::string_view> reason;
  if (c.closed_reason) reason = ToString(*c.closed_reason);
  auto done = tx.Execute(
      kInsert, {tenant.value(), c.id.value(), c.public_id, c.case_number, c.person.value(),
                c.owning_authority.value(), c.responsible_user_id, ToString(c.status), reason,
                OptionalBlob(c.closed_note), c.created_by, c.created_at});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Status ExitCaseStore::UpdateStatus(storage::Transaction& tx, base::TenantId tenant,
                                         const StoredCase& c, std::int64_t expected_version,
                                         std::int64_t now_us) {
  std::optional<std::string_view> reason;
  if (c.closed_reason) reason = ToString(*c.closed_reason);
  return storage::ExpectOneRowUpdated(
      tx.Execute(kUpdateStatus, {tenant.value(), c.id.value(), ToString(c.status), reason,
                                 OptionalBlob(c.closed_note), now_us, expected_version}));
}

base::Status ExitCaseStore::UpdateResponsible(storage::Transaction& tx, base::TenantId tenant,
                                              CaseId id, std::int64_t user_id,
                                              std::int64_t expected_version, std::int64_t now_us) {
  return storage::ExpectOneRowUpdated(tx.Execute(
      kUpdateResponsible, {tenant.value(), id.value(), user_id, now_us, expected_version}));
}

std::string ExitCaseStore::FindForUserSql(PersonFields fields, std::string_view extra_columns,
                                          std::string_view extra_joins) {
  // The case, then its person as PersonStore::FindForUser reads them (user $3 at time $4): one
  // statement, so the person's row is reached once, by the case's key.
  std::string sql = "SELECT ";
  sql.append(kCaseColumns).append(", ");
  sql += fields == PersonFields::kAll ? person::PersonStore::kForUserColumns
                                      : person::PersonStore::kForUserAccessColumns;
  if (!extra_columns.empty()) sql.append(", ").append(extra_columns);
  sql +=
      " FROM exit_cases c JOIN persons p ON p.tenant_id = c.tenant_id AND p.person_id = "
      "c.person_id";
  sql += person::PersonStore::kForUserStaffJoin;
  sql.append(extra_joins).append(" WHERE c.tenant_id = $1 AND c.public_id = $2");
  return sql;
}

base::Result<std::optional<CaseForUser>> ExitCaseStore::FindForUser(
    storage::Transaction& tx, base::TenantId tenant, std::string_view case_public_id,
    std::int64_t user_id, std::int64_t now_us, PersonFields fields) {
  static const std::string with_sealed = FindForUserSql(PersonFields::kAll, {}, {});
  static const std::string access_only = FindForUserSql(PersonFields::kAccessOnly, {}, {});
  return FindForUserWith(tx, tenant, case_public_id, user_id, now_us,
                         fields == PersonFields::kAll ? with_sealed : access_only, nullptr);
}

base::Result<std::optional<CaseForUser>> ExitCaseStore::FindForUserWith(
    storage::Transaction& tx, base::TenantId tenant, std::string_view case_public_id,
    std::int64_t user_id, std::int64_t now_us, const std::string& sql,
    const ExtraReader& read_extra) {
  auto rows = tx.Query(sql, {tenant.value(), case_public_id, user_id, now_us});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<CaseForUser>();
  if (read_extra) {
    if (auto ok = read_extra(rows->front()); !ok) return std::unexpected(ok.error());
  }
  auto c = CaseFromRow(rows->front());
  if (!c) return std::unexpected(c.error());
  // The person's side (team, named staff, grant) is read by the person register's own columns
  // and parser, so a case is decided exactly as its person is.
  std::vector<storage::Value>& values = rows->front().mutable_values();
  const storage::Row person_row(
      std::vector<storage::Value>(std::make_move_iterator(values.begin() + kCaseColumnCount),
                                  std::make_move_iterator(values.end())));
  auto person = person::PersonStore::ForUserFromRow(person_row);
  if (!person) return std::unexpected(person.error());
  return std::optional(CaseForUser{.exit_case = std::move(*c), .person = std::move(*person)});
}

base::Result<std::optional<StoredCase>> ExitCaseStore::FindOpenForPerson(storage::Transaction& tx,
                                                                         base::TenantId tenant,
                                                                         person::PersonId person) {
  auto rows = tx.Query(kFindOpenForPerson, {tenant.value(), person.value()});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<StoredCase>();
  auto c = CaseFromRow(rows->front());
  if (!c) return std::unexpected(c.error());
  return std::optional(std::move(*c));
}

base::Result<std::int64_t> ExitCaseStore::ListGeneration(storage::Transaction& tx,
                                                         base::TenantId tenant,
                                                         base::OrganisationId authority) {
  auto rows = tx.Query(
      "SELECT generation FROM case_list_generations WHERE tenant_id = $1 AND authority_id = $2",
      {tenant.value(), authority.value()});
  if (!rows) return std::unexpected(rows.error());
  return rows->empty() ? std::int64_t{0} : rows->front().Int(0);
}

base::Result<std::vector<CaseListRow>> ExitCaseStore::ListOnTeam(storage::Transaction& tx,
                                                                 base::TenantId tenant,
                                                                 base::OrganisationId authority,
                                                                 std::int64_t user_id,
                                                                 const CaseListQuery& query) {
  const std::string status = StatusFilter(query);
  return ListRowsFrom(tx.Query(kListOnTeam, {tenant.value(), authority.value(), user_id, status,
                                             query.number_pattern, query.limit, query.offset}));
}

base::Result<std::int64_t> ExitCaseStore::CountOnTeam(storage::Transaction& tx,
                                                      base::TenantId tenant,
                                                      base::OrganisationId authority,
                                                      std::int64_t user_id, CaseStatus status) {
  auto rows =
      tx.Query(kCountOnTeam, {tenant.value(), authority.value(), user_id, ToString(status)});
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

base::Result<std::vector<CaseListRow>> ExitCaseStore::ListForUnit(
    storage::Transaction& tx, base::TenantId tenant, base::OrganisationId authority,
    base::OrganisationId unit, std::int64_t user_id, const CaseListQuery& query) {
  const std::string status = StatusFilter(query);
  return ListRowsFrom(
      tx.Query(kListForUnit, {tenant.value(), authority.value(), user_id, status,
                              query.number_pattern, query.limit, query.offset, unit.value()}));
}

base::Result<std::vector<SharedCaseRow>> ExitCaseStore::ListSharedWith(
    storage::Transaction& tx, base::TenantId tenant,
    const std::vector<base::OrganisationId>& organisations, std::int64_t now_us, int limit) {
  std::vector<SharedCaseRow> out;
  if (organisations.empty()) return out;
  const std::int64_t first = organisations.front().value();
  const std::int64_t second = organisations.size() > 1 ? organisations[1].value() : first;
  auto rows = tx.Query(kListShared, {tenant.value(), first, second, now_us, limit});
  if (!rows) return std::unexpected(rows.error());
  constexpr std::size_t k = kCaseColumnCount;
  for (const storage::Row& row : *rows) {
    auto c = CaseFromRow(row);
    if (!c) return std::unexpected(c.error());
    auto scope = ParseSipParts(row.Text(k + 2));
    if (!scope) return std::unexpected(Inconsistent("consents", row.Int(k)));
    // One row per case: a second active consent to the other organisation adds its parts.
    if (!out.empty() && out.back().exit_case.id == c->id) {
      for (const SipPart part : *scope) {
        if (!Contains(out.back().scope, part)) out.back().scope.push_back(part);
      }
      std::ranges::sort(out.back().scope);
      continue;
    }
    out.push_back(SharedCaseRow{.exit_case = std::move(*c),
                                .consent = ConsentId(row.Int(k)),
                                .organisation = base::OrganisationId(row.Int(k + 1)),
                                .scope = std::move(*scope),
                                .expires_at = row.OptionalInt(k + 3)});
  }
  return out;
}

base::Status ExitCaseStore::InsertEvent(storage::Transaction& tx, base::TenantId tenant,
                                        const CaseEvent& e) {
  std::optional<std::string_view> from;
  if (e.from) from = ToString(*e.from);
  std::optional<std::string_view> reason;
  if (e.reason) reason = ToString(*e.reason);
  auto done = tx.Execute(kInsertEvent, {tenant.value(), e.event_id, e.case_id.value(), e.user_id,
                                        e.at, from, ToString(e.to), reason});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Result<std::vector<CaseEvent>> ExitCaseStore::ListEvents(storage::Transaction& tx,
                                                               base::TenantId tenant, CaseId id) {
  auto rows = tx.Query(kListEvents, {tenant.value(), id.value()});
  if (!rows) return std::unexpected(rows.error());
  std::vector<CaseEvent> out;
  out.reserve(rows->size());
  for (const storage::Row& row : *rows) {
    CaseEvent e;
    e.event_id = row.Int(0);
    e.case_id = CaseId(row.Int(1));
    e.user_id = row.Int(2);
    e.user_display_name = row.Text(3);
    e.at = row.Int(4);
    const auto to = ParseCaseStatus(row.Text(6));
    if (!to) return std::unexpected(Inconsistent("exit_case_events", e.event_id));
    e.to = *to;
    if (!row.IsNull(5)) e.from = ParseCaseStatus(row.Text(5));
    if (!row.IsNull(7)) e.reason = ParseCloseReason(row.Text(7));
    out.push_back(std::move(e));
  }
  return out;
}

base::Status ExitCaseStore::InsertConsent(storage::Transaction& tx, base::TenantId tenant,
                                          const StoredConsent& c) {
  std::optional<std::int64_t> organisation;
  if (c.organisation) organisation = c.organisation->value();
  const std::string scope = JoinSipParts(c.scope);
  auto done =
      tx.Execute(kInsertConsent, {tenant.value(), c.id.value(), c.public_id, c.case_id.value(),
                                  ToString(c.purpose), organisation, scope, ToString(c.how_given),
                                  c.recorded_by, c.given_at, c.expires_at, c.created_at});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Result<std::vector<StoredConsent>> ExitCaseStore::ListConsents(storage::Transaction& tx,
                                                                     base::TenantId tenant,
                                                                     CaseId id) {
  return ConsentsFrom(tx.Query(kListConsents, {tenant.value(), id.value()}));
}

base::Result<bool> ExitCaseStore::WithdrawConsent(storage::Transaction& tx, base::TenantId tenant,
                                                  CaseId id, std::string_view consent_public_id,
                                                  std::int64_t user_id, std::int64_t now_us) {
  auto done = tx.Execute(kWithdrawConsent,
                         {tenant.value(), id.value(), consent_public_id, now_us, user_id});
  if (!done) return std::unexpected(done.error());
  return *done > 0;
}

base::Result<std::vector<StoredConsent>> ExitCaseStore::ActiveSharesFor(
    storage::Transaction& tx, base::TenantId tenant, CaseId id, base::OrganisationId organisation,
    std::int64_t now_us) {
  return ConsentsFrom(
      tx.Query(kActiveShares, {tenant.value(), id.value(), organisation.value(), now_us}));
}

base::Result<std::optional<CaseOrganisation>> ExitCaseStore::FindOrganisation(
    storage::Transaction& tx, base::TenantId tenant, base::OrganisationId id) {
  return OneOrganisation(tx.Query(kFindOrganisation, {tenant.value(), id.value()}));
}

base::Result<std::optional<CaseOrganisation>> ExitCaseStore::FindOrganisationByPublicId(
    storage::Transaction& tx, base::TenantId tenant, std::string_view public_id) {
  return OneOrganisation(tx.Query(kFindOrganisationByPublicId, {tenant.value(), public_id}));
}

base::Result<std::vector<CaseOrganisation>> ExitCaseStore::ListShareTargets(
    storage::Transaction& tx, base::TenantId tenant) {
  auto rows = tx.Query(kListShareTargets, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  std::vector<CaseOrganisation> out;
  out.reserve(rows->size());
  for (const storage::Row& row : *rows) out.push_back(OrganisationFromRow(row));
  return out;
}

base::Result<std::optional<CaseUser>> ExitCaseStore::FindUser(storage::Transaction& tx,
                                                              base::TenantId tenant,
                                                              std::int64_t user_id) {
  auto rows = tx.Query(kFindUser, {tenant.value(), user_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<CaseUser>();
  const storage::Row& row = rows->front();
  return std::optional(CaseUser{.user_id = row.Int(0),
                                .username = row.Text(1),
                                .display_name = row.Text(2),
                                .unit = base::OrganisationId(row.Int(3)),
                                .active = row.Int(4) != 0});
}

base::Result<std::int64_t> ExitCaseStore::CountCases(storage::Transaction& tx,
                                                     base::TenantId tenant) {
  auto rows = tx.Query(kCountCases, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  return rows->front().Int(0);
}

}  // namespace fyren::exit_case
