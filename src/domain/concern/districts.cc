#include "domain/concern/districts.h"

#include <toml++/toml.h>

#include <set>

#include "base/embedded.h"

namespace fyren::concern {
namespace {

bool IsDistrictCode(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (const char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

base::Result<std::vector<District>> ParseDistricts(std::string_view text, std::string_view file) {
  const auto bad = [&](std::string what) {
    return base::Fail(base::ErrorCode::kInvalidInput, std::string(file) + ": " + std::move(what));
  };
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return bad("line " + std::to_string(e.source().begin.line) + ": " +
               std::string(e.description()));
  }
  const toml::array* entries = root["district"].as_array();
  if (entries == nullptr || entries->empty()) return bad("needs at least one [[district]] entry");
  std::vector<District> out;
  std::set<std::string, std::less<>> codes;
  int number = 0;
  for (const toml::node& node : *entries) {
    ++number;
    const toml::table* entry = node.as_table();
    if (entry == nullptr) return bad("district " + std::to_string(number) + " is not a table");
    District district{.code = (*entry)["code"].value_or(std::string()),
                      .name = (*entry)["name"].value_or(std::string()),
                      .committee = (*entry)["committee"].value_or(std::string())};
    const std::string where = "district " + std::to_string(number) +
                              (district.code.empty() ? "" : " (" + district.code + ")") + ": ";
    if (!IsDistrictCode(district.code)) {
      return bad(where + "code must be a-z, 0-9 or - (1 to 64 characters)");
    }
    if (!codes.insert(district.code).second) return bad(where + "code is used by an earlier entry");
    if (district.name.empty()) return bad(where + "name is missing");
    if (district.committee.empty()) return bad(where + "committee is missing");
    out.push_back(std::move(district));
  }
  return out;
}

base::Result<std::vector<District>> LoadDistricts() {
  const auto text = base::FindEmbedded(kDistrictsFile);
  if (!text) {
    return base::Fail(base::ErrorCode::kInternal,
                      std::string(kDistrictsFile) + " is missing from this build");
  }
  return ParseDistricts(*text, kDistrictsFile);
}

}  // namespace fyren::concern
