#include "domain/support_directory/directory_search.h"

#include <algorithm>

namespace fyren::support_directory {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == ',' || c == '\n' || c == '\r') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

}  // namespace

std::string FoldCase(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto byte = static_cast<unsigned char>(out[i]);
    if (byte >= 'A' && byte <= 'Z') {
      out[i] = static_cast<char>(byte + ('a' - 'A'));
    } else if (byte == 0xC3 && i + 1 < out.size()) {
      // U+00C0..U+00DE are C3 80..C3 9E; their lower-case forms are 0x20 higher (not U+00D7 ×).
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) {
        out[i + 1] = static_cast<char>(next + 0x20);
      }
      ++i;
    }
  }
  return out;
}

std::vector<const DirectoryEntry*> Filter(
    std::span<const DirectoryEntry> entries, const DirectoryQuery& query, std::string_view locale,
    const std::function<std::string(std::string_view code)>& target_label) {
  const std::vector<std::string> words = Words(FoldCase(query.text));
  std::vector<const DirectoryEntry*> out;
  for (const DirectoryEntry& entry : entries) {
    const EntryDraft& d = entry.draft;
    if (!query.target_group.empty() &&
        std::ranges::find(d.target_groups, query.target_group) == d.target_groups.end()) {
      continue;
    }
    if (!query.language.empty() &&
        std::ranges::find(d.languages, query.language) == d.languages.end()) {
      continue;
    }
    if (!words.empty()) {
      std::string haystack;
      for (const std::string_view lang : {locale, std::string_view("sv"), std::string_view("en")}) {
        if (const auto found = d.texts.find(lang); found != d.texts.end()) {
          haystack += found->second.name + "\n" + found->second.description + "\n";
        }
      }
      for (const std::string& code : d.target_groups) haystack += target_label(code) + "\n";
      haystack = FoldCase(haystack);
      const bool all = std::ranges::all_of(
          words, [&](const std::string& word) { return haystack.find(word) != std::string::npos; });
      if (!all) continue;
    }
    out.push_back(&entry);
  }
  return out;
}

}  // namespace fyren::support_directory
