#include "trust/audit/unusual_access.h"

#include "base/swedish_time.h"
#include "trust/audit/audit_event.h"

namespace fyren::trust::audit {

bool IsNightTime(base::TimePoint at) {
  const int hour = base::ToSwedishLocal(base::ToUnixMicros(at)).hour;
  return hour >= 22 || hour < 6;
}

std::uint32_t UnusualAccess(const Actor& actor, const RecordOwner& owner, base::TimePoint at) {
  std::uint32_t flags = 0;
  const bool own_authority = actor.authority && *actor.authority == owner.authority;
  const bool own_unit = !owner.unit || (actor.unit && *actor.unit == *owner.unit);
  if (!own_authority || !own_unit) flags |= kFlagOutsideOwnUnit;
  if (IsNightTime(at)) flags |= kFlagNightTime;
  return flags;
}

}  // namespace fyren::trust::audit
