#pragma once

#include <chrono>
#include <cstdint>

#include "base/clock.h"

namespace fyren::trust::accounts {

// How failed sign-ins slow down further attempts. Counters are kept per subject (an account, or
// a client address) in the database, so every server sees the same counts. A subject's count
// starts again after `reset_after` without a failure. Attempts refused because of a delay do not
// count, so waiting out the delay is always enough.
struct ThrottleRule {
  std::int64_t free_failures = 5;  // failures allowed before any delay
  std::chrono::seconds first_delay{1};
  std::chrono::seconds max_delay{300};
  std::int64_t lockout_failures = 0;  // 0: never lock (client addresses)
  std::chrono::seconds reset_after{3600};
};

// Accounts: a delay doubling from 1 s after 5 failures (up to 5 minutes) and a lockout, which
// only an administrator can lift, at 20 failures without an hour's pause.
inline constexpr ThrottleRule kAccountRule{.free_failures = 5,
                                           .first_delay = std::chrono::seconds(1),
                                           .max_delay = std::chrono::seconds(300),
                                           .lockout_failures = 20,
                                           .reset_after = std::chrono::seconds(3600)};
// Client addresses: many users can share one address (the municipality's NAT), so more failures
// are free and the address is never locked, only slowed down.
inline constexpr ThrottleRule kAddressRule{.free_failures = 30,
                                           .first_delay = std::chrono::seconds(1),
                                           .max_delay = std::chrono::seconds(60),
                                           .lockout_failures = 0,
                                           .reset_after = std::chrono::seconds(3600)};

// A subject's stored counter.
struct FailureCount {
  std::int64_t failures = 0;
  base::TimePoint last_failure_at;
};

// The failure count that applies at `now` (0 once reset_after has passed since the last one).
[[nodiscard]] std::int64_t EffectiveFailures(const ThrottleRule& rule, const FailureCount& count,
                                             base::TimePoint now);

// How long the subject must still wait before its next attempt is considered; zero when it may
// try now. Pure; thread-safe.
[[nodiscard]] std::chrono::seconds RequiredWait(const ThrottleRule& rule, const FailureCount& count,
                                                base::TimePoint now);

// True when `failures` (after recording the latest one) reaches the lockout limit.
[[nodiscard]] bool ReachesLockout(const ThrottleRule& rule, std::int64_t failures);

}  // namespace fyren::trust::accounts
