#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/person/person.h"

namespace fyren::person {

// The rules for a person's fields, as pure functions (no database, no clock of their own), so
// they can be tested table-driven and the service stays about access and audit.

struct ValidationContext {
  std::chrono::year_month_day today{};
  // Demo mode: accept the synthetic future-dated numbers of trust/identity/synthetic_identity.h.
  bool allow_synthetic_identity_numbers = false;
};

// Validated plaintext, ready to seal. Text fields are trimmed; empty means "not given".
struct ValidPerson {
  IdentityKind identity_kind = IdentityKind::kAlias;
  // For a personnummer/samordningsnummer the 12 normalised digits; for a reserve number the
  // upper-cased text. Empty for an alias.
  std::string identity_value;
  std::string given_name;
  std::string family_name;
  std::string alias;
  std::optional<int> birth_year;
  Gender gender = Gender::kNotStated;
  std::vector<std::string> languages;
  bool interpreter_needed = false;
  bool protected_identity = false;
  std::string phone;
  std::string email;
  std::string address;
};

struct Validated {
  ValidPerson person;
  std::vector<FieldProblem> problems;  // every problem found, in form order
};

[[nodiscard]] Validated ValidateNewPerson(const PersonInput& input,
                                          const ValidationContext& context);

// For a change to a stored person of `kind`: a number-identified person keeps the birth year of
// the number (`number_birth_year`), the others must give one.
[[nodiscard]] Validated ValidatePersonChange(const PersonChange& change, IdentityKind kind,
                                             std::optional<int> number_birth_year,
                                             const ValidationContext& context);

// What a search box holds: a personnummer/samordningsnummer (12 normalised digits) or a reserve
// number (upper-cased), or a problem for field "query".
struct SearchKey {
  IdentityKind kind = IdentityKind::kPersonnummer;
  std::string value;
  std::optional<FieldProblem> problem;
};
[[nodiscard]] SearchKey ParseSearchKey(std::string_view query, const ValidationContext& context);

// Emergency-access reason: a category code and a free text of 10–1000 characters.
[[nodiscard]] std::vector<FieldProblem> ValidateEmergencyReason(std::string_view category,
                                                                std::string_view text);

// Languages as stored (sealed): codes joined by ','.
[[nodiscard]] std::string JoinLanguages(const std::vector<std::string>& languages);
[[nodiscard]] std::vector<std::string> SplitLanguages(std::string_view stored);

// "YYYYMMDD-NNNN" from 12 normalised digits; a reserve number as it is.
[[nodiscard]] std::string FormatIdentity(IdentityKind kind, std::string_view value);
// The masked form: "YYYYMMDD-XXXX" for a number, the first two characters and "…" for a reserve
// number.
[[nodiscard]] std::string MaskIdentity(IdentityKind kind, std::string_view value);

}  // namespace fyren::person
