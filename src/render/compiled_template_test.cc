#include "render/compiled_template.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace fyren::render {
namespace {

// Catalog keys numbered in the order the test's templates name them.
class Slots {
 public:
  CompiledTemplate::SlotOf SlotOf() {
    return [this](std::string_view key) {
      return numbers_.try_emplace(std::string(key), numbers_.size()).first->second;
    };
  }
  // The escaped texts by slot, from `texts` (a key not in it stays missing).
  CatalogSlots Texts(const std::map<std::string, std::string>& texts) const {
    CatalogSlots slots(numbers_.size());
    for (const auto& [key, number] : numbers_) {
      if (const auto found = texts.find(key); found != texts.end()) slots[number] = found->second;
    }
    return slots;
  }

 private:
  std::map<std::string, std::size_t> numbers_;
};

std::string Render(std::string_view text, const View& page, const View* shared = nullptr) {
  Slots slots;
  auto parsed = CompiledTemplate::Parse("test", text, slots.SlotOf());
  EXPECT_TRUE(parsed.has_value()) << parsed.error().message;
  if (!parsed) return "<parse error>";
  std::string out;
  parsed->Render(page, shared, slots.Texts({}), out);
  return out;
}

std::string ParseError(std::string_view text) {
  Slots slots;
  auto parsed = CompiledTemplate::Parse("broken", text, slots.SlotOf());
  return parsed ? std::string("parsed") : parsed.error().message;
}

TEST(CompiledTemplateTest, VariablesAreEscapedAndMissingOnesAreEmpty) {
  View view;
  view.Set("a", "<b> & \"c\" 'd'");
  EXPECT_EQ(Render("[{{\n a\r\n}}]", view), "[&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;]");
  EXPECT_EQ(
      Render("[{{a}}][{{ a }}][{{missing}}]", view),
      "[&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;][&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;][]");
}

TEST(CompiledTemplateTest, OnlyTrustedHtmlIsWrittenUnescaped) {
  View view;
  view.SetHtml("trusted_html_x", TrustedHtml::FromEscaped("<em>ok</em>"));
  view.Set("trusted_html_y", "<script>");
  EXPECT_EQ(
      Render("{{{trusted_html_x}}}|{{& trusted_html_x}}|{{{trusted_html_y}}}|{{trusted_html_x}}",
             view),
      "<em>ok</em>|<em>ok</em>|&lt;script&gt;|&lt;em&gt;ok&lt;/em&gt;");
}

TEST(CompiledTemplateTest, SectionsFollowTheMustacheRules) {
  View view;
  view.SetFlag("yes", true).SetFlag("no", false).Set("empty", "").Set("word", "w");
  View child;
  child.Set("inner", "i");
  view.SetChild("child", std::move(child));
  EXPECT_EQ(Render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}{{^yes}}y{{/yes}}", view), "Yn");
  EXPECT_EQ(Render("{{#empty}}E{{/empty}}{{^empty}}e{{/empty}}", view), "E");
  EXPECT_EQ(Render("{{#missing}}M{{/missing}}{{^missing}}m{{/missing}}", view), "m");
  EXPECT_EQ(Render("{{#word}}[{{.}}]{{/word}}", view), "[w]");
  EXPECT_EQ(Render("{{#child}}{{inner}}{{word}}{{/child}}|{{child.inner}}|{{child.none.x}}", view),
            "iw|i|");
}

TEST(CompiledTemplateTest, ListsRenderOncePerItemAndNamesFallBackOutwards) {
  View view;
  view.Set("outer", "o").Set("n", "page");
  for (const char* n : {"1", "2"}) {
    View row;
    row.Set("n", n);
    for (const char* c : {"a", "b"}) {
      View cell;
      cell.Set("c", c);
      row.Append("cells", std::move(cell));
    }
    view.Append("rows", std::move(row));
  }
  EXPECT_EQ(Render("{{#rows}}{{n}}{{outer}}:{{#cells}}{{c}}{{n}}{{/cells}};{{/rows}}{{n}}", view),
            "1o:a1b1;2o:a2b2;page");
}

TEST(CompiledTemplateTest, PageShadowsSharedAndANewerValueShadowsAnOlder) {
  View shared;
  shared.Set("a", "shared-a").Set("b", "shared-b");
  View page;
  page.Set("a", "old").Set("a", "page-a");
  EXPECT_EQ(Render("{{a}} {{b}}", page, &shared), "page-a shared-b");
}

TEST(CompiledTemplateTest, StandaloneTagLinesLeaveNoTrace) {
  View view;
  view.SetFlag("on", true);
  EXPECT_EQ(Render("<ul>\n  {{#on}}\n  <li>x</li>\n  {{/on}}\n  {{! a note }}\n</ul>\n", view),
            "<ul>\n  <li>x</li>\n</ul>\n");
  EXPECT_EQ(Render("a\n{{^on}}\nhidden\n{{/on}}\nb", view), "a\nb");
  // Tags sharing a line with text keep the line.
  EXPECT_EQ(Render("<p>{{#on}}yes{{/on}}</p>\n", view), "<p>yes</p>\n");
  EXPECT_EQ(Render("{{#on}}{{#on}}\nx\n{{/on}}{{/on}}\n", view), "\nx\n\n");
  // A long line of tags is parsed in one pass (found by the fuzz target: it used to rescan the
  // line for every tag).
  std::string long_line;
  for (int i = 0; i < 20000; ++i) long_line += "{{#on}}x{{/on}}{{! note }}";
  EXPECT_EQ(Render(long_line, view), std::string(20000, 'x'));
  // The last line needs no newline; Windows line ends count as blank.
  EXPECT_EQ(Render("x\r\n{{#on}}\r\ny\r\n{{/on}}", view), "x\r\ny\r\n");
}

TEST(CompiledTemplateTest, CatalogTextsComeFromTheirSlotAlreadyEscaped) {
  Slots slots;
  auto parsed = CompiledTemplate::Parse(
      "page", "{{t.a}}|{{#t.a}}has{{/t.a}}|{{^t.gone}}none{{/t.gone}}|{{t.gone}}", slots.SlotOf());
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  std::string out;
  parsed->Render(View(), nullptr, slots.Texts({{"a", "A &amp; B"}}), out);
  EXPECT_EQ(out, "A &amp; B|has|none|");
}

TEST(CompiledTemplateTest, MalformedTemplatesAreRefusedNamingTheProblem) {
  EXPECT_NE(ParseError("{{#a}}open").find("{{#a}} is never closed at offset 0"), std::string::npos);
  EXPECT_NE(ParseError("x{{/a}}").find("{{/a}} closes nothing at offset 1"), std::string::npos);
  EXPECT_NE(ParseError("{{#a}}{{/b}}").find("{{/b}} closes {{#a}}"), std::string::npos);
  EXPECT_NE(ParseError("{{#a}}{{#b}}{{/a}}{{/b}}").find("closes {{#b}}"), std::string::npos);
  EXPECT_NE(ParseError("{{unclosed").find("unclosed tag"), std::string::npos);
  EXPECT_NE(ParseError("{{> partial}}").find("partial"), std::string::npos);
  EXPECT_NE(ParseError("{{=<% %>=}}").find("set-delimiter"), std::string::npos);
  EXPECT_NE(ParseError("{{}}").find("empty tag"), std::string::npos);
  EXPECT_NE(ParseError("{{a..b}}").find("empty part"), std::string::npos);
  EXPECT_NE(ParseError("{{t.}}").find("empty catalog key"), std::string::npos);
  EXPECT_NE(ParseError("{{#a}}").find("template broken"), std::string::npos);
  std::string deep;
  for (int i = 0; i < 65; ++i) deep += "{{#a}}";
  for (int i = 0; i < 65; ++i) deep += "{{/a}}";
  EXPECT_NE(ParseError(deep).find("nested deeper than 64"), std::string::npos);
  EXPECT_EQ(ParseError(deep.substr(6, deep.size() - 12)), "parsed");
}

}  // namespace
}  // namespace fyren::render
