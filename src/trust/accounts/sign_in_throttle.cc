#include "trust/accounts/sign_in_throttle.h"

#include <algorithm>

namespace fyren::trust::accounts {

std::int64_t EffectiveFailures(const ThrottleRule& rule, const FailureCount& count,
                               base::TimePoint now) {
  if (count.failures <= 0) return 0;
  if (now - count.last_failure_at >= rule.reset_after) return 0;
  return count.failures;
}

std::chrono::seconds RequiredWait(const ThrottleRule& rule, const FailureCount& count,
                                  base::TimePoint now) {
  const std::int64_t failures = EffectiveFailures(rule, count, now);
  if (failures < rule.free_failures) return std::chrono::seconds(0);
  const std::int64_t doublings = std::min<std::int64_t>(failures - rule.free_failures, 30);
  const std::chrono::seconds delay =
      std::min(rule.max_delay, rule.first_delay * (std::int64_t{1} << doublings));
  const auto ready_at = count.last_failure_at + delay;
  if (now >= ready_at) return std::chrono::seconds(0);
  // Round up, so "wait 1 second" is never answered with 0.
  return std::chrono::ceil<std::chrono::seconds>(ready_at - now);
}

bool ReachesLockout(const ThrottleRule& rule, std::int64_t failures) {
  return rule.lockout_failures > 0 && failures >= rule.lockout_failures;
}

}  // namespace fyren::trust::accounts
