#pragma once

#include <cstdint>
#include <optional>

#include "base/clock.h"
#include "base/ids.h"
#include "trust/actor.h"

namespace fyren::trust::audit {

// Where a record belongs, as far as the calling service knows it.
struct RecordOwner {
  base::OrganisationId authority;            // the committee (nämnd) that owns the record
  std::optional<base::OrganisationId> unit;  // the responsible unit, when the record has one
};

// Night time for log review: 22:00 (inclusive) to 06:00 (exclusive) in Swedish local time.
[[nodiscard]] bool IsNightTime(base::TimePoint at);

// The kFlag... bits a service can know at the moment of access, for the audit entry it writes:
//  - kFlagOutsideOwnUnit: the record's authority is not the actor's, or the record names a unit
//    and it is not the actor's unit (a colleague's case in the same committee);
//  - kFlagNightTime: `at` is night time (IsNightTime).
// kFlagProtectedIdentity and kFlagEmergencyAccess come from the access decision
// (access::Decision::flags); kFlagBulk is computed at review time (bulk_access.h), so the read
// path pays nothing for it. An actor without a unit or authority (the public, the CLI) is outside
// every unit. Pure; thread-safe.
[[nodiscard]] std::uint32_t UnusualAccess(const Actor& actor, const RecordOwner& owner,
                                          base::TimePoint at);

}  // namespace fyren::trust::audit
