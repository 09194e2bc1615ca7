#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/exit_case/exit_case.h"
#include "domain/sip/continuity_guard.h"
#include "domain/sip/intervention_catalogue.h"
#include "domain/sip/organisation_directory.h"
#include "domain/sip/sip_diff.h"
#include "domain/sip/sip_plan.h"
#include "domain/sip/sip_store.h"
#include "domain/sip/sip_validation.h"
#include "storage/database.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/key_ring.h"

namespace fyren::sip {

class PlanCache;

struct RevisionSummary {
  std::int64_t revision = 0;
  std::string saved_by_name;
  std::int64_t saved_at = 0;
  std::string change_note;
};

struct FollowUpEntry {
  std::string held_on;
  std::string intervention_key;  // empty: the whole plan
  std::string outcome;
  std::string author_name;
  std::int64_t created_at = 0;
};

// The case a plan belongs to, as the SIP pages show it.
struct CaseHeading {
  std::string case_public_id;
  std::string case_number;
  bool case_open = true;
  bool protected_identity = false;
};

// A plan with what a coordinator sees beside it.
// What a plan page's plan, follow-ups and revision list were made from (StoredSip's
// page_generation): every view that gets the same key reads the same there, on any server.
// Nothing may be kept for a key that is not Keepable (no plan, or no generation row).
struct SipPageKey {
  std::int64_t tenant = 0;
  std::int64_t sip_id = 0;
  std::int64_t page_generation = 0;
  [[nodiscard]] bool Keepable() const { return sip_id != 0 && page_generation > 0; }
  auto operator<=>(const SipPageKey&) const = default;
};

struct SipView {
  CaseHeading heading;
  bool exists = false;        // false until the first save
  std::int64_t version = 0;   // the version a save must name (0 before the first save)
  std::int64_t revision = 0;  // the current revision
  PlanDocument plan;
  std::vector<RevisionSummary> revisions;  // newest first
  std::vector<FollowUpEntry> followups;    // newest first
  OrganisationList organisations;          // for actor names and the editor's choices
  SipPageKey page_key;
  // False when the caller said it holds what it made of page_key (SipService::SectionsWanted):
  // plan, revisions, followups and organisations are then left empty.
  bool sections_included = true;
};

struct RevisionView {
  CaseHeading heading;
  RevisionSummary summary;
  PlanDocument plan;
  OrganisationList organisations;
};

struct Comparison {
  CaseHeading heading;
  RevisionSummary from;
  RevisionSummary to;
  PlanDocument from_plan;
  PlanDocument to_plan;
  PlanDiff diff;
  OrganisationList organisations;
};

struct SaveInput {
  std::int64_t expected_version = 0;  // 0: the plan does not exist yet
  PlanDocument document;
  std::string change_note;
  // The coordinator has seen the continuity guard's events and confirmed them.
  bool guard_confirmed = false;
};

enum class SaveStatus {
  kSaved,
  kProblems,  // `problems` lists every field problem; nothing written
  kConflict,  // someone saved first: `current` and `submitted` both kept; nothing written
  kGuard,     // events need confirmation (`events`); nothing written
};

struct SaveOutcome {
  SaveStatus status = SaveStatus::kSaved;
  std::vector<FieldProblem> problems;
  std::vector<GuardEvent> events;  // kGuard; on kSaved the events that were recorded
  PlanDocument submitted;          // the document as prepared for validation
  std::int64_t version = 0;        // kSaved: the new version; kConflict: the stored one
  std::int64_t revision = 0;       // kSaved: the new revision
  PlanDocument current;            // kConflict: the stored plan
};

struct FollowUpInput {
  std::string held_on;           // ISO date
  std::string intervention_key;  // empty: the whole plan
  std::string outcome;
};

// What a partner may see of a plan: only the parts an active share consent names for the
// partner's organisation (exit_case::SipPart). Parts not covered are empty.
struct SharedSip {
  CaseHeading heading;
  exit_case::SipParts parts;
  PlanDocument plan;                     // goals/needs, interventions, meetings as covered
  std::vector<FollowUpEntry> followups;  // when kFollowups is covered
  OrganisationList organisations;
};

// The coordinated individual plan of an exit case (issue 4 §3, §4, §6, §9).
//
// Every method takes the acting user first and decides with trust::access::Decide on the case's
// scope (exit_case::ScopeOf: the case's person's authority, case team, emergency grant, protected
// identity); a case that is missing, of another authority or outside the actor's team is the
// same kNotFound "No such case." (audited kDenied). Reads are audited kRead with AuditLog::Append
// before returning; saves and follow-ups are audited in their transaction. The plan document,
// change notes and follow-up outcomes are sealed with the tenant's data key.
//
// Continuity-guard notices go to the case's coordinator: the plan's actors are units,
// organisations or named others, not users, so the overall responsible cannot be notified yet.
//
// Thread-safe; every reference must outlive the service.
class SipService {
 public:
  SipService(storage::Database& db, const trust::crypto::KeyRing& ring,
             trust::audit::AuditLog& audit, const base::Clock& clock,
             const InterventionCatalogue& catalogue);

  // Asked, once access is decided and the plan row read, whether the plan, revisions and
  // follow-ups are needed: a caller that already holds what it made of that key answers false
  // and gets the view without them (heading, exists, version, revision and page_key only). The
  // read is audited either way.
  using SectionsWanted = std::function<bool(const SipPageKey&)>;

  // The current plan (empty before the first save) with revisions and follow-ups.
  [[nodiscard]] base::Result<SipView> Get(const trust::Actor& actor,
                                          std::string_view case_public_id,
                                          const SectionsWanted& sections_wanted = nullptr) const;
  // The same for the print view for the person (kPrint). A protected identity cannot be printed
  // (kForbidden), as with exports.
  [[nodiscard]] base::Result<SipView> Print(const trust::Actor& actor,
                                            std::string_view case_public_id) const;
  // One revision; kNotFound for a revision that does not exist.
  [[nodiscard]] base::Result<RevisionView> GetRevision(const trust::Actor& actor,
                                                       std::string_view case_public_id,
                                                       std::int64_t revision) const;
  // What changed from revision `from` to revision `to`.
  [[nodiscard]] base::Result<Comparison> Compare(const trust::Actor& actor,
                                                 std::string_view case_public_id, std::int64_t from,
                                                 std::int64_t to) const;
  // Saves a new revision when `input.expected_version` is current (see SaveStatus). The
  // continuity guard runs on every save; confirmed events notify the case's coordinator (a task)
  // and are recorded as de-identified facts, in the save's transaction.
  [[nodiscard]] base::Result<SaveOutcome> Save(const trust::Actor& actor,
                                               std::string_view case_public_id,
                                               const SaveInput& input) const;
  // Appends a follow-up to the log; problems (date, intervention, outcome) leave nothing
  // written. A case without a plan has no follow-ups: kInvalidInput.
  [[nodiscard]] base::Result<std::vector<FieldProblem>> AddFollowUp(
      const trust::Actor& actor, std::string_view case_public_id, const FollowUpInput& input) const;
  // The partner's view (kReadShared): the parts an active share consent for the actor's
  // organisation (their unit, or the partner organisation above it) covers. No consent, a
  // withdrawn or expired one, or no case: kNotFound. Audited as a read outside the own unit.
  [[nodiscard]] base::Result<SharedSip> SharedSections(const trust::Actor& actor,
                                                       std::string_view case_public_id) const;

 private:
  struct Loaded;
  [[nodiscard]] base::Result<SipView> Read(const trust::Actor& actor,
                                           std::string_view case_public_id, bool print,
                                           const SectionsWanted& sections_wanted) const;
  [[nodiscard]] base::Result<PlanDocument> OpenDocument(base::TenantId tenant,
                                                        const StoredRevision& revision) const;
  [[nodiscard]] base::Result<RevisionSummary> Summarise(base::TenantId tenant,
                                                        const StoredRevision& revision) const;
  [[nodiscard]] base::Result<std::vector<FollowUpEntry>> OpenFollowUps(
      base::TenantId tenant, const std::vector<StoredFollowUp>& stored) const;
  [[nodiscard]] base::Status AuditDenied(const trust::Actor& actor) const;

  storage::Database& db_;
  const trust::crypto::KeyRing& ring_;
  trust::audit::AuditLog& audit_;
  const base::Clock& clock_;
  const InterventionCatalogue& catalogue_;
  // Shared so that the service stays movable; never null.
  std::shared_ptr<PlanCache> plans_;
  // Organisation names between views (organisation_directory.h); behind a pointer so the
  // service stays movable and its const methods can fill it.
  std::unique_ptr<OrganisationDirectory> organisations_ = std::make_unique<OrganisationDirectory>();
};

}  // namespace fyren::sip
