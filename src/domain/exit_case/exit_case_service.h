#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/exit_case/case_access.h"
#include "domain/exit_case/exit_case.h"
#include "domain/exit_case/exit_case_store.h"
#include "domain/exit_case/referral_handover.h"
#include "domain/person/person.h"
#include "storage/database.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/key_ring.h"

namespace fyren::exit_case {

class CaseListCache;

using person::FieldProblem;

// Opening a case for a person (public id in the URL). An empty `responsible_username` makes the
// actor the coordinator. `referral` (a referral's public id, or empty) continues an accepted
// adult_support referral received by the actor's unit: the referral is linked to the case and
// moves to done in the same transaction.
struct OpenCaseInput {
  std::string responsible_username{};
  std::string referral{};
};

// What the case form needs before opening: whether the referral it carries can be continued.
struct OpenPreparation {
  bool referral_usable = false;
};

// A status change as typed: status code, reason code (needed to close), optional note (closing
// only), and the version the user saw.
struct StatusChangeInput {
  std::string status{};
  std::string reason{};
  std::string note{};
  std::int64_t expected_version = 0;
};

// A consent as typed. Dates are "YYYY-MM-DD" (Swedish calendar dates); `given_on` empty means
// today, `expires_on` empty means no expiry (the consent ends at the start of the day after it).
// `organisation` (an organisation's public id) and `scope` (SIP part codes) are for
// share_with_organisation only.
struct ConsentInput {
  std::string purpose{};
  std::string organisation{};
  std::vector<std::string> scope{};
  std::string how_given{};
  std::string given_on{};
  std::string expires_on{};
};

// The result of a write: problems (nothing was written) or the record's public id and version.
struct CaseWriteOutcome {
  std::vector<FieldProblem> problems;
  std::string public_id;
  std::string case_number;
  std::int64_t version = 0;

  [[nodiscard]] bool ok() const { return problems.empty(); }
};

struct ConsentView {
  std::string public_id;
  ConsentPurpose purpose = ConsentPurpose::kSipPlanning;
  std::string organisation_public_id;  // empty unless shared
  std::string organisation_name_sv;
  std::string organisation_name_en;
  SipParts scope;
  ConsentGiven how_given = ConsentGiven::kWritten;
  std::string recorded_by;
  std::int64_t given_at = 0;
  std::optional<std::int64_t> expires_at;
  std::optional<std::int64_t> withdrawn_at;
  std::string withdrawn_by;
  bool active = false;  // at the time of reading
};

struct EventView {
  std::int64_t at = 0;
  std::string by;
  std::optional<CaseStatus> from;
  CaseStatus to = CaseStatus::kOpen;
  std::optional<CloseReason> reason;
};

// One case as the case page and the API show it. The person appears as initials and birth year
// only (empty initials when the identity is protected and the actor is not named).
struct CaseView {
  std::string public_id;
  std::string case_number;
  CaseStatus status = CaseStatus::kOpen;
  std::optional<CloseReason> closed_reason;
  std::string closed_note;
  std::string responsible_username;
  std::string responsible_name;
  std::string person_public_id;
  std::string person_initials;
  std::optional<int> person_birth_year;
  bool protected_identity = false;
  bool via_emergency_access = false;
  std::vector<person::TeamMember> team;
  std::vector<ConsentView> consents;  // newest first, active and past
  std::vector<EventView> events;      // oldest first
  std::int64_t version = 1;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  // The referral the case was started from (public id), or empty.
  std::string from_referral;
};

struct CaseListFilter {
  std::string status{};  // a CaseStatus code or empty
  std::string number{};  // part of a case number, or empty
  int page = 1;          // 1-based
};

// A list row: never a name. `readable` false (the unit list, a case whose person's team the actor
// is not on): initials and birth year are empty.
struct CaseListItem {
  std::string public_id;
  std::string case_number;
  std::string initials;
  std::optional<int> birth_year;
  CaseStatus status = CaseStatus::kOpen;
  std::string responsible_name;
  bool readable = false;
  // The SIP's next follow-up date (µs), filled by the SIP module when it exists.
  std::optional<std::int64_t> next_follow_up;
};

struct CaseListPage {
  std::vector<FieldProblem> problems;  // a bad filter: nothing was listed
  std::vector<CaseListItem> items;     // may be left out: see ExitCaseService::ItemsWanted
  std::size_t item_count = 0;          // the page's items, whether or not they are included
  int page = 1;
  bool has_more = false;
  // Nonzero: this exact page as kept for this user (case_list_cache.h); every view that gets
  // the same number shows the same items, so what is made of them may be reused for this user.
  std::uint64_t version = 0;
};

// What an external partner sees of a case shared with their organisation.
struct PartnerCaseView {
  std::string public_id;
  std::string case_number;
  CaseStatus status = CaseStatus::kOpen;
  SipParts parts;  // what the active consent names
  std::optional<std::int64_t> share_expires_at;
  std::string organisation_name_sv;
  std::string organisation_name_en;
  std::string coordinator_name;  // the contact for the partner
  CaseId case_id;                // for the SIP module's shared sections (never shown)
};

struct SharedCaseItem {
  std::string public_id;
  std::string case_number;
  CaseStatus status = CaseStatus::kOpen;
  SipParts parts;
  std::optional<std::int64_t> share_expires_at;
};

struct ShareTarget {
  std::string public_id;
  std::string name_sv;
  std::string name_en;
  std::string kind;
};

struct ExitCaseServiceOptions {
  int page_size = 50;
  std::size_t note_max_length = 2000;
};

// Exit cases (issue 4 §1, §2, §6): open a case for a person, read it, list mine / my unit,
// change its status (closing needs a reason; every change kept in exit_case_events), set the
// coordinator, record and withdraw consent, and the partner's view of a shared case.
//
// Access to a case is access to its person (case_access.h): the person's authority, case team,
// emergency grant and protected identity. Every method takes the acting user first, asks
// trust::access::Decide, and audits (reads and denials with AuditLog::Append, writes with
// AppendInTransaction). A case of another authority, one whose person's team the actor is not on,
// one not shared with a partner's organisation, and one that does not exist all give the same
// kNotFound "No such case.", so a denial never confirms existence.
//
// Thread-safe; every reference must outlive the service.
class ExitCaseService {
 public:
  ExitCaseService(storage::Database& db, const trust::crypto::KeyRing& ring,
                  trust::audit::AuditLog& audit, const base::Clock& clock,
                  ExitCaseServiceOptions options = {}, const ReferralHandover* referrals = nullptr);

  // Opens a case for the person: numbered "<authority code>-<year>-<seq>", status open, the
  // coordinator (an active user of the person's authority who may write personal data) put on
  // the person's team. Problems: unknown coordinator, the person already has a case not closed,
  // a referral that cannot be continued ("referral.unusable": the same for one that does not
  // exist, is not the actor's unit's, not accepted, not adult_support or already done).
  // kConflict when the referral changed between the check and the write (nothing written).
  [[nodiscard]] base::Result<CaseWriteOutcome> Open(const trust::Actor& actor,
                                                    std::string_view person_public_id,
                                                    const OpenCaseInput& input) const;

  // The access check of Open without writing (for showing the form): ok, or kNotFound "No such
  // person." exactly as Open answers a person the actor may not change. Audited when denied.
  [[nodiscard]] base::Status PrepareOpen(const trust::Actor& actor,
                                         std::string_view person_public_id) const;
  // PrepareOpen, and whether `referral_public_id` (non-empty) can be continued by the actor
  // (a referral that cannot is audited as a denial and reported as not usable, never an error).
  [[nodiscard]] base::Result<OpenPreparation> PrepareOpenFromReferral(
      const trust::Actor& actor, std::string_view person_public_id,
      std::string_view referral_public_id) const;

  [[nodiscard]] base::Result<CaseView> Get(const trust::Actor& actor,
                                           std::string_view case_public_id) const;

  // Asked, with a kept page's version (CaseListPage::version), whether its items are needed: a
  // caller that already holds what it made of that version answers false and gets the page
  // without items (item_count, page, has_more and version only).
  using ItemsWanted = std::function<bool(std::uint64_t version)>;

  // Cases whose person's team the actor is on; protected identities never listed. One kSearch.
  [[nodiscard]] base::Result<CaseListPage> ListMine(
      const trust::Actor& actor, const CaseListFilter& filter,
      const ItemsWanted& items_wanted = nullptr) const;
  // How many cases ListMine would list with status open, for the start page. A count shows no
  // person, so it is not audited (a role without read_personal_data is kForbidden, audited as
  // for ListMine).
  [[nodiscard]] base::Result<std::int64_t> CountMineOpen(const trust::Actor& actor) const;
  // Cases of the actor's authority coordinated from the actor's unit; rows the actor may not
  // open show case number, status and coordinator only.
  [[nodiscard]] base::Result<CaseListPage> ListUnit(
      const trust::Actor& actor, const CaseListFilter& filter,
      const ItemsWanted& items_wanted = nullptr) const;

  // kConflict when `expected_version` is not current (nothing written).
  [[nodiscard]] base::Result<CaseWriteOutcome> ChangeStatus(const trust::Actor& actor,
                                                            std::string_view case_public_id,
                                                            const StatusChangeInput& input) const;
  [[nodiscard]] base::Result<CaseWriteOutcome> SetResponsible(const trust::Actor& actor,
                                                              std::string_view case_public_id,
                                                              std::string_view username,
                                                              std::int64_t expected_version) const;

  // Records a consent; its public id comes back in `public_id`.
  [[nodiscard]] base::Result<CaseWriteOutcome> RecordConsent(const trust::Actor& actor,
                                                             std::string_view case_public_id,
                                                             const ConsentInput& input) const;
  // Withdraws an active consent at once (the next read of a share no longer finds it).
  // kNotFound for a consent that is not the case's or is already withdrawn.
  [[nodiscard]] base::Status WithdrawConsent(const trust::Actor& actor,
                                             std::string_view case_public_id,
                                             std::string_view consent_public_id) const;

  // Organisations a consent can name (partners and units), for the consent form.
  [[nodiscard]] base::Result<std::vector<ShareTarget>> ShareTargets(
      const trust::Actor& actor) const;

  // The cases shared with the partner's organisation (the actor's unit, or the partner
  // organisation above it) through an active consent.
  [[nodiscard]] base::Result<std::vector<SharedCaseItem>> ListShared(
      const trust::Actor& actor) const;
  // What the partner may see of one case: only with an active share consent naming their
  // organisation; otherwise kNotFound like a missing case. Audited as a read outside the unit.
  [[nodiscard]] base::Result<PartnerCaseView> ForPartner(const trust::Actor& actor,
                                                         std::string_view case_public_id) const;

 private:
  [[nodiscard]] base::Result<CaseForUser> FindAllowed(const trust::Actor& actor,
                                                      std::string_view case_public_id,
                                                      trust::access::Permission permission) const;
  // The person for Open, when the actor may write it; kNotFound (audited) otherwise.
  [[nodiscard]] base::Result<person::PersonForUser> WritablePerson(
      const trust::Actor& actor, std::string_view person_public_id) const;
  [[nodiscard]] base::Status AuditDenied(const trust::Actor& actor, const CaseForUser* found) const;
  [[nodiscard]] base::Status CheckRole(const trust::Actor& actor,
                                       trust::access::Permission permission) const;
  [[nodiscard]] base::Result<CaseListPage> List(const trust::Actor& actor,
                                                const CaseListFilter& filter, bool unit,
                                                const ItemsWanted& items_wanted) const;
  [[nodiscard]] base::Result<std::string> Initials(base::TenantId tenant, person::PersonId person,
                                                   const std::optional<std::string>& given,
                                                   const std::optional<std::string>& family) const;
  // The actor's unit and, when it is a partner's department, the partner organisation above.
  [[nodiscard]] static base::Result<std::vector<base::OrganisationId>> PartnerOrganisations(
      storage::Transaction& tx, const trust::Actor& actor);

  storage::Database& db_;
  const trust::crypto::KeyRing& ring_;
  trust::audit::AuditLog& audit_;
  const base::Clock& clock_;
  const ExitCaseServiceOptions options_;
  const ReferralHandover* referrals_;  // null: no referral can be continued
  // Shared so that the service stays movable; never null.
  std::shared_ptr<CaseListCache> list_cache_;
};

}  // namespace fyren::exit_case
