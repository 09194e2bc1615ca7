#include "render/view.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "base/embedded.h"
#include "render/template_set.h"

namespace fyren::render {
namespace {

// A tiny template set built from literal files, so each test shows its template.
TemplateSet Make(std::string_view body) {
  static const std::string kSvCatalog = "[g]\nhello = \"Hej\"\n";
  static const std::string kEnCatalog = "[g]\nhello = \"Hello\"\n";
  // Load copies what it keeps, so the file table only has to outlive the call.
  const std::vector<base::EmbeddedFile> files = {
      {"web/i18n/sv.toml", kSvCatalog},
      {"web/i18n/en.toml", kEnCatalog},
      {"web/templates/page.mustache", body},
  };
  auto set = TemplateSet::Load(files);
  EXPECT_TRUE(set.has_value()) << (set ? "" : set.error().message);
  return std::move(*set);
}

TEST(ViewTest, TextIsEscaped) {
  const auto set = Make("<p>{{name}}</p>");
  View view;
  view.Set("name", "<script>alert(1)</script> & \"quotes\" 'single'");
  EXPECT_EQ(
      set.Render("page", "sv", view),
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39;</p>");
}

TEST(ViewTest, TrustedHtmlIsWrittenAsIs) {
  const auto set = Make("<div>{{{trusted_html_body}}}</div>");
  View view;
  view.SetHtml("trusted_html_body", TrustedHtml::FromEscaped("<b>" + EscapeHtml("<i>") + "</b>"));
  EXPECT_EQ(set.Render("page", "sv", view), "<div><b>&lt;i&gt;</b></div>");
}

TEST(ViewTest, RawHtmlNeedsTheTrustedKeyName) {
  View view;
  EXPECT_THROW(view.SetHtml("body", TrustedHtml::FromText("x")), std::invalid_argument);
}

TEST(ViewTest, FlagsListsAndChildren) {
  const auto set = Make(
      "{{#on}}on{{/on}}{{^off}}off{{/off}}[{{#items}}{{n}},{{/items}}]{{^none}}empty{{/none}}"
      "{{parent.child}}");
  View view;
  view.SetFlag("on", true).SetFlag("off", false);
  for (const auto* n : {"1", "2", "3"}) {
    View item;
    item.Set("n", n);
    view.Append("items", std::move(item));
  }
  View parent;
  parent.Set("child", "deep");
  view.SetChild("parent", std::move(parent));
  EXPECT_EQ(set.Render("page", "sv", view), "onoff[1,2,3,]emptydeep");
}

// Lists grow past several reallocations with nested lists inside their items; every item must
// survive the growth whole and in order.
TEST(ViewTest, LongListsWithNestedListsKeepEveryItemInOrder) {
  const auto set = Make("{{#rows}}{{n}}:{{#cells}}{{c}}{{/cells}};{{/rows}}");
  View view;
  std::string expected;
  for (int n = 0; n < 100; ++n) {
    View row;
    row.Set("n", std::to_string(n));
    for (const auto* c : {"a", "b"}) {
      View cell;
      cell.Set("c", c);
      row.Append("cells", std::move(cell));
    }
    view.Append("rows", std::move(row));
    expected += std::to_string(n) + ":ab;";
  }
  EXPECT_EQ(set.Render("page", "sv", view), expected);
}

TEST(ViewTest, TranslationsComeFromTheLocalesCatalog) {
  const auto set = Make("{{t.g.hello}}");
  const View view;
  EXPECT_EQ(set.Render("page", "sv", view), "Hej");
  EXPECT_EQ(set.Render("page", "en", view), "Hello");
  EXPECT_EQ(set.Render("page", "xx", view), "Hej");
}

TEST(ViewTest, PageValuesShadowSharedValues) {
  const auto set = Make("{{a}}-{{b}}");
  View shared;
  shared.Set("a", "shared-a").Set("b", "shared-b");
  View page;
  page.Set("a", "page-a");
  EXPECT_EQ(set.Render("page", "sv", page, &shared), "page-a-shared-b");
}

}  // namespace
}  // namespace fyren::render
