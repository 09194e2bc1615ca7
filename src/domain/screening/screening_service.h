#pragma once

#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/screening/instrument_catalog.h"
#include "domain/screening/screening.h"
#include "storage/database.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/key_ring.h"

namespace fyren::screening {

// Recorded screenings (issue 5 §2). Every method takes the acting user first, asks
// trust::access::Decide, and audits (RecordType kScreening): reads and denials with
// AuditLog::Append before anything is returned, a new screening with AppendInTransaction in its
// own transaction. The level is always computed here from the instrument, never taken from the
// caller. Answers are sealed with the tenant's data key bound to (screenings, answers, id).
//
// Who may read a screening: staff with kReadPersonalData of the owning authority who recorded
// it, or are on the person's case team (or hold an emergency grant for the person), or — for an
// anonymous screening — work in the unit that recorded it. Everyone else, and a screening that
// does not exist, gets the same kNotFound "No such screening." (audited kDenied). A role without
// the permission gets kForbidden.
//
// Thread-safe; every reference must outlive the service.
class ScreeningService {
 public:
  ScreeningService(storage::Database& db, const trust::crypto::KeyRing& ring,
                   trust::audit::AuditLog& audit, const base::Clock& clock,
                   const InstrumentCatalog& instruments);

  // Validates, scores and stores a screening (kWritePersonalData). Problems (unknown instrument,
  // subject kind the instrument does not allow, a person not found or not in the actor's scope —
  // the same text for both —, missing anonymous fields, invalid answers, one per unanswered
  // required item) come back in the outcome with nothing written.
  [[nodiscard]] base::Result<RecordOutcome> Record(const trust::Actor& actor,
                                                   const ScreeningInput& input) const;

  // One screening with its answers opened. Audited kRead.
  [[nodiscard]] base::Result<ScreeningRecord> Get(const trust::Actor& actor,
                                                  std::string_view public_id) const;

  // Level, recommended actions and subject of a screening, without the answers: what a report
  // of concern or a referral prefills from. Same access as Get; audited kRead.
  [[nodiscard]] base::Result<ScreeningOutline> Outline(const trust::Actor& actor,
                                                       std::string_view public_id) const;

  // The screenings the actor recorded, newest first (at most 100). Audited kSearch.
  [[nodiscard]] base::Result<std::vector<ScreeningSummary>> ListMine(
      const trust::Actor& actor) const;

  // The screenings of a person the actor may read (as the person register decides), newest first
  // (at most 100). Another authority's or an unknown person: kNotFound "No such person.". Audited
  // kRead of the person.
  [[nodiscard]] base::Result<std::vector<ScreeningSummary>> ListForPerson(
      const trust::Actor& actor, std::string_view person_public_id) const;

  [[nodiscard]] const InstrumentCatalog& instruments() const { return instruments_; }

 private:
  struct Loaded;
  [[nodiscard]] base::Result<Loaded> LoadReadable(const trust::Actor& actor,
                                                  std::string_view public_id) const;

  storage::Database& db_;
  const trust::crypto::KeyRing& ring_;
  trust::audit::AuditLog& audit_;
  const base::Clock& clock_;
  const InstrumentCatalog& instruments_;
};

}  // namespace fyren::screening
