#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string_view>

#include "trust/identity/identity_number_problem.h"

namespace fyren::trust::identity {

// The checking behind IdentityNumber::Parse and IdentityNumber::FromDigits. Services use
// IdentityNumber (identity_number.h); this layer exists without std::expected so the libFuzzer
// build (clang 14, for which libstdc++ 12 provides no <expected>) can compile and fuzz exactly
// the code that production runs. Pure functions; thread-safe.

struct ParseOptions {
  // The date the century of a 10-digit number is reckoned from and future birth dates are
  // judged against: the caller's "today" (from base::Clock), never a hidden clock. Must be ok().
  std::chrono::year_month_day today{};

  // Demo mode only. Demo and test data must use numbers no real person can hold, so Fyren's
  // synthetic numbers (synthetic_identity.h) carry a birth date in the future. In production
  // this is false and a future birth date is kFutureDate; a demo deployment sets it so its
  // synthetic people can be entered. Synthetic numbers must be written with 12 digits: a
  // 10-digit form always resolves to a date that is not in the future.
  bool allow_synthetic_future_dates = false;
};

// The normalised form YYYYMMDDNNNC: 12 ASCII digits, no separator.
using NormalisedDigits = std::array<char, 12>;

// Either the normalised digits of an accepted number (problem is nullopt) or why it was refused
// (digits are then unspecified).
struct DigitsReading {
  NormalisedDigits digits{};
  std::optional<IdentityNumberProblem> problem;
};

// Reads user input; the accepted forms, century rules and bounds are documented at
// IdentityNumber::Parse.
[[nodiscard]] DigitsReading ReadIdentityDigits(std::string_view input, const ParseOptions& options);

// Checks a stored normalised form; see IdentityNumber::FromDigits.
[[nodiscard]] DigitsReading CheckNormalisedDigits(std::string_view twelve_digits);

// For digits that passed one of the functions above: the birth date (for a samordningsnummer the
// written day minus 60) and whether the number is a samordningsnummer.
[[nodiscard]] std::chrono::year_month_day BirthDateOf(const NormalisedDigits& digits);
[[nodiscard]] bool IsSamordningsnummer(const NormalisedDigits& digits);

}  // namespace fyren::trust::identity
