#include "render/trusted_html.h"

namespace fyren::render {
namespace {

std::string_view Entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return {};
  }
}

}  // namespace

void AppendEscapedHtml(std::string& out, std::string_view text) {
  // Most values need no escaping at all; copy the runs between special characters whole.
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string_view entity = Entity(text[i]);
    if (entity.empty()) continue;
    out.append(text.substr(copied, i - copied));
    out.append(entity);
    copied = i + 1;
  }
  out.append(text.substr(copied));
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendEscapedHtml(out, text);
  return out;
}

}  // namespace fyren::render
