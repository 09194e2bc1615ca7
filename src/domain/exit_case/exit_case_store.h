#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/result.h"
#include "domain/exit_case/exit_case.h"
#include "domain/person/person_store.h"
#include "storage/database.h"

namespace fyren::exit_case {

// An exit_cases row as stored; `closed_note` is ciphertext (the service seals and opens it).
struct StoredCase {
  CaseId id;
  std::string public_id;
  std::string case_number;
  person::PersonId person;
  base::OrganisationId owning_authority;
  std::int64_t responsible_user_id = 0;
  CaseStatus status = CaseStatus::kOpen;
  std::optional<CloseReason> closed_reason;
  std::optional<std::string> closed_note;
  std::int64_t version = 1;
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// A case with its person and what the access policy needs about one user's relation to that
// person (team, named staff, emergency grant): access to a case is access to its person.
struct CaseForUser {
  StoredCase exit_case;
  person::PersonForUser person;
};

// One row of exit_case_events: a status change (opening has no `from`).
struct CaseEvent {
  std::int64_t event_id = 0;
  CaseId case_id;
  std::int64_t user_id = 0;
  std::string user_display_name{};  // filled by ListEvents
  std::int64_t at = 0;
  std::optional<CaseStatus> from{};
  CaseStatus to = CaseStatus::kOpen;
  std::optional<CloseReason> reason{};
};

// A consents row. Whether it is active is decided at read time (IsActiveAt), never stored.
struct StoredConsent {
  ConsentId id;
  std::string public_id;
  CaseId case_id;
  ConsentPurpose purpose = ConsentPurpose::kSipPlanning;
  std::optional<base::OrganisationId> organisation;
  SipParts scope;
  ConsentGiven how_given = ConsentGiven::kWritten;
  std::int64_t recorded_by = 0;
  std::int64_t given_at = 0;
  std::optional<std::int64_t> expires_at;
  std::optional<std::int64_t> withdrawn_at;
  std::optional<std::int64_t> withdrawn_by;
  std::int64_t created_at = 0;
  // Filled by the list queries for display: who recorded and withdrew it, and the organisation.
  std::string recorded_by_name{};
  std::string withdrawn_by_name{};
  std::string organisation_public_id{};
  std::string organisation_name_sv{};
  std::string organisation_name_en{};

  // Not withdrawn and not expired at `now_us` (expiry is exclusive: at expires_at it is over).
  [[nodiscard]] bool IsActiveAt(std::int64_t now_us) const {
    return !withdrawn_at && (!expires_at || *expires_at > now_us);
  }
};

// A case list row: the case, its person's sealed names (for initials) and birth year, whether the
// listing user is on the person's team, and the responsible coordinator's display name.
struct CaseListRow {
  StoredCase exit_case;
  std::string person_public_id;
  std::optional<std::string> given_name;
  std::optional<std::string> family_name;
  std::optional<int> birth_year;
  bool on_team = false;
  std::string responsible_name;
};

struct CaseListQuery {
  std::optional<CaseStatus> status{};
  // A LIKE pattern on the case number, already escaped with '\' ("" = no filter).
  std::string number_pattern{};
  int limit = 50;
  int offset = 0;
};

// A case shared with an organisation through an active consent (the partner's list).
struct SharedCaseRow {
  StoredCase exit_case;
  ConsentId consent;
  base::OrganisationId organisation;
  SipParts scope;
  std::optional<std::int64_t> expires_at;
};

// An organisation as the case module needs it (consents name one; partners belong to one).
struct CaseOrganisation {
  base::OrganisationId id;
  std::string public_id;
  std::string kind;
  std::optional<base::OrganisationId> parent;
  std::string name_sv;
  std::string name_en;
};

// A user as the case page shows the coordinator.
struct CaseUser {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  base::OrganisationId unit;
  bool active = false;
};

// SQL for exit_cases, case_number_counters, exit_case_events and consents
// (migrations/*/0007_exit_cases.sql). Every function runs in the caller's transaction and is
// scoped by tenant; none decides access. A unique violation (second open case for a person,
// a case number twice) is kConflict.
class ExitCaseStore {
 public:
  // The next sequence number of `authority` in `year` (1, 2, ...), counted in the caller's
  // transaction: a rolled-back case gives its number back; concurrent writers on one PostgreSQL
  // wait on the counter row and never get the same number.
  [[nodiscard]] static base::Result<std::int64_t> NextSequence(storage::Transaction& tx,
                                                               base::TenantId tenant,
                                                               base::OrganisationId authority,
                                                               int year);
  // organisations.code of `organisation`; nullopt when there is no such organisation.
  [[nodiscard]] static base::Result<std::optional<std::string>> OrganisationCode(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId organisation);

  [[nodiscard]] static base::Status Insert(storage::Transaction& tx, base::TenantId tenant,
                                           const StoredCase& exit_case);
  // Sets status, reason and sealed note when the stored version is `expected_version`, and bumps
  // it; kConflict when the version moved on.
  [[nodiscard]] static base::Status UpdateStatus(storage::Transaction& tx, base::TenantId tenant,
                                                 const StoredCase& exit_case,
                                                 std::int64_t expected_version,
                                                 std::int64_t now_us);
  [[nodiscard]] static base::Status UpdateResponsible(storage::Transaction& tx,
                                                      base::TenantId tenant, CaseId id,
                                                      std::int64_t user_id,
                                                      std::int64_t expected_version,
                                                      std::int64_t now_us);

  // Which of the person's fields FindForUser reads: all, or none of the sealed ones (identity
  // number, names, alias, languages, contact details stay empty), for a reader that only decides
  // access, audits and shows the case (data minimisation, and less to copy).
  enum class PersonFields { kAll, kAccessOnly };

  // One case by public id with its person as `user_id` relates to it at `now_us`. nullopt when
  // there is no such case in the tenant.
  [[nodiscard]] static base::Result<std::optional<CaseForUser>> FindForUser(
      storage::Transaction& tx, base::TenantId tenant, std::string_view case_public_id,
      std::int64_t user_id, std::int64_t now_us, PersonFields fields = PersonFields::kAll);

  // For a store that reads its own row beside the case in the same statement (the plan pages):
  // FindForUser's statement with `extra_columns` after its kForUserColumnCount columns and
  // `extra_joins` after its joins (the case is aliased c, the person p, the staff row s). Build
  // it once and keep it; FindForUserWith runs it and hands the row to `read_extra` first.
  static constexpr std::size_t kForUserColumnCount = 37;
  [[nodiscard]] static std::string FindForUserSql(PersonFields fields,
                                                  std::string_view extra_columns,
                                                  std::string_view extra_joins);
  using ExtraReader = std::function<base::Status(const storage::Row&)>;
  [[nodiscard]] static base::Result<std::optional<CaseForUser>> FindForUserWith(
      storage::Transaction& tx, base::TenantId tenant, std::string_view case_public_id,
      std::int64_t user_id, std::int64_t now_us, const std::string& sql,
      const ExtraReader& read_extra);
  // The person's case that is not closed, if any.
  [[nodiscard]] static base::Result<std::optional<StoredCase>> FindOpenForPerson(
      storage::Transaction& tx, base::TenantId tenant, person::PersonId person);

  // Cases of `authority` on whose person's team `user_id` is ("mine"), protected identities left
  // out, most recently changed first.
  // The authority's case list generation (migrations/*/0017): it moves on with every change
  // that can change a case list of the authority; 0 before the first.
  [[nodiscard]] static base::Result<std::int64_t> ListGeneration(storage::Transaction& tx,
                                                                 base::TenantId tenant,
                                                                 base::OrganisationId authority);
  [[nodiscard]] static base::Result<std::vector<CaseListRow>> ListOnTeam(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId authority,
      std::int64_t user_id, const CaseListQuery& query);
  // How many cases of `authority` in `status` ListOnTeam would list for `user_id` (on the
  // person's team, protected identities left out), without reading them: the start page's count.
  [[nodiscard]] static base::Result<std::int64_t> CountOnTeam(storage::Transaction& tx,
                                                              base::TenantId tenant,
                                                              base::OrganisationId authority,
                                                              std::int64_t user_id,
                                                              CaseStatus status);
  // Cases of `authority` whose responsible coordinator belongs to `unit` ("my unit"), protected
  // identities left out; `on_team` tells `user_id` which rows it may open.
  [[nodiscard]] static base::Result<std::vector<CaseListRow>> ListForUnit(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId authority,
      base::OrganisationId unit, std::int64_t user_id, const CaseListQuery& query);
  // Cases with an active share consent (at `now_us`) naming one of `organisations`.
  [[nodiscard]] static base::Result<std::vector<SharedCaseRow>> ListSharedWith(
      storage::Transaction& tx, base::TenantId tenant,
      const std::vector<base::OrganisationId>& organisations, std::int64_t now_us, int limit);

  [[nodiscard]] static base::Status InsertEvent(storage::Transaction& tx, base::TenantId tenant,
                                                const CaseEvent& event);
  // Oldest first.
  [[nodiscard]] static base::Result<std::vector<CaseEvent>> ListEvents(storage::Transaction& tx,
                                                                       base::TenantId tenant,
                                                                       CaseId id);

  [[nodiscard]] static base::Status InsertConsent(storage::Transaction& tx, base::TenantId tenant,
                                                  const StoredConsent& consent);
  // All consents of the case (active or not), newest first.
  [[nodiscard]] static base::Result<std::vector<StoredConsent>> ListConsents(
      storage::Transaction& tx, base::TenantId tenant, CaseId id);
  // Marks the consent withdrawn at `now_us` if it belongs to the case and is not withdrawn yet;
  // returns whether a row changed.
  [[nodiscard]] static base::Result<bool> WithdrawConsent(storage::Transaction& tx,
                                                          base::TenantId tenant, CaseId id,
                                                          std::string_view consent_public_id,
                                                          std::int64_t user_id,
                                                          std::int64_t now_us);
  // The active (at `now_us`) share_with_organisation consents of the case naming `organisation`,
  // newest first.
  [[nodiscard]] static base::Result<std::vector<StoredConsent>> ActiveSharesFor(
      storage::Transaction& tx, base::TenantId tenant, CaseId id, base::OrganisationId organisation,
      std::int64_t now_us);

  [[nodiscard]] static base::Result<std::optional<CaseOrganisation>> FindOrganisation(
      storage::Transaction& tx, base::TenantId tenant, base::OrganisationId id);
  [[nodiscard]] static base::Result<std::optional<CaseOrganisation>> FindOrganisationByPublicId(
      storage::Transaction& tx, base::TenantId tenant, std::string_view public_id);
  // Organisations a case can be shared with: partners and units, by Swedish name.
  [[nodiscard]] static base::Result<std::vector<CaseOrganisation>> ListShareTargets(
      storage::Transaction& tx, base::TenantId tenant);
  [[nodiscard]] static base::Result<std::optional<CaseUser>> FindUser(storage::Transaction& tx,
                                                                      base::TenantId tenant,
                                                                      std::int64_t user_id);

  // How many cases the tenant has (the demo loader adds them once).
  [[nodiscard]] static base::Result<std::int64_t> CountCases(storage::Transaction& tx,
                                                             base::TenantId tenant);
};

}  // namespace fyren::exit_case
