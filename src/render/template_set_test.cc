#include "render/template_set.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "base/embedded.h"
#include "render/template_source.h"

namespace fyren::render {
namespace {

const std::string kSv = "a = \"sv\"\n";
const std::string kEn = "a = \"en\"\n";

base::Result<TemplateSet> LoadTemplates(std::vector<base::EmbeddedFile> templates,
                                        TemplateSet::Parsing parsing = TemplateSet::Parsing::kNow) {
  templates.push_back({"web/i18n/sv.toml", kSv});
  templates.push_back({"web/i18n/en.toml", kEn});
  return TemplateSet::Load(templates, parsing);
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

// The server's start: parsing goes on in the background, and renders that come first (here
// from several threads at once) parse what they need exactly once and get the same output.
TEST(TemplateSetTest, ABackgroundParsedSetRendersFromEveryThread) {
  std::vector<base::EmbeddedFile> files;
  std::vector<std::string> names;
  std::vector<std::string> texts;
  names.reserve(40);
  texts.reserve(40);
  for (int i = 0; i < 40; ++i) {
    names.push_back("web/templates/p" + std::to_string(i) + ".mustache");
    texts.push_back("[{{> part}}" + std::to_string(i) + "]");
  }
  for (int i = 0; i < 40; ++i) files.push_back({names[i], texts[i]});
  files.push_back({"web/templates/part.mustache", "{{t.a}}:{{x}}:"});
  auto set = LoadTemplates(files, TemplateSet::Parsing::kInBackground);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  View view;
  view.Set("x", "<x>");
  std::vector<std::vector<std::string>> rendered(4);
  {
    std::vector<std::jthread> threads;
    for (auto& out : rendered) {
      threads.emplace_back([&set, &view, &out] {
        for (int i = 39; i >= 0; --i) {
          out.push_back(set->Render("p" + std::to_string(i), "en", view));
        }
      });
    }
  }
  for (const auto& out : rendered) {
    ASSERT_EQ(out.size(), 40U);
    for (int i = 0; i < 40; ++i) {
      EXPECT_EQ(out[39 - i], "[en:&lt;x&gt;:" + std::to_string(i) + "]");
    }
  }
}

// Loaded in the background, a template that does not parse is found at its render, named; the
// embedded set cannot get there because EveryEmbeddedTemplateParses loads it with kNow.
TEST(TemplateSetTest, ABackgroundParsedSetFailsTheRenderOfABrokenTemplate) {
  auto set = LoadTemplates({{"web/templates/broken.mustache", "{{#open}}never closed"},
                            {"web/templates/fine.mustache", "ok"}},
                           TemplateSet::Parsing::kInBackground);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_EQ(set->Render("fine", "sv", View()), "ok");
  try {
    (void)set->Render("broken", "sv", View());
    ADD_FAILURE() << "a broken template rendered";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("broken"), std::string::npos) << error.what();
  }
}

// Forbidden tags and partials are checked at load in both modes; only parsing is deferred.
TEST(TemplateSetTest, ABackgroundParsedSetStillRefusesForbiddenTagsAtLoad) {
  EXPECT_FALSE(LoadTemplates({{"web/templates/p.mustache", "{{{body}}}"}},
                             TemplateSet::Parsing::kInBackground)
                   .has_value());
  EXPECT_FALSE(LoadTemplates({{"web/templates/p.mustache", "{{> nowhere}}"}},
                             TemplateSet::Parsing::kInBackground)
                   .has_value());
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
