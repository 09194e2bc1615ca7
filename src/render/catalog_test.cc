#include "render/catalog.h"

#include <gtest/gtest.h>

#include <string>

#include "base/embedded.h"

namespace fyren::render {
namespace {

Catalog LoadEmbeddedCatalog(std::string_view locale) {
  const std::string path = "web/i18n/" + std::string(locale) + ".toml";
  const auto text = base::FindEmbedded(path);
  EXPECT_TRUE(text.has_value()) << path;
  auto catalog = Catalog::Parse(locale, path, text.value_or(""));
  EXPECT_TRUE(catalog.has_value()) << (catalog ? "" : catalog.error().message);
  return std::move(*catalog);
}

TEST(CatalogTest, SwedishAndEnglishHaveExactlyTheSameKeys) {
  const Catalog sv = LoadEmbeddedCatalog("sv");
  const Catalog en = LoadEmbeddedCatalog("en");
  const auto sv_keys = sv.Keys();
  const auto en_keys = en.Keys();
  for (const auto& key : sv_keys) EXPECT_TRUE(en.Contains(key)) << "missing in en.toml: " << key;
  for (const auto& key : en_keys) EXPECT_TRUE(sv.Contains(key)) << "missing in sv.toml: " << key;
  EXPECT_EQ(sv_keys, en_keys);
  EXPECT_GT(sv_keys.size(), 50u);
}

TEST(CatalogTest, NoValueIsEmpty) {
  for (const auto* locale : {"sv", "en"}) {
    const Catalog catalog = LoadEmbeddedCatalog(locale);
    for (const auto& key : catalog.Keys()) {
      EXPECT_FALSE(catalog.Get(key).empty()) << locale << ": " << key;
    }
  }
}

TEST(CatalogTest, SectionsFlattenIntoDottedKeys) {
  auto catalog = Catalog::Parse("sv", "t.toml", "top = \"a\"\n[nav]\nstart = \"Start\"\n");
  ASSERT_TRUE(catalog.has_value());
  EXPECT_EQ(catalog->Get("nav.start"), "Start");
  EXPECT_EQ(catalog->Get("top"), "a");
  EXPECT_EQ(catalog->locale(), "sv");
}

TEST(CatalogTest, MissingKeyShowsTheKeyRatherThanNothing) {
  auto catalog = Catalog::Parse("en", "t.toml", "a = \"b\"\n");
  ASSERT_TRUE(catalog.has_value());
  EXPECT_EQ(catalog->Get("no.such.key"), "no.such.key");
  EXPECT_EQ(catalog->Find("no.such.key"), nullptr);
}

TEST(CatalogTest, GetOrGivesTheFallbackOnlyForAMissingKey) {
  auto catalog = Catalog::Parse("sv", "t.toml", "[case.status]\nopen = \"Öppet\"\n");
  ASSERT_TRUE(catalog);
  EXPECT_EQ(catalog->GetOr("case.status.open", "open"), "Öppet");
  EXPECT_EQ(catalog->GetOr("case.status.paused", "paused"), "paused");
}

TEST(CatalogTest, SyntaxErrorNamesTheFileAndLine) {
  auto catalog = Catalog::Parse("sv", "web/i18n/sv.toml", "a = \"ok\"\nb = \n");
  ASSERT_FALSE(catalog.has_value());
  EXPECT_NE(catalog.error().message.find("web/i18n/sv.toml:2"), std::string::npos)
      << catalog.error().message;
}

TEST(CatalogTest, NonStringValueIsRejected) {
  auto catalog = Catalog::Parse("sv", "x.toml", "[nav]\ncount = 3\n");
  ASSERT_FALSE(catalog.has_value());
  EXPECT_NE(catalog.error().message.find("nav.count"), std::string::npos);
}

}  // namespace
}  // namespace fyren::render
