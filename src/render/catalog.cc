#include "render/catalog.h"

#include <toml++/toml.h>

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace fyren::render {
namespace {

// Lets templates look keys up by string_view without building a std::string per lookup.
struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const noexcept {
    return std::hash<std::string_view>{}(key);
  }
};

}  // namespace

struct Catalog::Entries {
  std::unordered_map<std::string, std::string, TransparentHash, std::equal_to<>> map;
};

namespace {

base::Status Flatten(
    const toml::table& table, const std::string& prefix, std::string_view file,
    std::unordered_map<std::string, std::string, TransparentHash, std::equal_to<>>& out) {
  for (const auto& [name, node] : table) {
    const std::string key =
        prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    if (const auto* section = node.as_table()) {
      if (auto status = Flatten(*section, key, file, out); !status) return status;
      continue;
    }
    const auto* text = node.as_string();
    if (text == nullptr) {
      return base::Fail(base::ErrorCode::kInvalidInput,
                        std::string(file) + ": " + key + " is not a string");
    }
    out.emplace(key, text->get());
  }
  return base::Ok();
}

}  // namespace

Catalog::Catalog(std::string locale, std::unique_ptr<Entries> entries)
    : locale_(std::move(locale)), entries_(std::move(entries)) {}
Catalog::Catalog(Catalog&& other) noexcept = default;
Catalog& Catalog::operator=(Catalog&& other) noexcept = default;
Catalog::~Catalog() = default;

base::Result<Catalog> Catalog::Parse(std::string_view locale, std::string_view file,
                                     std::string_view toml_text) {
  toml::table table;
  try {
    table = toml::parse(toml_text, file);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    return base::Fail(base::ErrorCode::kInvalidInput,
                      std::string(file) + ":" + std::to_string(where.line) + ":" +
                          std::to_string(where.column) + ": " + std::string(error.description()));
  }
  auto entries = std::make_unique<Entries>();
  if (auto status = Flatten(table, "", file, entries->map); !status) {
    return std::unexpected(status.error());
  }
  return Catalog(std::string(locale), std::move(entries));
}

Catalog Catalog::WithFallback(Catalog own, const Catalog& fallback) {
  for (const auto& [key, value] : fallback.entries_->map) own.entries_->map.try_emplace(key, value);
  return own;
}

std::string_view Catalog::Get(std::string_view key) const {
  const std::string* text = Find(key);
  return text == nullptr ? key : std::string_view(*text);
}

bool Catalog::Contains(std::string_view key) const { return Find(key) != nullptr; }

std::string_view Catalog::GetOr(std::string_view key, std::string_view fallback) const {
  const std::string* text = Find(key);
  return text == nullptr ? fallback : std::string_view(*text);
}

std::vector<std::string> Catalog::Keys() const {
  std::vector<std::string> keys;
  keys.reserve(entries_->map.size());
  for (const auto& entry : entries_->map) keys.push_back(entry.first);
  std::ranges::sort(keys);
  return keys;
}

const std::string* Catalog::Find(std::string_view key) const {
  const auto it = entries_->map.find(key);
  return it == entries_->map.end() ? nullptr : &it->second;
}

}  // namespace fyren::render
