#include "trust/audit/unusual_access.h"

#include <gtest/gtest.h>

#include "base/swedish_time.h"
#include "trust/audit/audit_event.h"

namespace fyren::trust::audit {
namespace {

const base::OrganisationId kAuthority(10);
const base::OrganisationId kUnit(11);
const base::OrganisationId kOtherUnit(12);
const base::OrganisationId kOtherAuthority(20);

base::TimePoint Local(int month, int day, int hour, int minute = 0) {
  return base::FromUnixMicros(base::FromSwedishLocal(
      {.year = 2026, .month = month, .day = day, .hour = hour, .minute = minute}));
}

Actor Worker() {
  Actor actor = Actor::Public(base::TenantId(1), "req-unusual-01");
  actor.user_id = 7;
  actor.unit = kUnit;
  actor.authority = kAuthority;
  return actor;
}

TEST(UnusualAccessTest, NightIsTenToSixSwedishTime) {
  // Winter (UTC+1) and summer (UTC+2): the boundaries are local hours, not UTC hours.
  for (const int month : {1, 7}) {
    EXPECT_FALSE(IsNightTime(Local(month, 15, 21, 59))) << month;
    EXPECT_TRUE(IsNightTime(Local(month, 15, 22, 0))) << month;
    EXPECT_TRUE(IsNightTime(Local(month, 15, 3, 0))) << month;
    EXPECT_TRUE(IsNightTime(Local(month, 15, 5, 59))) << month;
    EXPECT_FALSE(IsNightTime(Local(month, 15, 6, 0))) << month;
    EXPECT_FALSE(IsNightTime(Local(month, 15, 12, 0))) << month;
  }
  // 05:30 UTC on a July morning is 07:30 in Stockholm: day, though 05:30 would be night.
  EXPECT_FALSE(IsNightTime(base::FromUnixMicros(1784093400LL * 1'000'000)));
  // 21:30 UTC in July is 23:30 in Stockholm.
  EXPECT_TRUE(IsNightTime(base::FromUnixMicros(1784151000LL * 1'000'000)));
}

TEST(UnusualAccessTest, AroundTheSummerTimeSwitches) {
  // 2026-03-29 04:30 UTC is 06:30 summer time (day); 04:30 UTC the day before is 05:30 (night).
  EXPECT_FALSE(IsNightTime(base::FromUnixMicros((1774746000LL + 3 * 3600 + 1800) * 1'000'000)));
  EXPECT_TRUE(IsNightTime(base::FromUnixMicros((1774746000LL - 21 * 3600 + 1800) * 1'000'000)));
  // 2026-10-25 04:30 UTC is 05:30 winter time (night); 04:30 UTC the day before is 06:30 (day).
  EXPECT_TRUE(IsNightTime(base::FromUnixMicros((1792890000LL + 3 * 3600 + 1800) * 1'000'000)));
  EXPECT_FALSE(IsNightTime(base::FromUnixMicros((1792890000LL - 21 * 3600 + 1800) * 1'000'000)));
}

TEST(UnusualAccessTest, OutsideOwnUnit) {
  const base::TimePoint noon = Local(2, 10, 12);
  const Actor actor = Worker();
  EXPECT_EQ(UnusualAccess(actor, {.authority = kAuthority, .unit = kUnit}, noon), 0U);
  EXPECT_EQ(UnusualAccess(actor, {.authority = kAuthority, .unit = std::nullopt}, noon), 0U);
  EXPECT_EQ(UnusualAccess(actor, {.authority = kAuthority, .unit = kOtherUnit}, noon),
            kFlagOutsideOwnUnit);
  EXPECT_EQ(UnusualAccess(actor, {.authority = kOtherAuthority, .unit = std::nullopt}, noon),
            kFlagOutsideOwnUnit);
  const Actor nobody = Actor::Public(base::TenantId(1), "req-unusual-02");
  EXPECT_EQ(UnusualAccess(nobody, {.authority = kAuthority, .unit = std::nullopt}, noon),
            kFlagOutsideOwnUnit);
}

TEST(UnusualAccessTest, FlagsCombine) {
  EXPECT_EQ(
      UnusualAccess(Worker(), {.authority = kAuthority, .unit = kOtherUnit}, Local(2, 10, 23)),
      kFlagOutsideOwnUnit | kFlagNightTime);
  EXPECT_EQ(UnusualAccess(Worker(), {.authority = kAuthority, .unit = kUnit}, Local(2, 10, 23)),
            kFlagNightTime);
}

}  // namespace
}  // namespace fyren::trust::audit
