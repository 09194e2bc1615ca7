#include "domain/support_directory/directory_content.h"

#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "base/embedded.h"
#include "domain/support_directory/entry_rules.h"

namespace fyren::support_directory {
namespace {

base::Error At(std::string_view file, const toml::node& node, std::string_view context,
               std::string_view problem) {
  std::string message = std::string(file) + ":" + std::to_string(node.source().begin.line) + ": ";
  if (!context.empty()) message += std::string(context) + ": ";
  message += problem;
  return base::Error{
      .code = base::ErrorCode::kInvalidInput, .message = message, .detail = {}, .field = {}};
}

base::Result<toml::table> ParseToml(std::string_view text, std::string_view file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return base::Fail(base::ErrorCode::kInvalidInput, std::string(file) + ":" +
                                                          std::to_string(e.source().begin.line) +
                                                          ": " + std::string(e.description()));
  }
}

bool IsCode(std::string_view code) {
  return code.size() >= 2 && code.size() <= 3 &&
         std::ranges::all_of(code, [](char c) { return c >= 'a' && c <= 'z'; });
}

bool IsKey(std::string_view key) {
  return !key.empty() && key.size() <= 64 && std::ranges::all_of(key, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

base::Result<std::vector<SpokenLanguage>> ParseLanguages(std::string_view text) {
  auto root = ParseToml(text, kLanguagesFile);
  if (!root) return std::unexpected(root.error());
  const toml::table* list = (*root)["language"].as_table();
  if (list == nullptr || list->empty()) {
    return std::unexpected(At(kLanguagesFile, *root, "", "no [language.<code>] tables"));
  }
  std::vector<SpokenLanguage> out;
  for (const auto& [code, node] : *list) {
    const std::string context = "language " + std::string(code.str());
    const toml::table* table = node.as_table();
    if (table == nullptr) return std::unexpected(At(kLanguagesFile, node, context, "not a table"));
    if (!IsCode(code.str())) {
      return std::unexpected(At(kLanguagesFile, node, context,
                                "the code must be two or three lower-case letters (ISO 639)"));
    }
    SpokenLanguage language{.code = std::string(code.str()),
                            .native = (*table)["native"].value_or(std::string()),
                            .name_sv = (*table)["sv"].value_or(std::string()),
                            .name_en = (*table)["en"].value_or(std::string())};
    if (language.native.empty() || language.name_sv.empty() || language.name_en.empty()) {
      return std::unexpected(
          At(kLanguagesFile, node, context, "native, sv and en names are all required"));
    }
    out.push_back(std::move(language));
  }
  return out;
}

// A list of codes; nullopt when the value is not an array of strings.
std::optional<std::vector<std::string>> Codes(const toml::node* node) {
  if (node == nullptr) return std::vector<std::string>{};
  const toml::array* array = node->as_array();
  if (array == nullptr) return std::nullopt;
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    const auto text = item.value<std::string>();
    if (!text) return std::nullopt;
    out.push_back(*text);
  }
  return out;
}

base::Result<ContentEntry> ParseEntry(const toml::table& table, std::size_t number,
                                      std::span<const SpokenLanguage> languages) {
  ContentEntry entry;
  entry.key = table["key"].value_or(std::string());
  const std::string context =
      "entry " + std::to_string(number) + (entry.key.empty() ? "" : " (" + entry.key + ")");
  const auto fail = [&](const toml::node& node, std::string_view problem) {
    return std::unexpected(At(kEntriesFile, node, context, problem));
  };
  if (!IsKey(entry.key)) {
    return fail(table, "key: must be lower-case letters, digits and '-' (at most 64)");
  }
  const auto kind = ParseEntryKind(table["kind"].value_or(std::string()));
  if (!kind) return fail(table, "kind: " + std::string(Describe("kind_unknown")));
  EntryDraft& draft = entry.draft;
  draft.kind = *kind;
  auto groups = Codes(table.get("target_groups"));
  if (!groups) return fail(table, "target_groups: must be a list of codes");
  draft.target_groups = std::move(*groups);
  auto spoken = Codes(table.get("languages"));
  if (!spoken) return fail(table, "languages: must be a list of codes");
  draft.languages = std::move(*spoken);
  for (const std::string_view key : {"phone", "email", "web", "address"}) {
    const toml::node* node = table.get(key);
    if (node != nullptr && !node->is_string()) return fail(*node, std::string(key) + ": not text");
  }
  draft.phone = table["phone"].value_or(std::string());
  draft.email = table["email"].value_or(std::string());
  draft.web = table["web"].value_or(std::string());
  draft.address = table["address"].value_or(std::string());
  for (const std::string_view key : {"anonymous", "free_of_charge"}) {
    const toml::node* node = table.get(key);
    if (node == nullptr || !node->is_boolean()) {
      return fail(node == nullptr ? static_cast<const toml::node&>(table) : *node,
                  std::string(key) + ": must be true or false");
    }
  }
  draft.anonymous = *table["anonymous"].value<bool>();
  draft.free_of_charge = *table["free_of_charge"].value<bool>();
  const toml::table* texts = table["text"].as_table();
  if (texts == nullptr) return fail(table, "[entry.text.sv] and [entry.text.en] are required");
  for (const auto& [lang, node] : *texts) {
    const toml::table* text = node.as_table();
    if (text == nullptr) return fail(node, "text." + std::string(lang.str()) + ": not a table");
    for (const auto& [name, value] : *text) {
      if (name.str() != "name" && name.str() != "description" && name.str() != "hours") {
        return fail(value, "text." + std::string(lang.str()) + "." + std::string(name.str()) +
                               ": unknown key (name, description, hours)");
      }
      if (!value.is_string()) {
        return fail(value, "text." + std::string(lang.str()) + "." + std::string(name.str()) +
                               ": not text");
      }
    }
    draft.texts[std::string(lang.str())] =
        EntryText{.name = (*text)["name"].value_or(std::string()),
                  .description = (*text)["description"].value_or(std::string()),
                  .hours = (*text)["hours"].value_or(std::string())};
  }
  draft = Normalised(std::move(draft));
  const auto problems = CheckDraft(draft, languages);
  if (!problems.empty()) {
    const FieldProblem& first = problems.front();
    return fail(table, first.field + ": " + std::string(Describe(first.code)));
  }
  return entry;
}

}  // namespace

base::Result<DirectoryContent> ParseDirectoryContent(std::string_view languages_toml,
                                                     std::string_view entries_toml) {
  DirectoryContent content;
  auto languages = ParseLanguages(languages_toml);
  if (!languages) return std::unexpected(languages.error());
  content.languages = std::move(*languages);
  auto root = ParseToml(entries_toml, kEntriesFile);
  if (!root) return std::unexpected(root.error());
  const toml::array* list = (*root)["entry"].as_array();
  if (list == nullptr || list->empty()) {
    return std::unexpected(At(kEntriesFile, *root, "", "no [[entry]] tables"));
  }
  std::set<std::string, std::less<>> keys;
  std::size_t number = 0;
  for (const toml::node& node : *list) {
    ++number;
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      return std::unexpected(
          At(kEntriesFile, node, "entry " + std::to_string(number), "not a table"));
    }
    auto entry = ParseEntry(*table, number, content.languages);
    if (!entry) return std::unexpected(entry.error());
    if (!keys.insert(entry->key).second) {
      return std::unexpected(At(kEntriesFile, *table,
                                "entry " + std::to_string(number) + " (" + entry->key + ")",
                                "key: another entry has the same key"));
    }
    content.entries.push_back(std::move(*entry));
  }
  return content;
}

base::Result<DirectoryContent> LoadEmbeddedDirectoryContent() {
  // EmbeddedFiles, not FindEmbedded: the scan is the same and this keeps the link order simple.
  std::optional<std::string_view> languages;
  std::optional<std::string_view> entries;
  for (const base::EmbeddedFile& file : base::EmbeddedFiles()) {
    if (file.path == kLanguagesFile) languages = file.data;
    if (file.path == kEntriesFile) entries = file.data;
  }
  if (!languages || !entries) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      std::string(languages ? kEntriesFile : kLanguagesFile) + ": missing");
  }
  return ParseDirectoryContent(*languages, *entries);
}

}  // namespace fyren::support_directory
