#include "base/swedish_time.h"

#include <chrono>
#include <string>

namespace fyren::base {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;

// Seconds since the epoch of 01:00 UTC on the last Sunday of `month` in `year`: both EU switches
// happen at that instant (March: to summer time, October: back to winter time).
std::int64_t SwitchAt(int year, std::chrono::month month) {
  const std::chrono::sys_days day{std::chrono::year{year} / month /
                                  std::chrono::Sunday[std::chrono::last]};
  return static_cast<std::int64_t>(day.time_since_epoch().count()) * kSecondsPerDay + 3600;
}

// Floor division, so instants before the epoch land on the right day.
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int YearOf(std::int64_t unix_seconds) {
  const std::chrono::sys_days day{std::chrono::days{FloorDiv(unix_seconds, kSecondsPerDay)}};
  return static_cast<int>(std::chrono::year_month_day{day}.year());
}

// `value` in `width` digits, zero-padded (pages show many dates; snprintf was a measurable part
// of rendering a 50-row queue).
void AppendDigits(std::string& out, int value, int width) {
  char digits[12];
  int n = 0;
  unsigned rest = value < 0 ? 0U : static_cast<unsigned>(value);
  do {
    digits[n++] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  } while (rest != 0 && n < 11);
  for (int pad = n; pad < width; ++pad) out += '0';
  while (n > 0) out += digits[--n];
}

void AppendDate(std::string& out, const SwedishLocalTime& t) {
  AppendDigits(out, t.year, 4);
  out += '-';
  AppendDigits(out, t.month, 2);
  out += '-';
  AppendDigits(out, t.day, 2);
}

}  // namespace

bool IsSwedishSummerTime(std::int64_t unix_us) {
  const std::int64_t seconds = FloorDiv(unix_us, kMicrosPerSecond);
  const int year = YearOf(seconds);
  return seconds >= SwitchAt(year, std::chrono::March) &&
         seconds < SwitchAt(year, std::chrono::October);
}

std::int64_t SwedishUtcOffsetSeconds(std::int64_t unix_us) {
  return IsSwedishSummerTime(unix_us) ? 7200 : 3600;
}

SwedishLocalTime ToSwedishLocal(std::int64_t unix_us) {
  const std::int64_t local = FloorDiv(unix_us, kMicrosPerSecond) + SwedishUtcOffsetSeconds(unix_us);
  const std::int64_t days = FloorDiv(local, kSecondsPerDay);
  const std::int64_t in_day = local - days * kSecondsPerDay;
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  return SwedishLocalTime{.year = static_cast<int>(ymd.year()),
                          .month = static_cast<int>(static_cast<unsigned>(ymd.month())),
                          .day = static_cast<int>(static_cast<unsigned>(ymd.day())),
                          .hour = static_cast<int>(in_day / 3600),
                          .minute = static_cast<int>(in_day / 60 % 60),
                          .second = static_cast<int>(in_day % 60)};
}

std::int64_t FromSwedishLocal(const SwedishLocalTime& local) {
  const std::chrono::sys_days day{std::chrono::year{local.year} /
                                  std::chrono::month{static_cast<unsigned>(local.month)} /
                                  std::chrono::day{static_cast<unsigned>(local.day)}};
  const std::int64_t wall =
      static_cast<std::int64_t>(day.time_since_epoch().count()) * kSecondsPerDay +
      local.hour * 3600 + local.minute * 60 + local.second;
  // Try summer time first: if the instant it gives is in summer time, the reading is consistent.
  const std::int64_t as_summer = wall - 7200;
  if (IsSwedishSummerTime(as_summer * kMicrosPerSecond)) return as_summer * kMicrosPerSecond;
  return (wall - 3600) * kMicrosPerSecond;
}

std::int64_t StartOfSwedishDay(std::int64_t unix_us) {
  SwedishLocalTime local = ToSwedishLocal(unix_us);
  local.hour = local.minute = local.second = 0;
  return FromSwedishLocal(local);
}

std::int64_t StartOfNextSwedishDay(const SwedishLocalTime& date) {
  const std::chrono::year_month_day next{
      std::chrono::sys_days{std::chrono::year{date.year} /
                            std::chrono::month{static_cast<unsigned>(date.month)} /
                            std::chrono::day{static_cast<unsigned>(date.day)}} +
      std::chrono::days{1}};
  return FromSwedishLocal(
      SwedishLocalTime{.year = static_cast<int>(next.year()),
                       .month = static_cast<int>(static_cast<unsigned>(next.month())),
                       .day = static_cast<int>(static_cast<unsigned>(next.day()))});
}

std::string FormatSwedishDateTime(std::int64_t unix_us) {
  const SwedishLocalTime t = ToSwedishLocal(unix_us);
  std::string out;
  out.reserve(16);
  AppendDate(out, t);
  out += ' ';
  AppendDigits(out, t.hour, 2);
  out += ':';
  AppendDigits(out, t.minute, 2);
  return out;
}

std::string FormatSwedishDate(std::int64_t unix_us) {
  std::string out;
  AppendDate(out, ToSwedishLocal(unix_us));
  return out;
}

std::optional<SwedishLocalTime> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto number = [&](std::size_t from, std::size_t length) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const auto year = number(0, 4);
  const auto month = number(5, 2);
  const auto day = number(8, 2);
  if (!year || !month || !day || *year < 1970) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*year},
                                        std::chrono::month{static_cast<unsigned>(*month)},
                                        std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  return SwedishLocalTime{.year = *year, .month = *month, .day = *day};
}

}  // namespace fyren::base
