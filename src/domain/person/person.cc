#include "domain/person/person.h"

#include <array>
#include <utility>

#include "base/utf8.h"

namespace fyren::person {
namespace {

template <typename E, std::size_t N>
std::optional<E> Find(const std::array<std::pair<E, std::string_view>, N>& codes,
                      std::string_view code) {
  for (const auto& [value, text] : codes) {
    if (text == code) return value;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view Name(const std::array<std::pair<E, std::string_view>, N>& codes, E value) {
  for (const auto& [candidate, text] : codes) {
    if (candidate == value) return text;
  }
  return "unknown";
}

// The codes are stored in the database (CHECK constraints in migrations/*/0005_persons.sql).
constexpr std::array<std::pair<IdentityKind, std::string_view>, 4> kIdentityKinds{{
    {IdentityKind::kPersonnummer, "personnummer"},
    {IdentityKind::kSamordningsnummer, "samordningsnummer"},
    {IdentityKind::kReserve, "reserve"},
    {IdentityKind::kAlias, "alias"},
}};
constexpr std::array<std::pair<Gender, std::string_view>, 5> kGenders{{
    {Gender::kWoman, "woman"},
    {Gender::kMan, "man"},
    {Gender::kNonBinary, "non_binary"},
    {Gender::kOther, "other"},
    {Gender::kNotStated, "not_stated"},
}};
constexpr std::array<std::pair<EmergencyReason, std::string_view>, 4> kReasons{{
    {EmergencyReason::kImmediateDanger, "immediate_danger"},
    {EmergencyReason::kUrgentSupport, "urgent_support"},
    {EmergencyReason::kColleagueAbsent, "colleague_absent"},
    {EmergencyReason::kOther, "other"},
}};

// The first character of `name` in upper case: ASCII letters and the Latin-1 lower-case letters
// (å, ä, ö, é, ...; UTF-8 C3 A0..BE except ÷) are mapped; anything else is kept as it is.
std::string FirstUpper(std::string_view name) {
  std::size_t start = 0;
  while (start < name.size() && (name[start] == ' ' || name[start] == '\t')) ++start;
  if (start >= name.size()) return {};
  const std::size_t length = base::Utf8SequenceLength(name, start);
  if (length == 0) return {};
  std::string first(name.substr(start, length));
  if (first.size() == 1 && first[0] >= 'a' && first[0] <= 'z') {
    first[0] = static_cast<char>(first[0] - 'a' + 'A');
  } else if (first.size() == 2 && static_cast<unsigned char>(first[0]) == 0xC3) {
    const auto second = static_cast<unsigned char>(first[1]);
    if (second >= 0xA0 && second <= 0xBE && second != 0xB7) {
      first[1] = static_cast<char>(second - 0x20);
    }
  }
  return first;
}

}  // namespace

std::string_view ToString(IdentityKind kind) { return Name(kIdentityKinds, kind); }
std::string_view ToString(Gender gender) { return Name(kGenders, gender); }
std::string_view ToString(EmergencyReason reason) { return Name(kReasons, reason); }
std::optional<IdentityKind> ParseIdentityKind(std::string_view code) {
  return Find(kIdentityKinds, code);
}
std::optional<Gender> ParseGender(std::string_view code) { return Find(kGenders, code); }
std::optional<EmergencyReason> ParseEmergencyReason(std::string_view code) {
  return Find(kReasons, code);
}

std::string InitialsOf(std::string_view given_name, std::string_view family_name) {
  const std::string given = FirstUpper(given_name);
  const std::string family = FirstUpper(family_name);
  if (given.empty() && family.empty()) return "–";
  std::string out;
  if (!given.empty()) out += given + ".";
  if (!family.empty()) {
    if (!out.empty()) out += " ";
    out += family + ".";
  }
  return out;
}

}  // namespace fyren::person
