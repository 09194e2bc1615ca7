#include "trust/identity/identity_number.h"

#include <utility>

namespace fyren::trust::identity {

std::expected<IdentityNumber, IdentityNumberProblem> IdentityNumber::Parse(
    std::string_view input, const ParseOptions& options) {
  const DigitsReading reading = ReadIdentityDigits(input, options);
  if (reading.problem) return std::unexpected(*reading.problem);
  return IdentityNumber(reading.digits);
}

std::expected<IdentityNumber, IdentityNumberProblem> IdentityNumber::FromDigits(
    std::string_view twelve_digits) {
  const DigitsReading reading = CheckNormalisedDigits(twelve_digits);
  if (reading.problem) return std::unexpected(*reading.problem);
  return IdentityNumber(reading.digits);
}

IdentityNumberKind IdentityNumber::kind() const {
  return IsSamordningsnummer(digits_) ? IdentityNumberKind::kSamordningsnummer
                                      : IdentityNumberKind::kPersonnummer;
}

std::chrono::year_month_day IdentityNumber::BirthDate() const { return BirthDateOf(digits_); }

int IdentityNumber::BirthYear() const { return static_cast<int>(BirthDate().year()); }

std::string IdentityNumber::Masked() const {
  std::string masked(digits_.data(), 8);
  masked += "-XXXX";
  return masked;
}

base::Error ToError(IdentityNumberProblem problem, std::string_view locale, std::string field) {
  return base::Error{.code = base::ErrorCode::kInvalidInput,
                     .message = std::string(Message(problem, locale)),
                     .detail = "identity_number." + std::string(ToString(problem)),
                     .field = std::move(field)};
}

}  // namespace fyren::trust::identity
