#include "trust/accounts/sign_in_throttle.h"

#include <gtest/gtest.h>

namespace fyren::trust::accounts {
namespace {

using std::chrono::seconds;

const base::TimePoint kT0 = base::FromUnixMicros(1'700'000'000'000'000);

TEST(SignInThrottleTest, FirstFailuresAreFreeThenTheDelayDoubles) {
  const ThrottleRule rule = kAccountRule;
  for (int failures = 0; failures < 5; ++failures) {
    EXPECT_EQ(RequiredWait(rule, {.failures = failures, .last_failure_at = kT0}, kT0), seconds(0));
  }
  EXPECT_EQ(RequiredWait(rule, {.failures = 5, .last_failure_at = kT0}, kT0), seconds(1));
  EXPECT_EQ(RequiredWait(rule, {.failures = 6, .last_failure_at = kT0}, kT0), seconds(2));
  EXPECT_EQ(RequiredWait(rule, {.failures = 9, .last_failure_at = kT0}, kT0), seconds(16));
  EXPECT_EQ(RequiredWait(rule, {.failures = 19, .last_failure_at = kT0}, kT0), seconds(300));
  EXPECT_EQ(RequiredWait(rule, {.failures = 500, .last_failure_at = kT0}, kT0), seconds(300));
}

TEST(SignInThrottleTest, WaitShrinksWithTimeAndCountsResetAfterAnHour) {
  const ThrottleRule rule = kAccountRule;
  const FailureCount count{.failures = 9, .last_failure_at = kT0};
  EXPECT_EQ(RequiredWait(rule, count, kT0 + seconds(10)), seconds(6));
  EXPECT_EQ(RequiredWait(rule, count, kT0 + std::chrono::milliseconds(15'500)), seconds(1));
  EXPECT_EQ(RequiredWait(rule, count, kT0 + seconds(16)), seconds(0));
  EXPECT_EQ(EffectiveFailures(rule, count, kT0 + seconds(3599)), 9);
  EXPECT_EQ(EffectiveFailures(rule, count, kT0 + seconds(3600)), 0);
}

TEST(SignInThrottleTest, AccountsLockAtTwentyAddressesNever) {
  EXPECT_FALSE(ReachesLockout(kAccountRule, 19));
  EXPECT_TRUE(ReachesLockout(kAccountRule, 20));
  EXPECT_FALSE(ReachesLockout(kAddressRule, 100000));
  EXPECT_EQ(RequiredWait(kAddressRule, {.failures = 29, .last_failure_at = kT0}, kT0), seconds(0));
  EXPECT_EQ(RequiredWait(kAddressRule, {.failures = 40, .last_failure_at = kT0}, kT0), seconds(60));
}

}  // namespace
}  // namespace fyren::trust::accounts
