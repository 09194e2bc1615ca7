#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fyren::support_directory {

// "Where to turn" (issue 5, item 5): a public directory of support services. Everything here is
// information about organisations and services, never about a person, so it is public and not
// encrypted.

// What a service is. Closed list: the pages group and label entries by it.
enum class EntryKind { kCityUnit, kRegionalCoordinator, kNgo, kNationalService };

[[nodiscard]] std::string_view ToString(EntryKind kind);
[[nodiscard]] std::optional<EntryKind> ParseEntryKind(std::string_view code);
[[nodiscard]] std::span<const EntryKind> AllEntryKinds();

// Who a service is for, as codes the catalogs translate (directory.target.<code>).
[[nodiscard]] std::span<const std::string_view> TargetGroupCodes();
[[nodiscard]] bool IsTargetGroup(std::string_view code);

// The text of one entry in one language. `hours` may be empty.
struct EntryText {
  std::string name;
  std::string description;
  std::string hours;
  bool operator==(const EntryText&) const = default;
};

// What an editor (or the content file) says about a service: everything but the identity and
// bookkeeping of the stored row. Texts are keyed by language code; "sv" and "en" are required.
struct EntryDraft {
  EntryKind kind = EntryKind::kCityUnit;
  std::vector<std::string> target_groups;  // codes, TargetGroupCodes()
  std::vector<std::string> languages;      // spoken languages, codes from the language list
  std::string phone;
  std::string email;
  std::string web;
  std::string address;
  bool anonymous = false;
  bool free_of_charge = true;
  std::map<std::string, EntryText, std::less<>> texts;
  bool operator==(const EntryDraft&) const = default;
};

// A stored entry.
struct DirectoryEntry {
  std::int64_t id = 0;
  std::string public_id;
  std::string entry_key;  // the content file's key for seeded entries; empty for added ones
  EntryDraft draft;
  bool visible = true;
  std::int64_t version = 1;
  std::int64_t updated_at = 0;

  // The text in `locale`, else English, else Swedish (the content guarantees both).
  [[nodiscard]] const EntryText& Text(std::string_view locale) const;
  // True when `locale` has its own text (not the English fallback).
  [[nodiscard]] bool HasText(std::string_view locale) const;
};

// Changes whenever the directory does: a row added changes the count, every update bumps a
// version and updated_at. Public pages cache what they render keyed by it.
struct DirectoryFingerprint {
  std::int64_t rows = 0;
  std::int64_t version_sum = 0;
  std::int64_t last_updated_at = 0;
  bool operator==(const DirectoryFingerprint&) const = default;
};

// A spoken language the directory knows (content/directory/languages.toml).
struct SpokenLanguage {
  std::string code;
  std::string native;  // the language's own name
  std::string name_sv;
  std::string name_en;
  // The name to show a reader of `locale`: Swedish or English names for those, the language's
  // own name otherwise (a reader of Arabic recognises "română" better than an Arabic exonym we
  // would have to maintain).
  [[nodiscard]] const std::string& NameFor(std::string_view locale) const;
};

}  // namespace fyren::support_directory
