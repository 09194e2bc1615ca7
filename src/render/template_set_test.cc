#include "render/template_set.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/embedded.h"
#include "render/template_source.h"

namespace fyren::render {
namespace {

const std::string kSv = "a = \"sv\"\n";
const std::string kEn = "a = \"en\"\n";

base::Result<TemplateSet> LoadTemplates(std::vector<base::EmbeddedFile> templates) {
  templates.push_back({"web/i18n/sv.toml", kSv});
  templates.push_back({"web/i18n/en.toml", kEn});
  return TemplateSet::Load(templates);
}

TEST(TemplateSetTest, EveryEmbeddedTemplateParses) {
  auto set = TemplateSet::LoadEmbedded();
  ASSERT_TRUE(set.has_value()) << set.error().message;
  for (const auto* name :
       {"layout_header", "layout_footer", "start", "organisations", "glossary", "about", "error"}) {
    EXPECT_TRUE(set->Has(name)) << name;
  }
}

TEST(TemplateSetTest, EveryTranslationKeyATemplateUsesExists) {
  auto set = TemplateSet::LoadEmbedded();
  ASSERT_TRUE(set.has_value()) << set.error().message;
  int checked = 0;
  for (const auto& file : base::EmbeddedFiles()) {
    if (!file.path.starts_with(TemplateSet::kTemplateDir)) continue;
    auto tags = ScanTags(file.path, file.data);
    ASSERT_TRUE(tags.has_value());
    for (const auto& tag : *tags) {
      if (!tag.name.starts_with("t.")) continue;
      const std::string key = tag.name.substr(2);
      EXPECT_TRUE(set->catalog("sv").Contains(key)) << file.path << ": " << key;
      EXPECT_TRUE(set->catalog("en").Contains(key)) << file.path << ": " << key;
      ++checked;
    }
  }
  EXPECT_GT(checked, 50);
}

TEST(TemplateSetTest, PartialsAreExpandedAtLoad) {
  auto set = LoadTemplates({{"web/templates/outer.mustache", "[{{> inner}}]"},
                            {"web/templates/inner.mustache", "{{t.a}}:{{x}}"}});
  ASSERT_TRUE(set.has_value()) << set.error().message;
  View view;
  view.Set("x", "<x>");
  EXPECT_EQ(set->Render("outer", "en", view), "[en:&lt;x&gt;]");
}

TEST(TemplateSetTest, MissingPartialFailsTheLoadNamingTheTemplate) {
  auto set = LoadTemplates({{"web/templates/page.mustache", "{{> nowhere}}"}});
  ASSERT_FALSE(set.has_value());
  EXPECT_NE(set.error().message.find("page"), std::string::npos);
  EXPECT_NE(set.error().message.find("nowhere"), std::string::npos);
}

TEST(TemplateSetTest, CyclicPartialsFailTheLoad) {
  auto set = LoadTemplates(
      {{"web/templates/a.mustache", "{{> b}}"}, {"web/templates/b.mustache", "{{> a}}"}});
  EXPECT_FALSE(set.has_value());
}

TEST(TemplateSetTest, ParseErrorFailsTheLoadNamingTheTemplate) {
  auto set = LoadTemplates({{"web/templates/broken.mustache", "{{#open}}never closed"}});
  ASSERT_FALSE(set.has_value());
  EXPECT_NE(set.error().message.find("broken"), std::string::npos) << set.error().message;
}

TEST(TemplateSetTest, UnclosedTagFailsTheLoad) {
  auto set = LoadTemplates({{"web/templates/broken.mustache", "<p>{{name</p>"}});
  ASSERT_FALSE(set.has_value());
  EXPECT_NE(set.error().message.find("broken"), std::string::npos);
}

TEST(TemplateSetTest, UnescapedOutputIsRefusedUnlessTrusted) {
  EXPECT_FALSE(LoadTemplates({{"web/templates/p.mustache", "{{{body}}}"}}).has_value());
  EXPECT_FALSE(LoadTemplates({{"web/templates/p.mustache", "{{& body}}"}}).has_value());
  EXPECT_FALSE(LoadTemplates({{"web/templates/p.mustache", "{{=<% %>=}}<%{body}%>"}}).has_value());
  EXPECT_TRUE(LoadTemplates({{"web/templates/p.mustache", "{{{trusted_html_body}}}"}}).has_value());
}

TEST(TemplateSetTest, MissingCatalogFailsTheLoad) {
  const std::vector<base::EmbeddedFile> files = {{"web/templates/p.mustache", "x"},
                                                 {"web/i18n/sv.toml", kSv}};
  EXPECT_FALSE(TemplateSet::Load(files).has_value());
}

// A new language is a new file: no code names it. What it leaves out falls back to English.
TEST(TemplateSetTest, AnyCatalogFileIsALanguageThatFallsBackToEnglish) {
  const std::vector<base::EmbeddedFile> files = {{"web/templates/p.mustache", "{{t.a}}/{{t.b}}"},
                                                 {"web/i18n/sv.toml", "a = \"sv\"\nb = \"sv-b\"\n"},
                                                 {"web/i18n/en.toml", "a = \"en\"\nb = \"en-b\"\n"},
                                                 {"web/i18n/ro.toml", "a = \"ro\"\n"}};
  auto set = TemplateSet::Load(files);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_EQ(set->Locales(), (std::vector<std::string>{"sv", "en", "ro"}));
  EXPECT_TRUE(set->HasLocale("ro"));
  EXPECT_FALSE(set->HasLocale("de"));
  EXPECT_EQ(set->Render("p", "ro", View()), "ro/en-b");
  EXPECT_EQ(set->Render("p", "de", View()), "sv/sv-b");  // unknown: the default
  EXPECT_EQ(set->Render("p", "en", View()), "en/en-b");
}

TEST(TemplateSetTest, ACatalogFileMustBeNamedByALanguageCode) {
  EXPECT_FALSE(LoadTemplates({{"web/i18n/Arabic.toml", "a = \"x\"\n"}}).has_value());
}

TEST(TemplateSetTest, TheShippedExtraLanguagesLoad) {
  auto set = TemplateSet::LoadEmbedded();
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_GE(set->Locales().size(), 5U);
  EXPECT_EQ(set->catalog("ar").Get("lang.dir"), "rtl");
  EXPECT_EQ(set->catalog("sv").Get("lang.dir"), "ltr");
}

TEST(TemplateSetTest, UnknownTemplateIsAProgrammingError) {
  auto set = LoadTemplates({});
  ASSERT_TRUE(set.has_value());
  EXPECT_THROW((void)set->Render("nope", "sv", View()), std::out_of_range);
}

}  // namespace
}  // namespace fyren::render
