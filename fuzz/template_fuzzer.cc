// Fuzzes the template compiler (render/compiled_template): the input is a template's text, parsed
// with catalog keys numbered as they are first seen and, when it parses, rendered over a view with
// every kind of value (texts with <>&"' in them, flags, trusted HTML, a child, a list of rows with
// a nested list, a shared view under the page) and a catalog with every other text missing.
// Invariants: no crash and no sanitizer report; the literal text never outgrows the template;
// values bring no markup: the output has as many '<' and "<script" as a rendering of the same view
// with harmless texts, and no "<script" at all when the template has no '<'; rendering twice gives
// the same output, appended after what the string already held.
//
// "<script" in the output is not checked against the template text as such: tags can join two
// pieces of it ("<scr{{! }}ipt>" renders "<script>"), so the rendering with harmless texts is the
// reference instead.
//
// Not in the libFuzzer build: CompiledTemplate::Parse returns base::Result, a std::expected, and
// clang 14 cannot use libstdc++ 12's <expected>; the g++ replay (ctest fuzz_replay_template) runs.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "render/compiled_template.h"
#include "render/trusted_html.h"
#include "render/view.h"

namespace {

namespace render = fyren::render;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

std::size_t Count(std::string_view text, std::string_view what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string_view::npos;
       at = text.find(what, at + 1)) {
    ++count;
  }
  return count;
}

// The page and the shared view, with hostile texts or with harmless ones in their place (of the
// same emptiness, so that both render the same sections). Keys come from a, b, c, rows,
// trusted_html_x and child. Each nested row has a false `rows`, which keeps the rendering linear
// in the template: with lists all the way down, {{#rows}} nested n deep would render 2^n times.
struct Views {
  render::View page;
  render::View shared;
};

Views MakeViews(bool hostile) {
  const auto text = [hostile](std::string value) {
    return hostile || value.empty() ? value : std::string("plain");
  };
  Views views;
  views.shared.Set("a", text("<script>shadowed</script>"))
      .Set("c", text("<script>alert(\"c\")</script> & 'c'"));

  render::View child;
  child.Set("a", text("<script>child</script>"))
      .SetFlag("b", true)
      .Set("trusted_html_x", text("<script>a text, not html</script>"));
  views.page.Set("a", text("<script>alert('a')</script> & \"a\""))
      .SetFlag("b", true)
      .SetHtml("trusted_html_x", render::TrustedHtml::FromEscaped(
                                     "<em class=\"x\">" + render::EscapeHtml("<script>") + "</em>"))
      .SetChild("child", std::move(child));
  for (int i = 0; i < 3; ++i) {
    render::View row;
    row.Set("a", text("<script>row " + std::to_string(i) + "</script>"))
        .SetFlag("b", i % 2 == 0)
        .SetFlag("c", false);
    for (int j = 0; j < 2; ++j) {
      render::View nested;
      nested.Set("a", text(j == 0 ? "" : "<>&\"'")).SetFlag("rows", false);
      row.Append("rows", std::move(nested));
    }
    views.page.Append("rows", std::move(row));
  }
  return views;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::size_t> slots;
  const auto parsed = render::CompiledTemplate::Parse("fuzz", text, [&](std::string_view key) {
    return slots.try_emplace(std::string(key), slots.size()).first->second;
  });
  if (!parsed) return 0;
  Check(parsed->literal_size() <= text.size());

  render::CatalogSlots catalog(slots.size());
  for (std::size_t slot = 0; slot < catalog.size(); slot += 2) {
    catalog[slot] = render::EscapeHtml("<script>t" + std::to_string(slot) + "</script> & \"'");
  }
  const Views hostile = MakeViews(true);
  const Views harmless = MakeViews(false);

  std::string out;
  parsed->Render(hostile.page, &hostile.shared, catalog, out);
  std::string again = "before";
  parsed->Render(hostile.page, &hostile.shared, catalog, again);
  Check(again == "before" + out);

  std::string reference;
  parsed->Render(harmless.page, &harmless.shared, catalog, reference);
  Check(Count(out, "<") == Count(reference, "<"));
  Check(Count(out, "<script") == Count(reference, "<script"));
  if (text.find('<') == std::string_view::npos) Check(out.find("<script") == std::string::npos);
  return 0;
}
