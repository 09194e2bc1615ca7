#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "render/view.h"

namespace fyren::render {

// The catalog texts of one locale by slot, already HTML-escaped; an empty entry is a key the
// locale's catalog lacks (rendered as nothing, and false in a section).
using CatalogSlots = std::vector<std::optional<std::string>>;

// One template, parsed once into a flat list of nodes and rendered by walking it: the logic-less
// Mustache subset Fyren's templates use. Text is copied as is; {{name}} writes a value escaped;
// {{{trusted_html_x}}} and {{& trusted_html_x}} write a SetHtml value as is (anything else under
// such a tag is still escaped); {{#name}}...{{/name}} renders for a true flag, a present text or
// child (which it enters) and once per item of a list; {{^name}}...{{/name}} renders when the
// value is missing or false; {{! comment}} writes nothing. Names resolve through the open
// sections, innermost first, then the page view, then the shared view; `a.b` resolves `a` that
// way and then descends; `.` is the innermost section's text. {{t.key}} is the locale's text
// for `key`, resolved to a slot when the template is parsed.
//
// Whitespace follows the Mustache specification: a line holding only a section, inverted,
// closing or comment tag (and blanks) is left out of the output whole.
//
// Partials ({{> name}}) must be expanded before parsing (template_source.h); set-delimiter tags
// are refused, and so are sections nested more than 64 deep. Immutable after Parse; Render may run
// on any number of threads at once.
class CompiledTemplate {
 public:
  // The slot of catalog key `key` (the part after `t.`), assigned by the template set.
  using SlotOf = std::function<std::size_t(std::string_view key)>;

  // Fails with kInvalidInput naming the template and the offset on an unclosed tag, a section
  // closed by the wrong name or never closed, a close with no open section, a partial or a
  // set-delimiter tag.
  [[nodiscard]] static base::Result<CompiledTemplate> Parse(std::string_view name,
                                                            std::string_view text,
                                                            const SlotOf& slot_of);

  // Appends the rendering of `page` (on top of `shared`, which may be null) to `out`.
  void Render(const View& page, const View* shared, const CatalogSlots& catalog,
              std::string& out) const;

  // The size of the text outside tags: a hint for reserving the output.
  [[nodiscard]] std::size_t literal_size() const { return literal_size_; }

 private:
  struct Name {
    std::string part;
    std::uint32_t hash = 0;
  };
  struct Node {
    enum class Kind : std::uint8_t { kText, kEscaped, kRaw, kSection, kInverted, kCatalog };
    Kind kind = Kind::kText;
    std::string text;        // kText: the literal
    std::vector<Name> path;  // variables and sections: the dotted name, split; empty for `.`
    std::size_t slot = 0;    // kCatalog, and sections over `t.key` (catalog = true)
    bool catalog = false;    // a section over a catalog key
    std::uint32_t end = 0;   // sections: the index just past the section's last node
  };
  class Renderer;

  std::vector<Node> nodes_;
  std::size_t literal_size_ = 0;
};

}  // namespace fyren::render
