#pragma once

#include <chrono>
#include <expected>
#include <iosfwd>
#include <string>
#include <string_view>

#include "base/result.h"
#include "trust/identity/identity_number_problem.h"
#include "trust/identity/identity_number_reader.h"

namespace fyren::trust::identity {

enum class IdentityNumberKind {
  kPersonnummer,       // assigned by Skatteverket to people who are or were folkbokförda
  kSamordningsnummer,  // coordination number: the day of the birth date plus 60
};

// A Swedish personnummer or samordningsnummer that passed every check: shape, a real calendar
// date, the century rules, birth number and Luhn check digit. Reserve numbers (reservnummer) are
// local formats and are not identity numbers here: the caller keeps them as plain alias text.
//
// An identity number is personal data. The type cannot be printed by accident: there is no
// stream or fmt output, no conversion to string and no accessor for the legal-gender digit
// (Fyren records gender separately and never derives it from this number). Digits() is the one
// way to the full number and exists for the blind index and encryption; Masked() is for showing
// the number to an authorised user, never for logs.
//
// A small immutable value (12 bytes); copyable; thread-safe to share.
class IdentityNumber {
 public:
  // Reads user input: `YYMMDD-NNNC`, `YYMMDDNNNC`, `YYMMDD+NNNC` (the person turns 100 or more
  // this year), `YYYYMMDDNNNC` or `YYYYMMDD-NNNC`. Surrounding ASCII whitespace is ignored;
  // inner whitespace is not. The hyphen may also be a Unicode hyphen, en dash, em dash or minus
  // sign as pasted from a word processor. Anything else fails with a specific problem. Work is
  // linear in the input and bounded: inputs longer than 64 bytes fail at once with kBadLength.
  //
  // Century of a 10-digit form (Skatteverket; 18 § folkbokföringslagen): with `-` or no
  // separator the person is under 100, so the birth year is the latest one ending in YY that
  // does not put the date after `today`; with `+` the person turns 100 or more this calendar
  // year, so the birth year is the one ending in YY between today's year - 199 and - 100.
  [[nodiscard]] static std::expected<IdentityNumber, IdentityNumberProblem> Parse(
      std::string_view input, const ParseOptions& options);

  // Rebuilds a number from its normalised form as read back from storage: exactly 12 digits,
  // century 18-20, a calendar date, birth number and check digit; the date is not compared with
  // today, since a stored number does not become wrong as time passes (and demo data holds
  // future dates).
  [[nodiscard]] static std::expected<IdentityNumber, IdentityNumberProblem> FromDigits(
      std::string_view twelve_digits);

  [[nodiscard]] IdentityNumberKind kind() const;

  // The birth date; for a samordningsnummer the real day (the written day minus 60).
  [[nodiscard]] std::chrono::year_month_day BirthDate() const;
  [[nodiscard]] int BirthYear() const;

  // The normalised form `YYYYMMDDNNNC`, 12 ASCII digits, valid as long as this object is.
  // FOR THE BLIND INDEX AND ENCRYPTION ONLY: never log, render or put it in an error.
  [[nodiscard]] std::string_view Digits() const { return {digits_.data(), digits_.size()}; }

  // `YYYYMMDD-XXXX`: the written date part (for a samordningsnummer the day plus 60, as the
  // number is written) with the last four digits hidden, for lists shown to authorised users.
  // Still personal data: not for logs.
  [[nodiscard]] std::string Masked() const;

  friend bool operator==(const IdentityNumber&, const IdentityNumber&) = default;

  // Deleted so that streaming a number fails to compile instead of leaking it.
  friend std::ostream& operator<<(std::ostream&, const IdentityNumber&) = delete;

 private:
  explicit IdentityNumber(const NormalisedDigits& digits) : digits_(digits) {}

  NormalisedDigits digits_;
};

// The base::Error a service returns for an identity-number field it could not accept:
// kInvalidInput with Message() in `locale`, "identity_number." + ToString() as the log detail,
// and `field`. Never contains the input.
[[nodiscard]] base::Error ToError(IdentityNumberProblem problem, std::string_view locale,
                                  std::string field);

}  // namespace fyren::trust::identity
