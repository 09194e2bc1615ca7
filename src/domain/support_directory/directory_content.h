#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/support_directory/support_directory.h"

namespace fyren::support_directory {

// One entry of content/directory/entries.toml: its stable key and what it says.
struct ContentEntry {
  std::string key;
  EntryDraft draft;
};

// The directory as the municipality ships it: the spoken languages (languages.toml) and the
// entries the database is seeded with (entries.toml). Immutable once parsed.
struct DirectoryContent {
  std::vector<SpokenLanguage> languages;
  std::vector<ContentEntry> entries;
};

inline constexpr std::string_view kLanguagesFile = "content/directory/languages.toml";
inline constexpr std::string_view kEntriesFile = "content/directory/entries.toml";

// Parses and checks both files with the same rules the edit pages apply (entry_rules.h). Any
// problem is kInvalidInput whose message names the file, the line, the entry (number and key)
// and the problem, e.g. "content/directory/entries.toml:40: entry 3 (kast): web: the web address
// must start with https:// and hold no spaces". The server refuses to start on it.
[[nodiscard]] base::Result<DirectoryContent> ParseDirectoryContent(std::string_view languages_toml,
                                                                   std::string_view entries_toml);

// The same, from the files compiled into the binary. kInvalidInput when a file is missing.
[[nodiscard]] base::Result<DirectoryContent> LoadEmbeddedDirectoryContent();

}  // namespace fyren::support_directory
