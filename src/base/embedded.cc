#include "base/embedded.h"

namespace fyren::base {

std::optional<std::string_view> FindEmbedded(std::string_view path) {
  for (const EmbeddedFile& file : EmbeddedFiles()) {
    if (file.path == path) return file.data;
  }
  return std::nullopt;
}

}  // namespace fyren::base
