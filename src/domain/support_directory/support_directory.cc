#include "domain/support_directory/support_directory.h"

#include <algorithm>
#include <array>
#include <utility>

namespace fyren::support_directory {
namespace {

constexpr std::array<std::pair<EntryKind, std::string_view>, 4> kKinds{{
    {EntryKind::kCityUnit, "city_unit"},
    {EntryKind::kRegionalCoordinator, "regional_coordinator"},
    {EntryKind::kNgo, "ngo"},
    {EntryKind::kNationalService, "national_service"},
}};

constexpr std::array<EntryKind, kKinds.size()> kAllKinds = [] {
  std::array<EntryKind, kKinds.size()> all{};
  for (std::size_t i = 0; i < kKinds.size(); ++i) all[i] = kKinds[i].first;
  return all;
}();

// The order is the order of the filter on the public page.
constexpr std::array<std::string_view, 9> kTargetGroups{
    "adults_selling_sex", "young_people", "children",         "trafficking_victims", "buyers",
    "relatives",          "lgbtq",        "violence_victims", "professionals",
};

}  // namespace

std::string_view ToString(EntryKind kind) {
  for (const auto& [k, code] : kKinds) {
    if (k == kind) return code;
  }
  return "unknown";
}

std::optional<EntryKind> ParseEntryKind(std::string_view code) {
  for (const auto& [k, name] : kKinds) {
    if (name == code) return k;
  }
  return std::nullopt;
}

std::span<const EntryKind> AllEntryKinds() { return kAllKinds; }

std::span<const std::string_view> TargetGroupCodes() { return kTargetGroups; }

bool IsTargetGroup(std::string_view code) {
  return std::ranges::find(kTargetGroups, code) != kTargetGroups.end();
}

const EntryText& DirectoryEntry::Text(std::string_view locale) const {
  if (const auto found = draft.texts.find(locale); found != draft.texts.end()) {
    return found->second;
  }
  if (const auto en = draft.texts.find("en"); en != draft.texts.end()) return en->second;
  static const EntryText kEmpty;
  const auto sv = draft.texts.find("sv");
  return sv != draft.texts.end() ? sv->second : kEmpty;
}

bool DirectoryEntry::HasText(std::string_view locale) const { return draft.texts.contains(locale); }

const std::string& SpokenLanguage::NameFor(std::string_view locale) const {
  if (locale == "sv" && !name_sv.empty()) return name_sv;
  if (locale == "en" && !name_en.empty()) return name_en;
  return native;
}

}  // namespace fyren::support_directory
