#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::sip {

// A sips row: the plan of one exit case.
struct StoredSip {
  std::int64_t sip_id = 0;
  std::string public_id;
  std::int64_t case_id = 0;
  std::int64_t current_revision = 0;
  std::int64_t version = 0;
  std::optional<std::string> next_follow_up_on;  // ISO date
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  // Moves with every change the plan's page shows (migration 0019: the row, its revisions and
  // follow-ups, users' names, organisations). Read in the same statement as the row, before
  // anything it covers; 0 when the plan has no generation row (then nothing is kept for it).
  std::int64_t page_generation = 0;
};

// One revision; `document` and `change_note` are ciphertext bound to `revision_id`.
struct StoredRevision {
  std::int64_t revision = 0;
  std::int64_t revision_id = 0;
  std::string document;                    // empty in ListRevisions
  std::optional<std::string> change_note;  // sealed
  std::int64_t saved_by = 0;
  std::string saved_by_name;  // the user's display name
  std::int64_t saved_at = 0;
};

// A sip_interventions row: the plain projection of one intervention of the current revision.
struct InterventionRow {
  std::string intervention_key;
  std::string catalogue_code;
  std::string actor_key;
  std::string status;
  std::string starts_on;
  std::optional<std::string> planned_end_on;
  bool is_foundation = false;
  bool operator==(const InterventionRow&) const = default;
};

// A sip_followups row; `outcome` is ciphertext bound to `followup_id`.
struct StoredFollowUp {
  std::int64_t followup_id = 0;
  std::int64_t sip_id = 0;
  std::string held_on;
  std::optional<std::string> intervention_key;
  std::string outcome;
  std::int64_t author_id = 0;
  std::string author_name;  // filled by ListFollowUps
  std::int64_t created_at = 0;
};

// An organisation of the tenant's tree as the plan's actors name it.
struct OrganisationRef {
  std::int64_t organisation_id = 0;
  std::optional<std::int64_t> parent_id;
  std::string public_id;
  std::string kind;
  std::string name_sv;
  std::string name_en;
};

// One save of a plan: the new revision, the plan row's new state and the new projection.
struct NewRevision {
  std::int64_t sip_id = 0;
  std::string public_id;  // used when the plan is created (expected_version 0)
  std::int64_t case_id = 0;
  std::int64_t expected_version = 0;  // 0: the plan does not exist yet
  StoredRevision revision;            // revision = expected_version + 1
  std::optional<std::string> next_follow_up_on;
  std::vector<InterventionRow> interventions;
  std::int64_t now_us = 0;
};

// SQL for sips, sip_revisions, sip_interventions and sip_followups (migrations/*/0008_sip.sql).
// Every function runs in the caller's transaction, is scoped by tenant and decides no access; the
// store moves sealed bytes and never sees plaintext.
class SipStore {
 public:
  [[nodiscard]] static base::Result<std::optional<StoredSip>> FindByCase(storage::Transaction& tx,
                                                                         base::TenantId tenant,
                                                                         std::int64_t case_id);
  // FindByCase's columns and joins for a statement that reads the exit case aliased c
  // (ExitCaseStore::FindForUserSql), and the plan from such a row's columns from `first` on:
  // nullopt when the case has no plan.
  static const std::string_view kCasePlanColumns;
  static const std::string_view kCasePlanJoins;
  [[nodiscard]] static std::optional<StoredSip> PlanFromRow(const storage::Row& row,
                                                            std::size_t first);
  // Writes one revision: creates the plan (expected_version 0) or moves it from
  // `expected_version` to the next, inserts the revision and replaces the projection. kConflict
  // when the version moved on (or another save created the plan first); the caller's transaction
  // must then be rolled back, and is, by Database::Write returning the error.
  [[nodiscard]] static base::Status SaveRevision(storage::Transaction& tx, base::TenantId tenant,
                                                 const NewRevision& save);
  // Newest first, without documents.
  [[nodiscard]] static base::Result<std::vector<StoredRevision>> ListRevisions(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t sip_id);
  [[nodiscard]] static base::Result<std::optional<StoredRevision>> GetRevision(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t sip_id, std::int64_t revision);
  // The projection of the current revision, ordered by intervention key.
  [[nodiscard]] static base::Result<std::vector<InterventionRow>> ListInterventions(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t sip_id);
  [[nodiscard]] static base::Status AddFollowUp(storage::Transaction& tx, base::TenantId tenant,
                                                const StoredFollowUp& followup);
  // Every organisation of the tenant (actors of a plan may be units or partners), by Swedish name.
  [[nodiscard]] static base::Result<std::vector<OrganisationRef>> ListOrganisations(
      storage::Transaction& tx, base::TenantId tenant);
  // Active users of the unit `unit_public_id` on the case team of `person_id`, by user id: who
  // in a unit works with the person.
  [[nodiscard]] static base::Result<std::vector<std::int64_t>> TeamMembersInUnit(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t person_id,
      std::string_view unit_public_id);
  // Newest first (by date, then by when it was written).
  [[nodiscard]] static base::Result<std::vector<StoredFollowUp>> ListFollowUps(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t sip_id);
};

}  // namespace fyren::sip
