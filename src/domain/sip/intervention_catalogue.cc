#include "domain/sip/intervention_catalogue.h"

#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "base/embedded.h"
#include "base/utf8.h"

namespace fyren::sip {
namespace {

base::Error At(std::string_view source, const toml::node& node, std::string_view entry,
               std::string problem) {
  std::string message = std::string(source) + ":" + std::to_string(node.source().begin.line) + ": ";
  if (!entry.empty()) message += "intervention '" + std::string(entry) + "': ";
  return base::Error{.code = base::ErrorCode::kInvalidInput,
                     .message = message + std::move(problem),
                     .detail = {},
                     .field = {}};
}

bool IsCode(std::string_view code) {
  return !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

base::Result<std::string> Text(std::string_view source, const toml::table& table,
                               std::string_view entry, std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr || !node->is_string()) {
    return std::unexpected(At(source, table, entry, "'" + std::string(key) + "' must be text"));
  }
  std::string value = *node->value<std::string>();
  if (value.empty() || !base::IsValidUtf8(value)) {
    return std::unexpected(At(source, *node, entry, "'" + std::string(key) + "' is empty"));
  }
  return value;
}

base::Result<CatalogueEntry> ParseEntry(std::string_view source, const toml::table& table) {
  CatalogueEntry entry;
  auto code = Text(source, table, "", "code");
  if (!code) return std::unexpected(code.error());
  if (!IsCode(*code)) {
    return std::unexpected(At(source, table, *code, "'code' may hold only a-z, 0-9 and '_'"));
  }
  entry.code = *code;
  for (const auto& [key, target] :
       {std::pair{"name_sv", &entry.name_sv}, std::pair{"name_en", &entry.name_en},
        std::pair{"description_sv", &entry.description_sv},
        std::pair{"description_en", &entry.description_en}}) {
    auto value = Text(source, table, entry.code, key);
    if (!value) return std::unexpected(value.error());
    *target = std::move(*value);
  }
  if (const toml::node* foundation = table.get("foundation")) {
    if (!foundation->is_boolean()) {
      return std::unexpected(
          At(source, *foundation, entry.code, "'foundation' must be true or false"));
    }
    entry.foundation = *foundation->value<bool>();
  }
  if (const toml::node* rests_on = table.get("rests_on")) {
    const toml::array* list = rests_on->as_array();
    if (list == nullptr) {
      return std::unexpected(At(source, *rests_on, entry.code, "'rests_on' must be a list"));
    }
    for (const toml::node& item : *list) {
      if (!item.is_string()) {
        return std::unexpected(At(source, item, entry.code, "'rests_on' must list codes"));
      }
      entry.rests_on.push_back(*item.value<std::string>());
    }
  }
  return entry;
}

}  // namespace

std::string_view CatalogueEntry::Name(std::string_view language) const {
  return language == "en" ? name_en : name_sv;
}

std::string_view CatalogueEntry::Description(std::string_view language) const {
  return language == "en" ? description_en : description_sv;
}

base::Result<InterventionCatalogue> InterventionCatalogue::Parse(std::string_view text,
                                                                 std::string_view source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return base::Fail(base::ErrorCode::kInvalidInput, std::string(source) + ":" +
                                                          std::to_string(e.source().begin.line) +
                                                          ": " + std::string(e.description()));
  }
  const toml::array* list = root["intervention"].as_array();
  if (list == nullptr || list->empty()) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      std::string(source) + ": no [[intervention]] entries");
  }
  InterventionCatalogue catalogue;
  std::set<std::string, std::less<>> codes;
  std::vector<const toml::table*> tables;
  for (const toml::node& node : *list) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      return std::unexpected(At(source, node, "", "each [[intervention]] must be a table"));
    }
    auto entry = ParseEntry(source, *table);
    if (!entry) return std::unexpected(entry.error());
    if (!codes.insert(entry->code).second) {
      return std::unexpected(At(source, *table, entry->code, "the code is used twice"));
    }
    tables.push_back(table);
    catalogue.entries_.push_back(std::move(*entry));
  }
  // Dependencies are checked once every code is known, so an entry may rest on a later one.
  for (std::size_t i = 0; i < catalogue.entries_.size(); ++i) {
    const CatalogueEntry& entry = catalogue.entries_[i];
    for (const std::string& code : entry.rests_on) {
      if (!codes.contains(code) || code == entry.code) {
        return std::unexpected(
            At(source, *tables[i], entry.code, "'rests_on' names an unknown code '" + code + "'"));
      }
    }
  }
  return catalogue;
}

base::Result<InterventionCatalogue> InterventionCatalogue::LoadEmbedded() {
  const auto text = base::FindEmbedded(kPath);
  if (!text) {
    return base::Fail(base::ErrorCode::kInternal, std::string(kPath) + " is not embedded");
  }
  return Parse(*text, kPath);
}

const CatalogueEntry* InterventionCatalogue::Find(std::string_view code) const {
  const auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const CatalogueEntry& entry) { return entry.code == code; });
  return it == entries_.end() ? nullptr : &*it;
}

std::vector<std::string> InterventionCatalogue::DependentsOf(std::string_view code) const {
  std::vector<std::string> out;
  for (const CatalogueEntry& entry : entries_) {
    if (std::find(entry.rests_on.begin(), entry.rests_on.end(), code) != entry.rests_on.end()) {
      out.push_back(entry.code);
    }
  }
  return out;
}

}  // namespace fyren::sip
