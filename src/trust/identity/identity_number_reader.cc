#include "trust/identity/identity_number_reader.h"

#include <cstddef>
#include <tuple>

#include "trust/identity/luhn.h"

namespace fyren::trust::identity {

namespace {

using Problem = IdentityNumberProblem;

// The longest accepted text is 12 digits, a three-byte dash and some padding; anything past
// this is refused before it is scanned, so no input costs more than a few dozen steps.
constexpr std::size_t kMaxInputBytes = 64;

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view TrimAsciiSpace(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Word processors turn a typed hyphen into one of these; a pasted number should still be read.
// Returns the byte length of the UTF-8 sequence at text[i] when it is U+2010..U+2014 (hyphen,
// non-breaking hyphen, figure dash, en dash, em dash), U+2212 (minus sign) or U+FF0D (fullwidth
// hyphen-minus); otherwise 0.
std::size_t UnicodeDashLength(std::string_view text, std::size_t i) {
  if (i + 3 > text.size()) return 0;
  const auto b0 = static_cast<unsigned char>(text[i]);
  const auto b1 = static_cast<unsigned char>(text[i + 1]);
  const auto b2 = static_cast<unsigned char>(text[i + 2]);
  if (b0 == 0xE2 && b1 == 0x80 && b2 >= 0x90 && b2 <= 0x94) return 3;
  if (b0 == 0xE2 && b1 == 0x88 && b2 == 0x92) return 3;
  if (b0 == 0xEF && b1 == 0xBC && b2 == 0x8D) return 3;
  return 0;
}

struct Shape {
  std::array<char, 12> digits{};  // the first 12 digits read; `count` says how many there were
  std::size_t count = 0;
  char separator = '\0';  // '\0', '-' or '+'
  std::optional<Problem> problem;
};

Shape ReadShape(std::string_view input) {
  Shape shape;
  const auto refuse = [&shape](Problem problem) {
    shape.problem = problem;
    return shape;
  };
  if (input.size() > kMaxInputBytes) return refuse(Problem::kBadLength);
  const std::string_view text = TrimAsciiSpace(input);
  if (text.empty()) return refuse(Problem::kEmpty);

  std::size_t digits_before_separator = 0;
  bool repeated_separator = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      if (shape.count < shape.digits.size()) shape.digits[shape.count] = c;
      ++shape.count;
      ++i;
      continue;
    }
    const std::size_t dash = (c == '-' || c == '+') ? 1 : UnicodeDashLength(text, i);
    if (dash == 0) return refuse(Problem::kBadCharacters);
    if (shape.separator != '\0') {
      repeated_separator = true;
    } else {
      shape.separator = c == '+' ? '+' : '-';
      digits_before_separator = shape.count;
    }
    i += dash;
  }

  if (shape.count != 10 && shape.count != 12) return refuse(Problem::kBadLength);
  if (repeated_separator) return refuse(Problem::kBadSeparator);
  if (shape.separator != '\0' && digits_before_separator != shape.count - 4) {
    return refuse(Problem::kBadSeparator);
  }
  // `+` marks age in the 10-digit form only; the 12-digit form already names the century.
  if (shape.separator == '+' && shape.count == 12) return refuse(Problem::kBadSeparator);
  return shape;
}

int TwoDigits(const char* p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

// The written day of a samordningsnummer is the real day plus 60.
int RealDay(int written_day) { return written_day > 60 ? written_day - 60 : written_day; }

struct Ymd {
  int year;
  int month;
  int day;
};

Ymd DateOf(const NormalisedDigits& digits) {
  return Ymd{.year = TwoDigits(&digits[0]) * 100 + TwoDigits(&digits[2]),
             .month = TwoDigits(&digits[4]),
             .day = RealDay(TwoDigits(&digits[6]))};
}

std::chrono::year_month_day ToChrono(const Ymd& date) {
  return std::chrono::year_month_day{std::chrono::year{date.year},
                                     std::chrono::month{static_cast<unsigned>(date.month)},
                                     std::chrono::day{static_cast<unsigned>(date.day)}};
}

// Lexicographic, so it also works for month/day values that are not a calendar date.
bool IsAfter(const Ymd& date, const std::chrono::year_month_day& today) {
  return std::tuple(date.year, date.month, date.day) >
         std::tuple(static_cast<int>(today.year()), static_cast<int>(unsigned{today.month()}),
                    static_cast<int>(unsigned{today.day()}));
}

// The birth year for the 10-digit form YYMMDD, by the rules at IdentityNumber::Parse. The `-`
// case keeps a person whose 100th birthday is later this year (the law moves them to `+` on
// 1 January of that year, but the only other reading would be a future date, so the number is
// unambiguous, and people copy it from older documents).
int ResolveBirthYear(int yy, int month, int day, char separator,
                     const std::chrono::year_month_day& today) {
  const int this_year = static_cast<int>(today.year());
  const int latest = this_year - ((this_year % 100 - yy + 100) % 100);
  if (separator == '+') return latest - 100;
  const bool after_today = IsAfter(Ymd{.year = latest, .month = month, .day = day}, today);
  return after_today ? latest - 100 : latest;
}

// The checks every normalised number passes. `today` is nullopt when reading from storage.
std::optional<Problem> Check(const NormalisedDigits& digits,
                             const std::optional<std::chrono::year_month_day>& today) {
  const int century = TwoDigits(&digits[0]);
  if (century < 18 || century > 20) return Problem::kBadCentury;
  const Ymd date = DateOf(digits);
  if (!ToChrono(date).ok()) return Problem::kBadDate;
  if (today.has_value() && IsAfter(date, *today)) return Problem::kFutureDate;
  if (digits[8] == '0' && digits[9] == '0' && digits[10] == '0') return Problem::kBadBirthNumber;
  if (LuhnCheckDigit(std::string_view(&digits[2], 9)) != digits[11] - '0') {
    return Problem::kBadChecksum;
  }
  return std::nullopt;
}

}  // namespace

DigitsReading ReadIdentityDigits(std::string_view input, const ParseOptions& options) {
  const Shape shape = ReadShape(input);
  if (shape.problem) return DigitsReading{.digits = {}, .problem = shape.problem};

  NormalisedDigits digits{};
  if (shape.count == 12) {
    digits = shape.digits;
  } else {
    const int year =
        ResolveBirthYear(TwoDigits(&shape.digits[0]), TwoDigits(&shape.digits[2]),
                         RealDay(TwoDigits(&shape.digits[4])), shape.separator, options.today);
    // Only a nonsensical `today` can push this outside 1800-2099; Check() then refuses it.
    if (year < 0 || year > 9999)
      return DigitsReading{.digits = {}, .problem = Problem::kBadCentury};
    digits[0] = static_cast<char>('0' + year / 1000);
    digits[1] = static_cast<char>('0' + year / 100 % 10);
    for (std::size_t i = 0; i < 10; ++i) digits[i + 2] = shape.digits[i];
  }
  const auto today = options.allow_synthetic_future_dates
                         ? std::nullopt
                         : std::optional<std::chrono::year_month_day>(options.today);
  return DigitsReading{.digits = digits, .problem = Check(digits, today)};
}

DigitsReading CheckNormalisedDigits(std::string_view twelve_digits) {
  if (twelve_digits.size() != 12)
    return DigitsReading{.digits = {}, .problem = Problem::kBadLength};
  NormalisedDigits digits{};
  for (std::size_t i = 0; i < 12; ++i) {
    const char c = twelve_digits[i];
    if (c < '0' || c > '9') return DigitsReading{.digits = {}, .problem = Problem::kBadCharacters};
    digits[i] = c;
  }
  // No comparison with today: a stored number does not become wrong as time passes.
  return DigitsReading{.digits = digits, .problem = Check(digits, std::nullopt)};
}

std::chrono::year_month_day BirthDateOf(const NormalisedDigits& digits) {
  return ToChrono(DateOf(digits));
}

bool IsSamordningsnummer(const NormalisedDigits& digits) { return TwoDigits(&digits[6]) > 60; }

}  // namespace fyren::trust::identity
