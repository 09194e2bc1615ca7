#include "base/swedish_time.h"

#include <gtest/gtest.h>

namespace fyren::base {
namespace {

constexpr std::int64_t kSecond = 1'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;

// Instants cross-checked with `TZ=Europe/Stockholm date -d @SECONDS` (tzdata 2024a).
// 2026-03-29 is the last Sunday of March 2026; 2026-10-25 the last Sunday of October.
constexpr std::int64_t kSpring2026 = 1774746000 * kSecond;  // 2026-03-29 01:00:00 UTC
constexpr std::int64_t kAutumn2026 = 1792890000 * kSecond;  // 2026-10-25 01:00:00 UTC

TEST(SwedishTimeTest, SpringSwitchAtOneUtcOnTheLastSundayOfMarch) {
  EXPECT_FALSE(IsSwedishSummerTime(kSpring2026 - 1));
  EXPECT_TRUE(IsSwedishSummerTime(kSpring2026));
  EXPECT_EQ(ToSwedishLocal(kSpring2026 - kSecond),
            (SwedishLocalTime{
                .year = 2026, .month = 3, .day = 29, .hour = 1, .minute = 59, .second = 59}));
  EXPECT_EQ(ToSwedishLocal(kSpring2026),
            (SwedishLocalTime{.year = 2026, .month = 3, .day = 29, .hour = 3}));
}

TEST(SwedishTimeTest, AutumnSwitchAtOneUtcOnTheLastSundayOfOctober) {
  EXPECT_TRUE(IsSwedishSummerTime(kAutumn2026 - 1));
  EXPECT_FALSE(IsSwedishSummerTime(kAutumn2026));
  // 02:59:59 summer time, then the clock goes back to 02:00 winter time.
  EXPECT_EQ(ToSwedishLocal(kAutumn2026 - kSecond),
            (SwedishLocalTime{
                .year = 2026, .month = 10, .day = 25, .hour = 2, .minute = 59, .second = 59}));
  EXPECT_EQ(ToSwedishLocal(kAutumn2026),
            (SwedishLocalTime{.year = 2026, .month = 10, .day = 25, .hour = 2}));
}

TEST(SwedishTimeTest, LastSundayDependsOnTheYear) {
  // 2027: 28 March and 31 October. 2024: 31 March and 27 October.
  EXPECT_FALSE(IsSwedishSummerTime(FromSwedishLocal({.year = 2027, .month = 3, .day = 27})));
  EXPECT_TRUE(
      IsSwedishSummerTime(FromSwedishLocal({.year = 2027, .month = 3, .day = 28, .hour = 4})));
  EXPECT_TRUE(IsSwedishSummerTime(FromSwedishLocal({.year = 2027, .month = 10, .day = 30})));
  EXPECT_FALSE(
      IsSwedishSummerTime(FromSwedishLocal({.year = 2027, .month = 10, .day = 31, .hour = 4})));
  EXPECT_FALSE(IsSwedishSummerTime(FromSwedishLocal({.year = 2024, .month = 3, .day = 30})));
  EXPECT_TRUE(IsSwedishSummerTime(FromSwedishLocal({.year = 2024, .month = 10, .day = 26})));
  EXPECT_FALSE(IsSwedishSummerTime(FromSwedishLocal({.year = 2024, .month = 10, .day = 28})));
}

TEST(SwedishTimeTest, WinterAndSummerOffsets) {
  // 2026-01-15 12:00 UTC is 13:00 in Stockholm; 2026-07-15 12:00 UTC is 14:00.
  EXPECT_EQ(FormatSwedishDateTime(1768478400 * kSecond), "2026-01-15 13:00");
  EXPECT_EQ(FormatSwedishDateTime(1784116800 * kSecond), "2026-07-15 14:00");
  EXPECT_EQ(SwedishUtcOffsetSeconds(1768478400 * kSecond), 3600);
  EXPECT_EQ(SwedishUtcOffsetSeconds(1784116800 * kSecond), 7200);
  // New Year in Stockholm is 23:00 UTC the day before.
  EXPECT_EQ(FormatSwedishDate(1767222000 * kSecond), "2026-01-01");
  EXPECT_EQ(FormatSwedishDate(1767222000 * kSecond - 1), "2025-12-31");
}

TEST(SwedishTimeTest, LocalToUtcRoundTripsAndResolvesTheSwitchHours) {
  for (std::int64_t t = kSpring2026 - 3 * kHour; t < kSpring2026 + 3 * kHour; t += 7 * kMinute) {
    EXPECT_EQ(FromSwedishLocal(ToSwedishLocal(t)), t - t % kSecond) << t;
  }
  // Local midnight of a summer day is 22:00 UTC the day before.
  EXPECT_EQ(FromSwedishLocal({.year = 2026, .month = 7, .day = 15}), 1784066400 * kSecond);
  // 02:30 on the spring switch does not exist: read as winter time (01:30 UTC).
  EXPECT_EQ(FromSwedishLocal({.year = 2026, .month = 3, .day = 29, .hour = 2, .minute = 30}),
            kSpring2026 + 30 * kMinute);
  // 02:30 on the autumn switch happens twice: the first (summer time, 00:30 UTC).
  EXPECT_EQ(FromSwedishLocal({.year = 2026, .month = 10, .day = 25, .hour = 2, .minute = 30}),
            kAutumn2026 - 30 * kMinute);
}

TEST(SwedishTimeTest, DaysStartAtLocalMidnightAndAreNotAlways24Hours) {
  // 2026-07-15 21:30 UTC is 23:30 local: still the 15th, which began at 22:00 UTC on the 14th.
  EXPECT_EQ(StartOfSwedishDay(1784151000 * kSecond), 1784066400 * kSecond);
  // 22:30 UTC is 00:30 local on the 16th.
  EXPECT_EQ(StartOfSwedishDay(1784154600 * kSecond), 1784152800 * kSecond);
  EXPECT_EQ(StartOfNextSwedishDay({.year = 2026, .month = 7, .day = 15, .hour = 13}),
            1784152800 * kSecond);
  // The spring switch day (29 March 2026) has 23 hours, the autumn one (25 October) 25.
  const std::int64_t spring_day = FromSwedishLocal({.year = 2026, .month = 3, .day = 29});
  EXPECT_EQ(StartOfNextSwedishDay({.year = 2026, .month = 3, .day = 29}) - spring_day, 23 * kHour);
  const std::int64_t autumn_day = FromSwedishLocal({.year = 2026, .month = 10, .day = 25});
  EXPECT_EQ(StartOfNextSwedishDay({.year = 2026, .month = 10, .day = 25}) - autumn_day, 25 * kHour);
  // New Year's Eve rolls over the year.
  EXPECT_EQ(StartOfNextSwedishDay({.year = 2026, .month = 12, .day = 31}),
            FromSwedishLocal({.year = 2027, .month = 1, .day = 1}));
}

TEST(SwedishTimeTest, ParseIsoDate) {
  EXPECT_EQ(ParseIsoDate("2026-02-28"), (SwedishLocalTime{.year = 2026, .month = 2, .day = 28}));
  EXPECT_FALSE(ParseIsoDate("2026-02-29"));
  EXPECT_TRUE(ParseIsoDate("2028-02-29"));
  EXPECT_FALSE(ParseIsoDate("2026-13-01"));
  EXPECT_FALSE(ParseIsoDate("2026-1-01"));
  EXPECT_FALSE(ParseIsoDate("26-01-011"));
  EXPECT_FALSE(ParseIsoDate("1969-12-31"));
  EXPECT_FALSE(ParseIsoDate("2026-01-0x"));
  EXPECT_FALSE(ParseIsoDate(""));
}

}  // namespace
}  // namespace fyren::base
