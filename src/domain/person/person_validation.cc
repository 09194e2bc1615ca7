#include "domain/person/person_validation.h"

#include <charconv>

#include "base/utf8.h"
#include "trust/identity/identity_number.h"

namespace fyren::person {
namespace {

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxPhone = 40;
constexpr std::size_t kMaxEmail = 254;
constexpr std::size_t kMaxAddress = 300;
constexpr std::size_t kMaxReserve = 32;
constexpr std::size_t kMaxLanguages = 10;
constexpr std::size_t kMinReason = 10;
constexpr std::size_t kMaxReason = 1000;

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

void Add(std::vector<FieldProblem>& problems, std::string field, std::string code,
         std::string message) {
  problems.push_back(FieldProblem{
      .field = std::move(field), .code = std::move(code), .message = std::move(message)});
}

bool HasControl(std::string_view text, bool allow_newline) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (allow_newline && (c == '\n' || c == '\r')) continue;
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

std::size_t CodePoints(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

// Free text of at most `max` characters: valid UTF-8, no control characters.
void CheckText(std::vector<FieldProblem>& problems, std::string_view field, std::string_view text,
               std::size_t max, bool allow_newline = false) {
  if (!base::IsValidUtf8(text) || HasControl(text, allow_newline)) {
    Add(problems, std::string(field), std::string(field) + ".invalid",
        "Remove the special characters.");
  } else if (CodePoints(text) > max) {
    Add(problems, std::string(field), std::string(field) + ".too_long",
        "Use at most " + std::to_string(max) + " characters.");
  }
}

bool IsReserveNumber(std::string_view text) {
  if (text.empty() || text.size() > kMaxReserve) return false;
  for (const char c : text) {
    const bool ok =
        (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

void CheckBirthYear(std::vector<FieldProblem>& problems, std::string_view text,
                    const ValidationContext& context, std::optional<int>& out) {
  const std::string year_text = Trim(text);
  if (year_text.empty()) {
    Add(problems, "birth_year", "birth_year.required",
        "Enter the year of birth, or an estimate when it is not known.");
    return;
  }
  int year = 0;
  const auto [end, ec] =
      std::from_chars(year_text.data(), year_text.data() + year_text.size(), year);
  const int this_year = static_cast<int>(context.today.year());
  if (ec != std::errc() || end != year_text.data() + year_text.size() || year < 1900 ||
      year > this_year) {
    Add(problems, "birth_year", "birth_year.invalid",
        "Enter the year of birth as four digits, from 1900 to " + std::to_string(this_year) + ".");
    return;
  }
  out = year;
}

// The fields a new person and a change share, from the name onwards.
template <typename Input>
void CheckCommon(const Input& input, std::vector<FieldProblem>& problems, ValidPerson& out) {
  out.given_name = Trim(input.given_name);
  out.family_name = Trim(input.family_name);
  out.alias = Trim(input.alias);
  CheckText(problems, "given_name", out.given_name, kMaxName);
  CheckText(problems, "family_name", out.family_name, kMaxName);
  CheckText(problems, "alias", out.alias, kMaxName);
}

template <typename Input>
void CheckRest(const Input& input, std::vector<FieldProblem>& problems, ValidPerson& out) {
  const std::string gender = Trim(input.gender);
  if (gender.empty()) {
    out.gender = Gender::kNotStated;
  } else if (const auto parsed = ParseGender(gender)) {
    out.gender = *parsed;
  } else {
    Add(problems, "gender", "gender.invalid", "Choose one of the options for gender.");
  }

  std::vector<std::string> languages;
  bool languages_ok = true;
  std::string current;
  const auto flush = [&] {
    if (current.empty()) return;
    const bool letters = current.size() >= 2 && current.size() <= 3;
    for (char& c : current) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      languages_ok = languages_ok && letters && c >= 'a' && c <= 'z';
    }
    bool seen = false;
    for (const auto& known : languages) seen = seen || known == current;
    if (!seen) languages.push_back(current);
    current.clear();
  };
  for (const char c : input.languages) {
    if (c == ',' || c == ' ' || c == ';') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  if (!languages_ok || languages.size() > kMaxLanguages) {
    Add(problems, "languages", "languages.invalid",
        "Give language codes of two or three letters, separated by commas (for example sv, en).");
  } else {
    out.languages = std::move(languages);
  }
  out.interpreter_needed = input.interpreter_needed;
  out.protected_identity = input.protected_identity;

  out.phone = Trim(input.phone);
  for (const char c : out.phone) {
    const bool ok =
        (c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' ' || c == '(' || c == ')';
    if (!ok) {
      Add(problems, "phone", "phone.invalid",
          "Enter the phone number with digits, spaces, +, - and brackets only.");
      break;
    }
  }
  if (out.phone.size() > kMaxPhone) {
    Add(problems, "phone", "phone.too_long",
        "Use at most " + std::to_string(kMaxPhone) + " characters.");
  }
  out.email = Trim(input.email);
  if (!out.email.empty()) {
    const auto at = out.email.find('@');
    const bool shape = at != std::string::npos && at > 0 && at + 1 < out.email.size() &&
                       out.email.find('@', at + 1) == std::string::npos &&
                       out.email.find(' ') == std::string::npos;
    if (!shape || out.email.size() > kMaxEmail || HasControl(out.email, false) ||
        !base::IsValidUtf8(out.email)) {
      Add(problems, "email", "email.invalid",
          "Enter an email address in the right form, like name@example.se.");
    }
  }
  out.address = Trim(input.address);
  CheckText(problems, "address", out.address, kMaxAddress, /*allow_newline=*/true);
}

}  // namespace

Validated ValidateNewPerson(const PersonInput& input, const ValidationContext& context) {
  Validated result;
  auto& problems = result.problems;
  auto& out = result.person;
  const std::string kind = Trim(input.identity_kind);
  std::optional<int> number_year;
  if (kind == "number") {
    const auto parsed = trust::identity::IdentityNumber::Parse(
        input.identity_number,
        {.today = context.today,
         .allow_synthetic_future_dates = context.allow_synthetic_identity_numbers});
    if (!parsed) {
      Add(problems, "identity_number",
          "identity_number." + std::string(trust::identity::ToString(parsed.error())),
          std::string(trust::identity::Message(parsed.error(), "en")));
    } else {
      out.identity_kind = parsed->kind() == trust::identity::IdentityNumberKind::kSamordningsnummer
                              ? IdentityKind::kSamordningsnummer
                              : IdentityKind::kPersonnummer;
      out.identity_value = std::string(parsed->Digits());
      number_year = parsed->BirthYear();
    }
  } else if (kind == "reserve") {
    const std::string reserve = Trim(input.identity_number);
    if (!IsReserveNumber(reserve)) {
      Add(problems, "identity_number", "identity_number.bad_reserve",
          "Enter the reserve number: letters, digits and hyphens, at most 32 characters.");
    } else {
      out.identity_kind = IdentityKind::kReserve;
      out.identity_value = Upper(reserve);
    }
  } else if (kind == "alias") {
    out.identity_kind = IdentityKind::kAlias;
  } else {
    Add(problems, "identity_kind", "identity_kind.required",
        "Choose how the person is identified.");
  }

  CheckCommon(input, problems, out);
  if (kind == "alias" && out.alias.empty()) {
    Add(problems, "alias", "alias.required", "Enter the alias the person uses.");
  }
  if ((kind == "number" || kind == "reserve") && out.given_name.empty() &&
      out.family_name.empty()) {
    Add(problems, "given_name", "given_name.required", "Enter the person's name.");
  }
  if (kind == "number") {
    out.birth_year = number_year;
  } else {
    CheckBirthYear(problems, input.birth_year, context, out.birth_year);
  }
  CheckRest(input, problems, out);
  return result;
}

Validated ValidatePersonChange(const PersonChange& change, IdentityKind kind,
                               std::optional<int> number_birth_year,
                               const ValidationContext& context) {
  Validated result;
  result.person.identity_kind = kind;
  CheckCommon(change, result.problems, result.person);
  if (kind == IdentityKind::kAlias && result.person.alias.empty()) {
    Add(result.problems, "alias", "alias.required", "Enter the alias the person uses.");
  }
  if (kind != IdentityKind::kAlias && result.person.given_name.empty() &&
      result.person.family_name.empty()) {
    Add(result.problems, "given_name", "given_name.required", "Enter the person's name.");
  }
  if (kind == IdentityKind::kPersonnummer || kind == IdentityKind::kSamordningsnummer) {
    result.person.birth_year = number_birth_year;
  } else {
    CheckBirthYear(result.problems, change.birth_year, context, result.person.birth_year);
  }
  CheckRest(change, result.problems, result.person);
  return result;
}

SearchKey ParseSearchKey(std::string_view query, const ValidationContext& context) {
  const std::string text = Trim(query);
  SearchKey key;
  if (text.empty()) {
    key.problem = FieldProblem{.field = "query",
                               .code = "query.required",
                               .message = "Enter an identity number or reserve number."};
    return key;
  }
  const auto parsed = trust::identity::IdentityNumber::Parse(
      text, {.today = context.today,
             .allow_synthetic_future_dates = context.allow_synthetic_identity_numbers});
  if (parsed) {
    key.kind = parsed->kind() == trust::identity::IdentityNumberKind::kSamordningsnummer
                   ? IdentityKind::kSamordningsnummer
                   : IdentityKind::kPersonnummer;
    key.value = std::string(parsed->Digits());
    return key;
  }
  // Anything with a letter in it is read as a reserve number; digits only must be a valid
  // personnummer or samordningsnummer, and the message says what is wrong with it.
  bool has_letter = false;
  for (const char c : text)
    has_letter = has_letter || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  if (has_letter && IsReserveNumber(text)) {
    key.kind = IdentityKind::kReserve;
    key.value = Upper(text);
    return key;
  }
  key.problem = FieldProblem{
      .field = "query",
      .code = "identity_number." + std::string(trust::identity::ToString(parsed.error())),
      .message = std::string(trust::identity::Message(parsed.error(), "en"))};
  return key;
}

std::vector<FieldProblem> ValidateEmergencyReason(std::string_view category,
                                                  std::string_view text) {
  std::vector<FieldProblem> problems;
  if (!ParseEmergencyReason(Trim(category))) {
    Add(problems, "reason_category", "reason_category.required",
        "Choose why you need emergency access.");
  }
  const std::string reason = Trim(text);
  if (CodePoints(reason) < kMinReason) {
    Add(problems, "reason_text", "reason_text.required",
        "Describe why you need emergency access (at least " + std::to_string(kMinReason) +
            " characters).");
  } else {
    CheckText(problems, "reason_text", reason, kMaxReason, /*allow_newline=*/true);
  }
  return problems;
}

std::string JoinLanguages(const std::vector<std::string>& languages) {
  std::string out;
  for (const auto& code : languages) {
    if (!out.empty()) out += ',';
    out += code;
  }
  return out;
}

std::vector<std::string> SplitLanguages(std::string_view stored) {
  std::vector<std::string> out;
  while (!stored.empty()) {
    const auto comma = stored.find(',');
    const auto code = stored.substr(0, comma);
    if (!code.empty()) out.emplace_back(code);
    if (comma == std::string_view::npos) break;
    stored.remove_prefix(comma + 1);
  }
  return out;
}

std::string FormatIdentity(IdentityKind kind, std::string_view value) {
  if ((kind == IdentityKind::kPersonnummer || kind == IdentityKind::kSamordningsnummer) &&
      value.size() == 12) {
    return std::string(value.substr(0, 8)) + "-" + std::string(value.substr(8));
  }
  return std::string(value);
}

std::string MaskIdentity(IdentityKind kind, std::string_view value) {
  if ((kind == IdentityKind::kPersonnummer || kind == IdentityKind::kSamordningsnummer) &&
      value.size() == 12) {
    return std::string(value.substr(0, 8)) + "-XXXX";
  }
  if (value.empty()) return {};
  return std::string(value.substr(0, std::min<std::size_t>(2, value.size()))) + "…";
}

}  // namespace fyren::person
