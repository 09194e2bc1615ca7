#include "domain/sip/sip_store.h"

#include "storage/optimistic.h"

namespace fyren::sip {
namespace {

using storage::BlobView;
using storage::OptionalBlob;
using storage::Param;

// The plan row and its page's generation, for a statement that reads the exit case aliased c
// (ExitCaseStore::FindForUserSql, whose own aliases are c, p, s and g; these start with sp).
constexpr std::string_view kPlanColumns =
    "sp.sip_id, sp.public_id, sp.case_id, sp.current_revision, sp.version, "
    "sp.next_follow_up_on, sp.created_at, sp.updated_at, COALESCE(spg.generation, 0)";
constexpr std::string_view kPlanJoins =
    " LEFT JOIN sips sp ON sp.tenant_id = c.tenant_id AND sp.case_id = c.case_id "
    "LEFT JOIN sip_generations spg ON spg.tenant_id = sp.tenant_id AND spg.sip_id = sp.sip_id";

// The same plan columns, for a plan looked up by its case alone.
const std::string& FindByCaseSql() {
  static const std::string sql =
      "SELECT " + std::string(kPlanColumns) +
      " FROM sips sp LEFT JOIN sip_generations spg ON spg.tenant_id = sp.tenant_id AND "
      "spg.sip_id = sp.sip_id WHERE sp.tenant_id = $1 AND sp.case_id = $2";
  return sql;
}

constexpr std::string_view kInsertSip =
    "INSERT INTO sips (tenant_id, sip_id, public_id, case_id, current_revision, version, "
    "next_follow_up_on, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, 1, $5, $6, $6)";

constexpr std::string_view kUpdateSip =
    "UPDATE sips SET current_revision = $3, version = version + 1, next_follow_up_on = $4, "
    "updated_at = $5 WHERE tenant_id = $1 AND sip_id = $2 AND version = $6";

constexpr std::string_view kInsertRevision =
    "INSERT INTO sip_revisions (tenant_id, sip_id, revision, revision_id, document, change_note, "
    "saved_by, saved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

constexpr std::string_view kDeleteInterventions =
    "DELETE FROM sip_interventions WHERE tenant_id = $1 AND sip_id = $2";

constexpr std::string_view kInsertIntervention =
    "INSERT INTO sip_interventions (tenant_id, sip_id, intervention_key, catalogue_code, "
    "actor_key, status, starts_on, planned_end_on, is_foundation) VALUES ($1, $2, $3, $4, $5, $6, "
    "$7, $8, $9)";

constexpr std::string_view kListRevisions =
    "SELECT r.revision, r.revision_id, r.change_note, r.saved_by, u.display_name, r.saved_at "
    "FROM sip_revisions r JOIN users u ON u.tenant_id = r.tenant_id AND u.user_id = r.saved_by "
    "WHERE r.tenant_id = $1 AND r.sip_id = $2 ORDER BY r.revision DESC";

constexpr std::string_view kGetRevision =
    "SELECT r.revision, r.revision_id, r.change_note, r.saved_by, u.display_name, r.saved_at, "
    "r.document FROM sip_revisions r JOIN users u ON u.tenant_id = r.tenant_id "
    "AND u.user_id = r.saved_by WHERE r.tenant_id = $1 AND r.sip_id = $2 AND r.revision = $3";

constexpr std::string_view kListInterventions =
    "SELECT intervention_key, catalogue_code, actor_key, status, starts_on, planned_end_on, "
    "is_foundation FROM sip_interventions WHERE tenant_id = $1 AND sip_id = $2 "
    "ORDER BY intervention_key";

constexpr std::string_view kInsertFollowUp =
    "INSERT INTO sip_followups (tenant_id, followup_id, sip_id, held_on, intervention_key, "
    "outcome, author_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

constexpr std::string_view kListFollowUps =
    "SELECT f.followup_id, f.sip_id, f.held_on, f.intervention_key, f.outcome, f.author_id, "
    "u.display_name, f.created_at FROM sip_followups f JOIN users u ON u.tenant_id = f.tenant_id "
    "AND u.user_id = f.author_id WHERE f.tenant_id = $1 AND f.sip_id = $2 "
    "ORDER BY f.held_on DESC, f.created_at DESC, f.followup_id DESC";

constexpr std::string_view kListOrganisations =
    "SELECT organisation_id, parent_id, public_id, kind, name_sv, name_en FROM organisations "
    "WHERE tenant_id = $1 ORDER BY name_sv, organisation_id";

constexpr std::string_view kTeamMembersInUnit =
    "SELECT ps.user_id FROM person_staff ps "
    "JOIN users u ON u.tenant_id = ps.tenant_id AND u.user_id = ps.user_id "
    "JOIN organisations o ON o.tenant_id = u.tenant_id AND o.organisation_id = u.unit_id "
    "WHERE ps.tenant_id = $1 AND ps.person_id = $2 AND ps.on_team = 1 AND u.active = 1 "
    "AND o.public_id = $3 ORDER BY ps.user_id";

StoredRevision RevisionFromRow(const storage::Row& row) {
  return StoredRevision{.revision = row.Int(0),
                        .revision_id = row.Int(1),
                        .document = row.size() > 6 ? row.Bytes(6) : std::string(),
                        .change_note = row.OptionalBytes(2),
                        .saved_by = row.Int(3),
                        .saved_by_name = row.Text(4),
                        .saved_at = row.Int(5)};
}

}  // namespace

base::Result<std::optional<StoredSip>> SipStore::FindByCase(storage::Transaction& tx,
                                                            base::TenantId tenant,
                                                            std::int64_t case_id) {
  auto rows = tx.Query(FindByCaseSql(), {tenant.value(), case_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<StoredSip>();
  return PlanFromRow(rows->front(), 0);
}

const std::string_view SipStore::kCasePlanColumns = kPlanColumns;
const std::string_view SipStore::kCasePlanJoins = kPlanJoins;

std::optional<StoredSip> SipStore::PlanFromRow(const storage::Row& row, std::size_t first) {
  if (row.IsNull(first)) return std::nullopt;  // the case has no plan yet
  const std::size_t k = first;
  return StoredSip{.sip_id = row.Int(k),
                   .public_id = row.Text(k + 1),
                   .case_id = row.Int(k + 2),
                   .current_revision = row.Int(k + 3),
                   .version = row.Int(k + 4),
                   .next_follow_up_on = row.OptionalText(k + 5),
                   .created_at = row.Int(k + 6),
                   .updated_at = row.Int(k + 7),
                   .page_generation = row.Int(k + 8)};
}

base::Status SipStore::SaveRevision(storage::Transaction& tx, base::TenantId tenant,
                                    const NewRevision& save) {
  if (save.revision.revision != save.expected_version + 1) {
    return base::Fail(base::ErrorCode::kInternal, "Revision number does not follow the version.",
                      "sip " + std::to_string(save.sip_id) + " revision out of step");
  }
  if (save.expected_version == 0) {
    auto inserted = tx.Execute(kInsertSip, {tenant.value(), save.sip_id, save.public_id,
                                            save.case_id, save.next_follow_up_on, save.now_us});
    // A unique violation on case_id: another coordinator created the plan a moment ago.
    if (!inserted) return std::unexpected(inserted.error());
  } else {
    if (auto ok = storage::ExpectOneRowUpdated(
            tx.Execute(kUpdateSip, {tenant.value(), save.sip_id, save.revision.revision,
                                    save.next_follow_up_on, save.now_us, save.expected_version}));
        !ok) {
      return ok;
    }
  }
  const StoredRevision& r = save.revision;
  if (auto ok = tx.Execute(kInsertRevision, {tenant.value(), save.sip_id, r.revision, r.revision_id,
                                             BlobView{r.document}, OptionalBlob(r.change_note),
                                             r.saved_by, r.saved_at});
      !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = tx.Execute(kDeleteInterventions, {tenant.value(), save.sip_id}); !ok) {
    return std::unexpected(ok.error());
  }
  for (const InterventionRow& i : save.interventions) {
    if (auto ok = tx.Execute(kInsertIntervention, {tenant.value(), save.sip_id, i.intervention_key,
                                                   i.catalogue_code, i.actor_key, i.status,
                                                   i.starts_on, i.planned_end_on, i.is_foundation});
        !ok) {
      return std::unexpected(ok.error());
    }
  }
  return base::Ok();
}

base::Result<std::vector<StoredRevision>> SipStore::ListRevisions(storage::Transaction& tx,
                                                                  base::TenantId tenant,
                                                                  std::int64_t sip_id) {
  auto rows = tx.Query(kListRevisions, {tenant.value(), sip_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredRevision> out;
  for (const storage::Row& row : *rows) out.push_back(RevisionFromRow(row));
  return out;
}

base::Result<std::optional<StoredRevision>> SipStore::GetRevision(storage::Transaction& tx,
                                                                  base::TenantId tenant,
                                                                  std::int64_t sip_id,
                                                                  std::int64_t revision) {
  auto rows = tx.Query(kGetRevision, {tenant.value(), sip_id, revision});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<StoredRevision>();
  return std::optional(RevisionFromRow(rows->front()));
}

base::Result<std::vector<InterventionRow>> SipStore::ListInterventions(storage::Transaction& tx,
                                                                       base::TenantId tenant,
                                                                       std::int64_t sip_id) {
  auto rows = tx.Query(kListInterventions, {tenant.value(), sip_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<InterventionRow> out;
  for (const storage::Row& row : *rows) {
    out.push_back(InterventionRow{.intervention_key = row.Text(0),
                                  .catalogue_code = row.Text(1),
                                  .actor_key = row.Text(2),
                                  .status = row.Text(3),
                                  .starts_on = row.Text(4),
                                  .planned_end_on = row.OptionalText(5),
                                  .is_foundation = row.Int(6) != 0});
  }
  return out;
}

base::Result<std::vector<std::int64_t>> SipStore::TeamMembersInUnit(
    storage::Transaction& tx, base::TenantId tenant, std::int64_t person_id,
    std::string_view unit_public_id) {
  auto rows = tx.Query(kTeamMembersInUnit, {tenant.value(), person_id, unit_public_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<std::int64_t> out;
  out.reserve(rows->size());
  for (const storage::Row& row : *rows) out.push_back(row.Int(0));
  return out;
}

base::Result<std::vector<OrganisationRef>> SipStore::ListOrganisations(storage::Transaction& tx,
                                                                       base::TenantId tenant) {
  auto rows = tx.Query(kListOrganisations, {tenant.value()});
  if (!rows) return std::unexpected(rows.error());
  std::vector<OrganisationRef> out;
  for (const storage::Row& row : *rows) {
    out.push_back(OrganisationRef{.organisation_id = row.Int(0),
                                  .parent_id = row.OptionalInt(1),
                                  .public_id = row.Text(2),
                                  .kind = row.Text(3),
                                  .name_sv = row.Text(4),
                                  .name_en = row.Text(5)});
  }
  return out;
}

base::Status SipStore::AddFollowUp(storage::Transaction& tx, base::TenantId tenant,
                                   const StoredFollowUp& f) {
  auto done = tx.Execute(kInsertFollowUp,
                         {tenant.value(), f.followup_id, f.sip_id, f.held_on, f.intervention_key,
                          BlobView{f.outcome}, f.author_id, f.created_at});
  if (!done) return std::unexpected(done.error());
  return base::Ok();
}

base::Result<std::vector<StoredFollowUp>> SipStore::ListFollowUps(storage::Transaction& tx,
                                                                  base::TenantId tenant,
                                                                  std::int64_t sip_id) {
  auto rows = tx.Query(kListFollowUps, {tenant.value(), sip_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<StoredFollowUp> out;
  for (const storage::Row& row : *rows) {
    out.push_back(StoredFollowUp{.followup_id = row.Int(0),
                                 .sip_id = row.Int(1),
                                 .held_on = row.Text(2),
                                 .intervention_key = row.OptionalText(3),
                                 .outcome = row.Bytes(4),
                                 .author_id = row.Int(5),
                                 .author_name = row.Text(6),
                                 .created_at = row.Int(7)});
  }
  return out;
}

}  // namespace fyren::sip
