#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/config.h"
#include "storage/database.h"

namespace fyren::app {

// The file path of a "sqlite:PATH" URL, or nullopt for any other backend.
inline std::optional<std::string> SqlitePath(std::string_view url) {
  constexpr std::string_view kPrefix = "sqlite:";
  if (!url.starts_with(kPrefix)) return std::nullopt;
  return std::string(url.substr(kPrefix.size()));
}

storage::DatabaseOptions DatabaseOptionsFrom(const Config& config);

}  // namespace fyren::app
