#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace fyren::base {

// A file from web/, migrations/ or content/ compiled into the binary (cmake/FyrenEmbed.cmake),
// so a deployment is one executable. Paths are relative to the repository root, e.g.
// "web/templates/layout.mustache". The data lives for the whole program.
struct EmbeddedFile {
  std::string_view path;
  std::string_view data;
};

// Defined in the generated fyren_assets library.
std::span<const EmbeddedFile> EmbeddedFiles();

// The file at `path`, or nullopt. Linear in the number of files; callers that need it on a hot
// path look the file up once at start.
std::optional<std::string_view> FindEmbedded(std::string_view path);

}  // namespace fyren::base
