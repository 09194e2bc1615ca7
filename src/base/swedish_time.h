#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fyren::base {

// Swedish local time (Europe/Stockholm) without a time-zone database: g++ 12 has no std::chrono
// tzdb, and Sweden follows the EU rule since 1996. CET (UTC+1) in winter; CEST (UTC+2) from the
// last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC. Times before 1996 are
// shown by the same rule, which is wrong for them but none are stored. If the EU abolishes the
// change, this file is the one place to update. Pure functions; thread-safe.

// True when `unix_us` (microseconds since the epoch, UTC) falls in summer time.
[[nodiscard]] bool IsSwedishSummerTime(std::int64_t unix_us);

// Seconds to add to UTC for Swedish local time at `unix_us`: 3600 or 7200.
[[nodiscard]] std::int64_t SwedishUtcOffsetSeconds(std::int64_t unix_us);

// A wall-clock reading in Sweden.
struct SwedishLocalTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool operator==(const SwedishLocalTime&) const = default;
};

[[nodiscard]] SwedishLocalTime ToSwedishLocal(std::int64_t unix_us);

// The instant a local wall-clock time names, in microseconds since the epoch. A time that does
// not exist (02:00–02:59 on the spring switch) is read as winter time; one that occurs twice
// (02:00–02:59 on the autumn switch) as its first (summer) occurrence.
[[nodiscard]] std::int64_t FromSwedishLocal(const SwedishLocalTime& local);

// Local midnight at the start of the Swedish calendar day that holds `unix_us`.
[[nodiscard]] std::int64_t StartOfSwedishDay(std::int64_t unix_us);

// Local midnight at the start of the calendar day after `date` (its time of day is ignored): the
// end of that day, for "valid through" dates. A Swedish day is 23, 24 or 25 hours long, so this is
// not the start of `date` plus 24 hours.
[[nodiscard]] std::int64_t StartOfNextSwedishDay(const SwedishLocalTime& date);

// "2026-03-29 14:05" (ISO 8601 date, 24-hour clock, as written in Sweden) and "2026-03-29".
[[nodiscard]] std::string FormatSwedishDateTime(std::int64_t unix_us);
[[nodiscard]] std::string FormatSwedishDate(std::int64_t unix_us);

// Parses "YYYY-MM-DD" (a real calendar date, years 1970..9999); nullopt for anything else.
[[nodiscard]] std::optional<SwedishLocalTime> ParseIsoDate(std::string_view text);

}  // namespace fyren::base
