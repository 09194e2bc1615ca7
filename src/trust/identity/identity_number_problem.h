#pragma once

#include <string_view>

namespace fyren::trust::identity {

// Why a text is not an accepted identity number. The caller shows Message() in the user's
// locale; ToString() is a stable code name for logs and tests. Neither ever contains the input:
// an identity number is personal data and must not reach a log or an error page by way of an
// error message.
//
// Plain C++ without std::expected, like identity_number_reader.h, so the libFuzzer build
// (clang 14, for which libstdc++ 12 provides no <expected>) can compile it.
enum class IdentityNumberProblem {
  kEmpty,           // nothing but whitespace
  kBadCharacters,   // something other than digits, one separator and surrounding whitespace
  kBadLength,       // not 10 or 12 digits (or far too long an input)
  kBadSeparator,    // the separator is misplaced, repeated, or `+` in the 12-digit form
  kBadDate,         // the birth date is not a calendar date (samordningsnummer: day 61-91)
  kBadCentury,      // a 12-digit form whose century is not 18, 19 or 20
  kFutureDate,      // the birth date is after today (see ParseOptions for demo data)
  kBadBirthNumber,  // the three digits after the date are 000
  kBadChecksum,     // the last digit does not match the Luhn check digit
};

// A stable, lower-case code name such as "bad_checksum". Safe to log.
[[nodiscard]] std::string_view ToString(IdentityNumberProblem problem);

// A short sentence telling the user what to correct, in English when `locale` is "en" and in
// Swedish otherwise (Swedish is the default locale everywhere in Fyren). Static storage; never
// mentions the input.
[[nodiscard]] std::string_view Message(IdentityNumberProblem problem, std::string_view locale);

}  // namespace fyren::trust::identity
