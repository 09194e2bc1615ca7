#include "render/template_source.h"

namespace fyren::render {
namespace {

constexpr int kMaxPartialDepth = 8;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A tag's name may be padded with any white space, line breaks included ({{ a\n}} is `a`).
std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

base::Status Invalid(std::string_view template_name, std::string_view what) {
  return base::Fail(base::ErrorCode::kInvalidInput,
                    "template " + std::string(template_name) + ": " + std::string(what));
}

}  // namespace

base::Result<std::vector<TemplateTag>> ScanTags(std::string_view template_name,
                                                std::string_view text) {
  std::vector<TemplateTag> tags;
  std::size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    const bool triple = pos + 2 < text.size() && text[pos + 2] == '{';
    const std::string_view close = triple ? "}}}" : "}}";
    const std::size_t content = pos + (triple ? 3 : 2);
    const std::size_t stop = text.find(close, content);
    if (stop == std::string_view::npos) {
      return std::unexpected(
          Invalid(template_name, "unclosed tag at offset " + std::to_string(pos)).error());
    }
    std::string_view inner = Trim(text.substr(content, stop - content));
    TemplateTag tag{.sigil = 0, .name = {}, .begin = pos, .end = stop + close.size()};
    if (triple) {
      tag.sigil = '{';
    } else if (!inner.empty() &&
               std::string_view("#^/>&!=").find(inner.front()) != std::string_view::npos) {
      tag.sigil = inner.front();
      inner = Trim(inner.substr(1));
    }
    tag.name = std::string(inner);
    pos = tag.end;
    tags.push_back(std::move(tag));
  }
  return tags;
}

base::Status CheckTags(std::string_view template_name, std::string_view text) {
  auto tags = ScanTags(template_name, text);
  if (!tags) return std::unexpected(tags.error());
  for (const auto& tag : *tags) {
    if (tag.sigil == '=') return Invalid(template_name, "set-delimiter tags are not allowed");
    if ((tag.sigil == '{' || tag.sigil == '&') && !tag.name.starts_with("trusted_html_")) {
      return Invalid(template_name, "unescaped output of \"" + tag.name +
                                        "\"; only trusted_html_* keys may be unescaped");
    }
  }
  return base::Ok();
}

base::Result<std::string> ExpandPartials(
    std::string_view template_name, std::string_view text,
    const std::map<std::string, std::string, std::less<>>& sources, int depth) {
  if (depth > kMaxPartialDepth) {
    return std::unexpected(Invalid(template_name, "partials nested too deeply (a cycle?)").error());
  }
  auto tags = ScanTags(template_name, text);
  if (!tags) return std::unexpected(tags.error());
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (const auto& tag : *tags) {
    if (tag.sigil != '>') continue;
    const auto partial = sources.find(tag.name);
    if (partial == sources.end()) {
      return std::unexpected(Invalid(template_name, "no partial " + tag.name).error());
    }
    auto expanded = ExpandPartials(partial->first, partial->second, sources, depth + 1);
    if (!expanded) return std::unexpected(expanded.error());
    out.append(text.substr(copied, tag.begin - copied));
    out.append(*expanded);
    copied = tag.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace fyren::render
