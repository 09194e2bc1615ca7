// Fuzzes the identity-number reader (trust/identity) with several "today"s, in production and
// demo mode. Invariants: no crash and no sanitizer report; an accepted number is 12 digits with
// century 18-20 and a calendar birth date, not after today in production; it reads back from its
// normalised form, as input and from storage, to the same digits; what production accepts, demo
// mode accepts identically; every refusal has a message in both locales.
//
// The libFuzzer build (clang 14) has no <expected>, so it exercises identity_number_reader.h, the
// code behind IdentityNumber::Parse; the g++ replay build also checks IdentityNumber itself.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "trust/identity/identity_number_problem.h"
#include "trust/identity/identity_number_reader.h"
#if defined(__cpp_concepts) && __cpp_concepts >= 202002L
#define FYREN_FUZZ_PUBLIC_API 1
#include "trust/identity/identity_number.h"
#endif

namespace {

using fyren::trust::identity::DigitsReading;
using fyren::trust::identity::ParseOptions;
namespace identity = fyren::trust::identity;

std::string_view View(const identity::NormalisedDigits& digits) {
  return {digits.data(), digits.size()};
}

void Require(bool condition) {
  if (!condition) std::abort();
}

void CheckAccepted(const DigitsReading& reading, const ParseOptions& options) {
  for (const char c : reading.digits) Require(c >= '0' && c <= '9');
  Require(reading.digits[0] == '1' || reading.digits[0] == '2');
  const auto birth = identity::BirthDateOf(reading.digits);
  Require(birth.ok());
  Require(birth.year() >= std::chrono::year{1800} && birth.year() <= std::chrono::year{2099});
  if (!options.allow_synthetic_future_dates) Require(birth <= options.today);

  const DigitsReading stored = identity::CheckNormalisedDigits(View(reading.digits));
  Require(!stored.problem && stored.digits == reading.digits);
  const DigitsReading again = identity::ReadIdentityDigits(View(reading.digits), options);
  Require(!again.problem && again.digits == reading.digits);
}

void CheckOne(std::string_view text, const ParseOptions& production) {
  ParseOptions demo = production;
  demo.allow_synthetic_future_dates = true;
  const DigitsReading in_production = identity::ReadIdentityDigits(text, production);
  const DigitsReading in_demo = identity::ReadIdentityDigits(text, demo);

  if (in_production.problem) {
    Require(!identity::Message(*in_production.problem, "sv").empty());
    Require(!identity::Message(*in_production.problem, "en").empty());
    Require(!identity::ToString(*in_production.problem).empty());
  } else {
    CheckAccepted(in_production, production);
    Require(!in_demo.problem && in_demo.digits == in_production.digits);
  }
  if (!in_demo.problem) CheckAccepted(in_demo, demo);

#ifdef FYREN_FUZZ_PUBLIC_API
  const auto parsed = identity::IdentityNumber::Parse(text, production);
  Require(parsed.has_value() == !in_production.problem);
  if (parsed) {
    Require(parsed->Digits() == View(in_production.digits));
    Require(parsed->Masked().substr(0, 8) == parsed->Digits().substr(0, 8));
    Require(parsed->BirthDate() == identity::BirthDateOf(in_production.digits));
    Require(identity::IdentityNumber::FromDigits(parsed->Digits()) == parsed);
  } else {
    Require(parsed.error() == *in_production.problem);
  }
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  using std::chrono::year_month_day;
  // Around century and leap-day boundaries, and an ordinary day.
  static constexpr year_month_day kTodays[] = {
      {year{2025}, month{6}, day{15}},  {year{2000}, month{1}, day{1}},
      {year{1999}, month{12}, day{31}}, {year{2000}, month{2}, day{29}},
      {year{2099}, month{12}, day{31}}, {year{1900}, month{3}, day{1}},
  };
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const year_month_day& today : kTodays) {
    CheckOne(text, ParseOptions{.today = today, .allow_synthetic_future_dates = false});
  }
  return 0;
}
