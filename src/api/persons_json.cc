#include "api/persons_json.h"

#include <ctime>
#include <string_view>

namespace fyren::api {
namespace {

using Json = nlohmann::json;

Json TextOrNull(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

std::string Rfc3339(std::int64_t unix_us) {
  const std::time_t seconds = static_cast<std::time_t>(unix_us / 1'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Reads one member into `out`; adds an error when its type is wrong. Null reads as empty.
void ReadText(const Json& value, std::string_view key, std::string& out,
              std::vector<BodyError>& errors) {
  if (value.is_null()) {
    out.clear();
  } else if (value.is_string()) {
    out = value.get<std::string>();
  } else {
    errors.push_back({"/" + std::string(key), "This must be a string."});
  }
}

void ReadYear(const Json& value, std::string& out, std::vector<BodyError>& errors) {
  if (value.is_null()) {
    out.clear();
  } else if (value.is_number_integer()) {
    out = std::to_string(value.get<std::int64_t>());
  } else if (value.is_string()) {
    out = value.get<std::string>();
  } else {
    errors.push_back({"/birth_year", "This must be a whole number."});
  }
}

void ReadLanguages(const Json& value, std::string& out, std::vector<BodyError>& errors) {
  if (value.is_null()) {
    out.clear();
    return;
  }
  if (value.is_string()) {
    out = value.get<std::string>();
    return;
  }
  if (!value.is_array()) {
    errors.push_back({"/languages", "Give a list of language codes."});
    return;
  }
  out.clear();
  for (const auto& item : value) {
    if (!item.is_string()) {
      errors.push_back({"/languages", "Give a list of language codes."});
      return;
    }
    if (!out.empty()) out += ",";
    out += item.get<std::string>();
  }
}

void ReadFlag(const Json& value, std::string_view key, bool& out, std::vector<BodyError>& errors) {
  if (value.is_boolean()) {
    out = value.get<bool>();
  } else {
    errors.push_back({"/" + std::string(key), "This must be true or false."});
  }
}

// The members a register request and a patch share.
template <typename Target>
bool ReadEditable(const std::string& key, const Json& value, Target& out,
                  std::vector<BodyError>& errors) {
  if (key == "given_name")
    ReadText(value, key, out.given_name, errors);
  else if (key == "family_name")
    ReadText(value, key, out.family_name, errors);
  else if (key == "alias")
    ReadText(value, key, out.alias, errors);
  else if (key == "birth_year")
    ReadYear(value, out.birth_year, errors);
  else if (key == "gender")
    ReadText(value, key, out.gender, errors);
  else if (key == "languages")
    ReadLanguages(value, out.languages, errors);
  else if (key == "interpreter_needed")
    ReadFlag(value, key, out.interpreter_needed, errors);
  else if (key == "protected_identity")
    ReadFlag(value, key, out.protected_identity, errors);
  else if (key == "phone")
    ReadText(value, key, out.phone, errors);
  else if (key == "email")
    ReadText(value, key, out.email, errors);
  else if (key == "address")
    ReadText(value, key, out.address, errors);
  else
    return false;
  return true;
}

}  // namespace

Json PersonToJson(const person::PersonRecord& r) {
  Json team = Json::array();
  for (const person::TeamMember& member : r.team) {
    team.push_back({{"username", member.username},
                    {"display_name", member.display_name},
                    {"on_team", member.on_team},
                    {"named_for_protected", member.named_for_protected}});
  }
  Json emergency = nullptr;
  if (r.via_emergency_access && r.emergency_expires_at) {
    emergency = {{"expires_at", Rfc3339(*r.emergency_expires_at)}};
  }
  return {{"id", r.public_id},
          {"identity_kind", person::ToString(r.identity_kind)},
          {"identity_number", TextOrNull(r.identity_number)},
          {"identity_revealed", r.identity_revealed},
          {"identity_masked", r.identity_masked},
          {"given_name", TextOrNull(r.given_name)},
          {"family_name", TextOrNull(r.family_name)},
          {"alias", TextOrNull(r.alias)},
          {"birth_year", r.birth_year ? Json(*r.birth_year) : Json(nullptr)},
          {"gender", person::ToString(r.gender)},
          {"languages", r.languages},
          {"interpreter_needed", r.interpreter_needed},
          {"protected_identity", r.protected_identity},
          {"phone", TextOrNull(r.phone)},
          {"email", TextOrNull(r.email)},
          {"address", TextOrNull(r.address)},
          {"emergency_access", std::move(emergency)},
          {"team", std::move(team)},
          {"version", r.version},
          {"created_at", Rfc3339(r.created_at)},
          {"updated_at", Rfc3339(r.updated_at)}};
}

Json SummaryToJson(const person::PersonSummary& s) {
  return {{"id", TextOrNull(s.public_id)},
          {"initials", TextOrNull(s.initials)},
          {"birth_year", s.birth_year ? Json(*s.birth_year) : Json(nullptr)},
          {"readable", s.readable},
          {"protected_identity", s.protected_identity}};
}

DecodedInput PersonInputFromJson(const Json& body) {
  DecodedInput out;
  for (const auto& [key, value] : body.items()) {
    if (key == "identity_kind") {
      ReadText(value, key, out.input.identity_kind, out.errors);
    } else if (key == "identity_number") {
      ReadText(value, key, out.input.identity_number, out.errors);
    } else if (!ReadEditable(key, value, out.input, out.errors)) {
      out.errors.push_back({"/" + key, "Unknown member."});
    }
  }
  return out;
}

DecodedChange PersonPatchFromJson(const Json& body, const person::PersonRecord& current) {
  DecodedChange out;
  person::PersonChange& c = out.change;
  c.given_name = current.given_name;
  c.family_name = current.family_name;
  c.alias = current.alias;
  c.birth_year = current.birth_year ? std::to_string(*current.birth_year) : "";
  c.gender = std::string(person::ToString(current.gender));
  for (const std::string& code : current.languages) {
    if (!c.languages.empty()) c.languages += ",";
    c.languages += code;
  }
  c.interpreter_needed = current.interpreter_needed;
  c.protected_identity = current.protected_identity;
  c.phone = current.phone;
  c.email = current.email;
  c.address = current.address;
  c.expected_version = current.version;
  for (const auto& [key, value] : body.items()) {
    if (key == "identity_kind" || key == "identity_number") {
      out.errors.push_back({"/" + key, "The identity cannot be changed; register anew."});
    } else if (!ReadEditable(key, value, c, out.errors)) {
      out.errors.push_back({"/" + key, "Unknown member."});
    }
  }
  return out;
}

}  // namespace fyren::api
