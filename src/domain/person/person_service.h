#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/person/opened_person_cache.h"
#include "domain/person/person.h"
#include "domain/person/person_store.h"
#include "storage/database.h"
#include "trust/access/access_policy.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/key_ring.h"
#include "trust/crypto/sealed_table.h"

namespace fyren::person {

struct PersonServiceOptions {
  // Demo mode: accept the synthetic future-dated identity numbers of demo data.
  bool allow_synthetic_identity_numbers = false;
  std::chrono::hours emergency_access_duration{4};
  int list_limit = 200;
};

// The person register (issue 4 §1, issue 3 §3): register, search before create, read with the
// identity masked or revealed, change with optimistic concurrency, the case team and the
// protected person's named staff, and emergency access.
//
// Every method takes the acting user first, asks trust::access::Decide, and audits: reads,
// searches, reveals and denials with AuditLog::Append (durable before the caller shows anything),
// writes with AppendInTransaction in the same transaction. A person of another authority, one
// outside the actor's case team without an emergency grant, and one that does not exist all give
// the same kNotFound "No such person." (audited kDenied), so a denial never confirms existence.
// A role without the permission gets kForbidden. Names, numbers and contact details are sealed
// with the tenant's data key bound to (table, column, person id); only fields shown are opened.
//
// Thread-safe; every reference must outlive the service.
class PersonService {
 public:
  PersonService(storage::Database& db, const trust::crypto::KeyRing& ring,
                trust::audit::AuditLog& audit, const base::Clock& clock,
                PersonServiceOptions options = {});

  // Registers a person in the actor's authority with the actor on the case team (and named for a
  // protected identity). Problems (every invalid field, or a duplicate identity number in the
  // authority, then with `duplicates`) leave nothing written.
  [[nodiscard]] base::Result<WriteOutcome> Register(const trust::Actor& actor,
                                                    const PersonInput& input) const;

  // Search before create: the persons of the actor's authority with exactly this identity or
  // reserve number (blind index), or with this public id. Audited kSearch.
  [[nodiscard]] base::Result<SearchOutcome> Search(const trust::Actor& actor,
                                                   std::string_view query) const;

  // One person, identity number masked ("YYYYMMDD-XXXX"); every identity field empty when the
  // identity is protected and the actor is not named. Audited kRead with flags.
  [[nodiscard]] base::Result<PersonRecord> Get(const trust::Actor& actor,
                                               std::string_view public_id) const;
  // As Get with the full identity number. Audited kRevealIdentity. A protected identity the actor
  // is not named for is kForbidden (audited kDenied).
  [[nodiscard]] base::Result<PersonRecord> RevealIdentity(const trust::Actor& actor,
                                                          std::string_view public_id) const;

  // The persons on the actor's case teams in their authority: initials and birth year only,
  // protected identities never listed; `filter` (optional) keeps rows whose initials, birth year
  // or public id contain it. Audited as one kSearch.
  [[nodiscard]] base::Result<std::vector<PersonSummary>> ListMine(const trust::Actor& actor,
                                                                  std::string_view filter) const;

  // Replaces the editable fields when `change.expected_version` is current; kConflict otherwise
  // (nothing written). A protected identity can only be changed by named staff (kForbidden).
  [[nodiscard]] base::Result<WriteOutcome> Update(const trust::Actor& actor,
                                                  std::string_view public_id,
                                                  const PersonChange& change) const;

  // Adds (or updates) a user of the person's authority on the case team. Naming someone for a
  // protected identity needs the actor to be named. kInvalidInput (field "username") for a user
  // that is unknown or of another authority.
  [[nodiscard]] base::Status AddTeamMember(const trust::Actor& actor, std::string_view public_id,
                                           std::string_view username,
                                           bool named_for_protected) const;
  // Removes a user from the staff list; the last team member cannot be removed.
  [[nodiscard]] base::Status RemoveTeamMember(const trust::Actor& actor, std::string_view public_id,
                                              std::string_view username) const;

  // Nödåtkomst to a person of the actor's own authority outside their case team: needs the
  // emergency_access permission, a second factor within trust::access::kStepUpWindow
  // (kForbidden with field "step_up" otherwise), a reason category and text (problems
  // otherwise). Lasts `emergency_access_duration`. Audited kEmergencyAccess flagged for the log
  // reviewers. Another authority's person is kNotFound, whatever else is wrong.
  [[nodiscard]] base::Result<GrantOutcome> GrantEmergencyAccess(const trust::Actor& actor,
                                                                std::string_view public_id,
                                                                std::string_view reason_category,
                                                                std::string_view reason_text) const;
  // The checks of GrantEmergencyAccess without a reason (for showing the form): ok, kNotFound, or
  // kForbidden with field "step_up".
  [[nodiscard]] base::Status PrepareEmergencyAccess(const trust::Actor& actor,
                                                    std::string_view public_id) const;

 private:
  struct EmergencyRequest {
    std::string category;
    std::string text;
  };
  [[nodiscard]] base::Result<GrantOutcome> Emergency(
      const trust::Actor& actor, std::string_view public_id,
      const std::optional<EmergencyRequest>& request) const;
  [[nodiscard]] base::Result<PersonRecord> Read(const trust::Actor& actor,
                                                std::string_view public_id, bool reveal) const;
  // The person's sealed fields, opened or as kept from an earlier view of the same bytes.
  [[nodiscard]] base::Result<std::shared_ptr<const OpenedFields>> OpenFields(
      base::TenantId tenant, std::int64_t row, const SealedFields& sealed) const;
  [[nodiscard]] base::Status AuditDenied(const trust::Actor& actor,
                                         const PersonForUser* person) const;
  // A change of the person's case team: checks write access (a denial is audited and reads as
  // "no such person"), runs `change` in the write transaction and audits it there.
  using TeamChange =
      std::function<base::Status(storage::Transaction&, const PersonForUser&, base::TimePoint now)>;
  [[nodiscard]] base::Status ChangeTeam(const trust::Actor& actor, std::string_view public_id,
                                        const TeamChange& change) const;
  [[nodiscard]] base::Result<PersonSummary> Summarise(const trust::Actor& actor,
                                                      const PersonForUser& found) const;

  storage::Database& db_;
  const trust::crypto::KeyRing& ring_;
  trust::crypto::SealedTable sealed_;
  trust::audit::AuditLog& audit_;
  const base::Clock& clock_;
  const PersonServiceOptions options_;
  // Shared so that the service stays movable; never null.
  std::shared_ptr<OpenedPersonCache> opened_ = std::make_shared<OpenedPersonCache>();
};

}  // namespace fyren::person
