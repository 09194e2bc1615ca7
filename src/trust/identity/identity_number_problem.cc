#include "trust/identity/identity_number_problem.h"

namespace fyren::trust::identity {

namespace {

struct Texts {
  std::string_view code;
  std::string_view sv;
  std::string_view en;
};

Texts TextsFor(IdentityNumberProblem problem) {
  using enum IdentityNumberProblem;
  switch (problem) {
    case kEmpty:
      return {"empty", "Skriv ett person- eller samordningsnummer.",
              "Enter a personal identity number or coordination number."};
    case kBadCharacters:
      return {"bad_characters",
              "Numret får bara innehålla siffror och ett bindestreck eller plustecken.",
              "The number may contain only digits and one hyphen or plus sign."};
    case kBadLength:
      return {"bad_length", "Numret ska ha 10 siffror (ÅÅMMDD-NNNN) eller 12 (ÅÅÅÅMMDDNNNN).",
              "The number must have 10 digits (YYMMDD-NNNN) or 12 (YYYYMMDDNNNN)."};
    case kBadSeparator:
      return {"bad_separator",
              "Bindestreck eller plustecken får bara stå före de fyra sista siffrorna; "
              "plustecken används bara med 10 siffror.",
              "A hyphen or plus sign may only stand before the last four digits; "
              "a plus sign is used only with 10 digits."};
    case kBadDate:
      return {"bad_date",
              "Födelsedatumet finns inte i kalendern (i ett samordningsnummer är dagen "
              "ökad med 60).",
              "The birth date is not a calendar date (in a coordination number the day is "
              "increased by 60)."};
    case kBadCentury:
      return {"bad_century", "Ett tolvsiffrigt nummer ska börja med 18, 19 eller 20.",
              "A 12-digit number must begin with 18, 19 or 20."};
    case kFutureDate:
      return {"future_date", "Födelsedatumet ligger i framtiden.",
              "The birth date is in the future."};
    case kBadBirthNumber:
      return {"bad_birth_number", "Siffrorna efter födelsedatumet kan inte vara 000.",
              "The digits after the birth date cannot be 000."};
    case kBadChecksum:
      return {"bad_checksum", "Kontrollsiffran stämmer inte. Kontrollera att alla siffror är rätt.",
              "The check digit does not match. Check that every digit is correct."};
  }
  return {"unknown", "Numret är inte ett giltigt person- eller samordningsnummer.",
          "The number is not a valid personal identity number or coordination number."};
}

}  // namespace

std::string_view ToString(IdentityNumberProblem problem) { return TextsFor(problem).code; }

std::string_view Message(IdentityNumberProblem problem, std::string_view locale) {
  const Texts texts = TextsFor(problem);
  return locale == "en" ? texts.en : texts.sv;
}

}  // namespace fyren::trust::identity
