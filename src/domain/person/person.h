#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/strong_id.h"

namespace fyren::person {

struct PersonTag {};
using PersonId = base::StrongId<PersonTag>;

// How a person is identified (DESIGN.md, Tenancy): a Swedish personnummer or samordningsnummer
// (validated, date + Luhn), a local reserve number, or only an alias for someone anonymous.
enum class IdentityKind { kPersonnummer, kSamordningsnummer, kReserve, kAlias };

// Recorded with more than two options or not at all (DOMAIN.md, norm-critical).
enum class Gender { kWoman, kMan, kNonBinary, kOther, kNotStated };

// Why emergency access (nödåtkomst) was needed; the free text says the rest.
enum class EmergencyReason { kImmediateDanger, kUrgentSupport, kColleagueAbsent, kOther };

[[nodiscard]] std::string_view ToString(IdentityKind kind);
[[nodiscard]] std::string_view ToString(Gender gender);
[[nodiscard]] std::string_view ToString(EmergencyReason reason);
[[nodiscard]] std::optional<IdentityKind> ParseIdentityKind(std::string_view code);
[[nodiscard]] std::optional<Gender> ParseGender(std::string_view code);
[[nodiscard]] std::optional<EmergencyReason> ParseEmergencyReason(std::string_view code);

// A problem with one field of a form or JSON body. `code` is stable ("given_name.too_long",
// "identity_number.bad_checksum") so pages can translate it; `message` is plain English for the
// API. Neither ever contains the value that was typed.
struct FieldProblem {
  std::string field;
  std::string code;
  std::string message;
};

// What a user typed to register a person, as text; the service validates all of it and reports
// every problem at once (GOV.UK: one error summary listing each field).
struct PersonInput {
  // "number" (personnummer or samordningsnummer, told apart by the number), "reserve" or "alias".
  std::string identity_kind{};
  std::string identity_number{};  // the number or reserve number; ignored for "alias"
  std::string given_name{};
  std::string family_name{};
  std::string alias{};
  std::string birth_year{};  // required unless an identity number gives the full date
  std::string gender{};      // a Gender code; empty means not stated
  std::string languages{};   // language codes separated by commas or spaces, e.g. "sv, ro"
  bool interpreter_needed = false;
  bool protected_identity = false;
  std::string phone{};
  std::string email{};
  std::string address{};
};

// A change to an existing person. The identity number and its kind are not changed here (a wrong
// number is corrected by registering anew and merging, later); everything else is replaced.
struct PersonChange {
  std::string given_name{};
  std::string family_name{};
  std::string alias{};
  std::string birth_year{};
  std::string gender{};
  std::string languages{};
  bool interpreter_needed = false;
  bool protected_identity = false;
  std::string phone{};
  std::string email{};
  std::string address{};
  std::int64_t expected_version = 0;  // the version the user edited (optimistic concurrency)
};

// One row of a list or a search hit: never a name, only initials (DESIGN.md: names hidden in
// lists). `readable` is false for a match the actor may not open (outside the case team); then
// only the public id is filled, so the user can ask for emergency access. A protected person the
// actor is not named for appears with an empty public id too.
struct PersonSummary {
  std::string public_id;
  std::string initials;
  std::optional<int> birth_year;
  bool readable = false;
  bool protected_identity = false;
};

struct TeamMember {
  std::string username;
  std::string display_name;
  bool on_team = true;
  bool named_for_protected = false;
};

// One person as the details page and the API show it. When `identity_masked` is true (a
// protected identity and the actor is not on the named-staff list) every identity field (names,
// alias, number, contact details) is empty and was never decrypted.
struct PersonRecord {
  PersonId id;
  std::string public_id;
  base::OrganisationId owning_authority;
  IdentityKind identity_kind = IdentityKind::kAlias;
  // The number as shown: "YYYYMMDD-XXXX" by default, the full "YYYYMMDD-NNNN" after a reveal.
  // Empty for an alias or when masked.
  std::string identity_number;
  bool identity_revealed = false;
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
  std::int64_t version = 1;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;

  bool identity_masked = false;       // see above
  bool via_emergency_access = false;  // the actor sees it through a grant, not the team
  std::optional<std::int64_t> emergency_expires_at;
  bool actor_named_for_protected = false;
  std::vector<TeamMember> team;
};

// The result of a register or update: either problems (nothing was written) or the saved
// person's public id and version. `duplicates` holds the persons of the same authority with the
// same identity number when that was the problem.
struct WriteOutcome {
  std::vector<FieldProblem> problems;
  std::vector<PersonSummary> duplicates;
  std::string public_id;
  std::int64_t version = 0;

  [[nodiscard]] bool ok() const { return problems.empty(); }
};

// The result of a search: problems with the query (nothing was searched) or the matches.
struct SearchOutcome {
  std::vector<FieldProblem> problems;
  std::vector<PersonSummary> matches;
};

// The result of asking for emergency access: problems with the reason (nothing was granted) or
// the grant's expiry.
struct GrantOutcome {
  std::vector<FieldProblem> problems;
  std::string public_id;
  std::int64_t expires_at = 0;  // µs since the epoch
};

// "A. B." from a given and family name (first letter of each, upper case); "–" when both are
// empty. Works on UTF-8 (Å, Ö, ...).
[[nodiscard]] std::string InitialsOf(std::string_view given_name, std::string_view family_name);

}  // namespace fyren::person
