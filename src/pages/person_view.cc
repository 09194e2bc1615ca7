#include "pages/person_view.h"

#include <array>
#include <charconv>
#include <string>
#include <utility>

#include "base/swedish_time.h"
#include "http/csrf.h"

namespace fyren::pages {
namespace {

using person::Gender;
using person::IdentityKind;

constexpr std::array kGenders = {Gender::kWoman, Gender::kMan, Gender::kNonBinary, Gender::kOther,
                                 Gender::kNotStated};

std::string Field(const http::Request& request, std::string_view name) {
  return http::FormField(request, name).value_or("");
}

bool Checked(const http::Request& request, std::string_view name) {
  return http::FormField(request, name).value_or("") == "yes";
}

std::string YearText(std::optional<int> year) { return year ? std::to_string(*year) : ""; }

// Catalog text for `key` when the catalog has it, `fallback` otherwise.
void AddGenderOptions(render::View& page, const render::Catalog& t, std::string_view chosen) {
  for (const Gender gender : kGenders) {
    const std::string code(person::ToString(gender));
    render::View option;
    option.Set("code", code)
        .Set("name", t.Get("person.gender." + code))
        .SetFlag("selected", code == chosen || (chosen.empty() && gender == Gender::kNotStated));
    page.Append("gender_options", std::move(option));
  }
}

std::string LanguageNames(const render::Catalog& t, const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) {
    if (!out.empty()) out += ", ";
    out += std::string(t.GetOr("person.language." + code, code));
  }
  return out;
}

void SetCommonFields(render::View& page, std::string_view given_name, std::string_view family_name,
                     std::string_view alias, std::string_view birth_year,
                     std::string_view languages, bool interpreter, bool protected_identity,
                     std::string_view phone, std::string_view email, std::string_view address) {
  page.Set("f_given_name", given_name)
      .Set("f_family_name", family_name)
      .Set("f_alias", alias)
      .Set("f_birth_year", birth_year)
      .Set("f_languages", languages)
      .SetFlag("f_interpreter_needed", interpreter)
      .SetFlag("f_protected_identity", protected_identity)
      .Set("f_phone", phone)
      .Set("f_email", email)
      .Set("f_address", address);
}

}  // namespace

std::string PersonPath(std::string_view public_id) { return "/persons/" + std::string(public_id); }

person::PersonInput PersonInputFromForm(const http::Request& request) {
  return person::PersonInput{.identity_kind = Field(request, "identity_kind"),
                             .identity_number = Field(request, "identity_number"),
                             .given_name = Field(request, "given_name"),
                             .family_name = Field(request, "family_name"),
                             .alias = Field(request, "alias"),
                             .birth_year = Field(request, "birth_year"),
                             .gender = Field(request, "gender"),
                             .languages = Field(request, "languages"),
                             .interpreter_needed = Checked(request, "interpreter_needed"),
                             .protected_identity = Checked(request, "protected_identity"),
                             .phone = Field(request, "phone"),
                             .email = Field(request, "email"),
                             .address = Field(request, "address")};
}

person::PersonChange PersonChangeFromForm(const http::Request& request) {
  const std::string version = Field(request, "version");
  std::int64_t expected = 0;
  const auto [end, ec] = std::from_chars(version.data(), version.data() + version.size(), expected);
  if (ec != std::errc() || end != version.data() + version.size()) expected = 0;
  return person::PersonChange{.given_name = Field(request, "given_name"),
                              .family_name = Field(request, "family_name"),
                              .alias = Field(request, "alias"),
                              .birth_year = Field(request, "birth_year"),
                              .gender = Field(request, "gender"),
                              .languages = Field(request, "languages"),
                              .interpreter_needed = Checked(request, "interpreter_needed"),
                              .protected_identity = Checked(request, "protected_identity"),
                              .phone = Field(request, "phone"),
                              .email = Field(request, "email"),
                              .address = Field(request, "address"),
                              .expected_version = expected};
}

person::PersonChange PersonChangeFromRecord(const person::PersonRecord& record) {
  std::string languages;
  for (const std::string& code : record.languages) {
    if (!languages.empty()) languages += ", ";
    languages += code;
  }
  return person::PersonChange{.given_name = record.given_name,
                              .family_name = record.family_name,
                              .alias = record.alias,
                              .birth_year = YearText(record.birth_year),
                              .gender = std::string(person::ToString(record.gender)),
                              .languages = std::move(languages),
                              .interpreter_needed = record.interpreter_needed,
                              .protected_identity = record.protected_identity,
                              .phone = record.phone,
                              .email = record.email,
                              .address = record.address,
                              .expected_version = record.version};
}

std::string ProblemMessage(const render::Catalog& t, const person::FieldProblem& problem) {
  return std::string(t.GetOr("person.problem." + problem.code, problem.message));
}

void AddProblems(render::View& page, const render::Catalog& t,
                 std::span<const person::FieldProblem> problems) {
  for (const person::FieldProblem& problem : problems) {
    const std::string message = ProblemMessage(t, problem);
    render::View item;
    item.Set("field", problem.field).Set("message", message);
    page.Append("errors", std::move(item));
    page.Set(problem.field + "_error", message);
  }
  page.SetFlag("has_errors", !problems.empty());
}

render::View SummaryRow(const render::Catalog& t, const person::PersonSummary& summary) {
  render::View row;
  if (summary.public_id.empty()) {
    // A protected identity the actor is not named for: only that it exists.
    row.SetFlag("hidden", true).Set("note", t.Get("person.match_protected"));
    return row;
  }
  row.Set("public_id", summary.public_id)
      .SetFlag("readable", summary.readable)
      .SetFlag("protected_identity", summary.protected_identity);
  if (summary.readable) {
    row.Set("href", PersonPath(summary.public_id))
        .Set("initials", summary.initials)
        .Set("birth_year", YearText(summary.birth_year));
  } else {
    row.Set("emergency_href", PersonPath(summary.public_id) + "/emergency-access")
        .Set("note", t.Get("person.match_outside_team"));
  }
  return row;
}

void SetInputFields(render::View& page, const render::Catalog& t,
                    const person::PersonInput& input) {
  const std::string kind = input.identity_kind.empty() ? "number" : input.identity_kind;
  page.Set("f_identity_number", input.identity_number)
      .SetFlag("kind_number", kind == "number")
      .SetFlag("kind_reserve", kind == "reserve")
      .SetFlag("kind_alias", kind == "alias")
      .SetFlag("asks_birth_year", true);
  SetCommonFields(page, input.given_name, input.family_name, input.alias, input.birth_year,
                  input.languages, input.interpreter_needed, input.protected_identity, input.phone,
                  input.email, input.address);
  AddGenderOptions(page, t, input.gender);
}

void SetChangeFields(render::View& page, const render::Catalog& t,
                     const person::PersonChange& change, IdentityKind kind) {
  const bool numbered =
      kind == IdentityKind::kPersonnummer || kind == IdentityKind::kSamordningsnummer;
  page.Set("version", std::to_string(change.expected_version))
      .Set("identity_kind", person::ToString(kind))
      .SetFlag("asks_birth_year", !numbered);
  SetCommonFields(page, change.given_name, change.family_name, change.alias, change.birth_year,
                  change.languages, change.interpreter_needed, change.protected_identity,
                  change.phone, change.email, change.address);
  AddGenderOptions(page, t, change.gender);
}

void SetRecord(render::View& page, const render::Catalog& t, const person::PersonRecord& record) {
  const std::string kind(person::ToString(record.identity_kind));
  std::string name = record.given_name;
  if (!record.family_name.empty()) name += (name.empty() ? "" : " ") + record.family_name;
  if (name.empty()) name = record.alias;
  if (record.identity_masked) name = std::string(t.Get("person.masked_heading"));
  if (name.empty()) name = "–";
  page.Set("href", PersonPath(record.public_id))
      .Set("public_id", record.public_id)
      .Set("name", name)
      .Set("identity_kind_name", t.Get("person.kind." + kind))
      .Set("identity_number", record.identity_number)
      .SetFlag("has_identity_number", !record.identity_number.empty())
      .SetFlag("identity_revealed", record.identity_revealed)
      .SetFlag("may_reveal", !record.identity_masked && !record.identity_revealed &&
                                 !record.identity_number.empty())
      .SetFlag("identity_masked", record.identity_masked)
      .Set("given_name", record.given_name)
      .Set("family_name", record.family_name)
      .Set("alias", record.alias)
      .Set("birth_year", YearText(record.birth_year))
      .Set("gender", t.Get("person.gender." + std::string(person::ToString(record.gender))))
      .Set("languages", LanguageNames(t, record.languages))
      .Set("interpreter", t.Get(record.interpreter_needed ? "person.yes" : "person.no"))
      .Set("phone", record.phone)
      .Set("email", record.email)
      .Set("address", record.address)
      .SetFlag("protected_identity", record.protected_identity)
      .SetFlag("named_for_protected", record.actor_named_for_protected)
      .SetFlag("via_emergency_access", record.via_emergency_access)
      .Set("version", std::to_string(record.version))
      .Set("updated_at", base::FormatSwedishDateTime(record.updated_at));
  if (record.emergency_expires_at) {
    page.Set("emergency_expires_at", base::FormatSwedishDateTime(*record.emergency_expires_at));
  }
  for (const person::TeamMember& member : record.team) {
    render::View row;
    row.Set("username", member.username)
        .Set("display_name", member.display_name)
        .SetFlag("on_team", member.on_team)
        .SetFlag("named_for_protected", member.named_for_protected);
    page.Append("team", std::move(row));
  }
}

}  // namespace fyren::pages
