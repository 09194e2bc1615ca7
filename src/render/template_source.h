#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fyren::render {

// One {{...}} tag in a template's text, found without parsing the whole template.
struct TemplateTag {
  char sigil = 0;  // 0 for a plain variable; '#', '^', '/', '>', '&', '!', '=', or '{' (triple)
  std::string name;
  std::size_t begin = 0;  // offset of the opening braces
  std::size_t end = 0;    // offset just after the closing braces
};

// Every tag in `text` in order. Fails on a tag that is opened and never closed.
[[nodiscard]] base::Result<std::vector<TemplateTag>> ScanTags(std::string_view template_name,
                                                              std::string_view text);

// Enforces the template rules the engine cannot: unescaped output only for `trusted_html_*`
// names, and no set-delimiter tags (they would hide tags from this scanner).
[[nodiscard]] base::Status CheckTags(std::string_view template_name, std::string_view text);

// `text` with every {{> partial}} replaced by that template's own expanded text. Fails naming the
// template when a partial is missing or the nesting is deeper than 8 (a cycle).
[[nodiscard]] base::Result<std::string> ExpandPartials(
    std::string_view template_name, std::string_view text,
    const std::map<std::string, std::string, std::less<>>& sources, int depth = 0);

}  // namespace fyren::render
