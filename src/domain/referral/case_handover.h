#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "domain/referral/referral_case_store.h"
#include "storage/database.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/key_ring.h"

namespace fyren::referral {

// What the person registration form shows of the referral it continues. The summary is the
// sender's free text, shown read-only for the coordinator to copy what they have confirmed with
// the person: the referral carries no structured identity across the committees' secrecy
// boundary, so nothing is filled in from it.
struct HandoverView {
  std::string public_id;
  std::string sender_unit_name_sv;
  std::string sender_unit_name_en;
  std::string person_summary;
};

// The answer for a referral id that cannot be continued: the same for one that does not exist,
// is not the actor's unit's, is not accepted, is not adult_support or is already done.
inline constexpr std::string_view kReferralNotUsable = "This referral cannot be continued here.";
// The detail of the kConflict RecordCaseOpened answers when the referral moved since Check.
inline constexpr std::string_view kReferralChanged = "referral.changed";

// Continuing an accepted adult_support referral in an exit case (issue 5 §4 "an adult: into an
// exit case"). The exit case service decides the case; this class owns the referral's side:
// whether the actor may continue it, and (inside the case's own write transaction) the link
// referral → case, the move to "done", its event and its audit entry.
//
// Who may continue a referral: a user of the receiving unit with write_personal_data within the
// receiving unit's authority, while the referral is an accepted adult_support one. Anything else
// is kNotFound kReferralNotUsable, audited kDenied, never revealing whether the id exists.
// Thread-safe; every reference must outlive it.
class CaseHandover {
 public:
  CaseHandover(storage::Database& db, const trust::crypto::KeyRing& ring,
               trust::audit::AuditLog& audit, const base::Clock& clock);

  // The referral for the registration form, its person summary opened. Audited kRead.
  [[nodiscard]] base::Result<HandoverView> Show(const trust::Actor& actor,
                                                std::string_view public_id) const;

  // Ok when `actor` may continue the referral now (no read audit: nothing is shown).
  [[nodiscard]] base::Status Check(const trust::Actor& actor, std::string_view public_id) const;

  // Inside the transaction that inserts the case: checks again, links the case, moves the
  // referral to done (optimistic version) with its event, and audits kUpdate in `tx`. kConflict
  // when the referral can no longer be continued (moved since Check): the caller's transaction
  // must roll back.
  [[nodiscard]] base::Status RecordCaseOpened(storage::Transaction& tx, const trust::Actor& actor,
                                              std::string_view public_id,
                                              const CaseLink& link) const;

  // The public id of the referral `case_id` was started from, if any (for the case page).
  [[nodiscard]] static base::Result<std::optional<std::string>> ReferralOfCase(
      storage::Transaction& tx, base::TenantId tenant, std::int64_t case_id);

 private:
  [[nodiscard]] base::Status AuditDenied(const trust::Actor& actor,
                                         std::optional<std::int64_t> referral_id) const;

  storage::Database& db_;
  const trust::crypto::KeyRing& ring_;
  trust::audit::AuditLog& audit_;
  const base::Clock& clock_;
};

}  // namespace fyren::referral
