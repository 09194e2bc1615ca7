#include "domain/support_directory/directory_search.h"

#include <gtest/gtest.h>

#include <vector>

namespace fyren::support_directory {
namespace {

DirectoryEntry Make(std::string sv, std::string en, std::vector<std::string> groups,
                    std::vector<std::string> languages) {
  DirectoryEntry entry;
  entry.draft.target_groups = std::move(groups);
  entry.draft.languages = std::move(languages);
  entry.draft.texts["sv"] = {.name = std::move(sv), .description = "Stöd i Göteborg", .hours = ""};
  entry.draft.texts["en"] = {.name = std::move(en), .description = "Support", .hours = ""};
  return entry;
}

std::string Label(std::string_view code) {
  return code == "buyers" ? "Köpare av sex" : std::string(code);
}

std::vector<std::string> Names(const std::vector<DirectoryEntry>& entries,
                               const DirectoryQuery& query, std::string_view locale = "sv") {
  std::vector<std::string> out;
  for (const DirectoryEntry* e : Filter(entries, query, locale, Label)) {
    out.push_back(e->Text("sv").name);
  }
  return out;
}

const std::vector<DirectoryEntry> kEntries = {
    Make("Mikamottagningen", "The Mika clinic", {"adults_selling_sex"}, {"sv", "ar"}),
    Make("KAST", "KAST", {"buyers"}, {"sv"}),
    Make("Ålands hjälp", "Åland help", {"young_people"}, {"sv", "ro"}),
};

TEST(DirectorySearchTest, AnEmptyQueryKeepsEverythingInOrder) {
  EXPECT_EQ(Names(kEntries, {}),
            (std::vector<std::string>{"Mikamottagningen", "KAST", "Ålands hjälp"}));
}

TEST(DirectorySearchTest, FreeTextIgnoresCaseAndSearchesBothLanguagesAndTargetGroups) {
  EXPECT_EQ(Names(kEntries, {.text = "mika", .target_group = {}, .language = {}}),
            (std::vector<std::string>{"Mikamottagningen"}));
  EXPECT_EQ(Names(kEntries, {.text = "ÅLANDS", .target_group = {}, .language = {}}),
            (std::vector<std::string>{"Ålands hjälp"}));
  EXPECT_EQ(Names(kEntries, {.text = "clinic", .target_group = {}, .language = {}}),
            (std::vector<std::string>{"Mikamottagningen"}));
  EXPECT_EQ(Names(kEntries, {.text = "köpare", .target_group = {}, .language = {}}),
            (std::vector<std::string>{"KAST"}));
  EXPECT_TRUE(Names(kEntries, {.text = "mika köpare", .target_group = {}, .language = {}}).empty());
}

TEST(DirectorySearchTest, FiltersOnTargetGroupAndLanguage) {
  EXPECT_EQ(Names(kEntries, {.text = {}, .target_group = "buyers", .language = {}}),
            (std::vector<std::string>{"KAST"}));
  EXPECT_EQ(Names(kEntries, {.text = {}, .target_group = {}, .language = "ro"}),
            (std::vector<std::string>{"Ålands hjälp"}));
  EXPECT_TRUE(Names(kEntries, {.text = {}, .target_group = "buyers", .language = "ar"}).empty());
}

TEST(DirectorySearchTest, FoldCaseLeavesOtherScriptsAlone) {
  EXPECT_EQ(FoldCase("ÅÄÖÉ ABC"), "åäöé abc");
  EXPECT_EQ(FoldCase("العربية ไทย ×"), "العربية ไทย ×");
}

TEST(DirectoryEntryTest, TextFallsBackToEnglish) {
  const DirectoryEntry& mika = kEntries.front();
  EXPECT_EQ(mika.Text("ar").name, "The Mika clinic");
  EXPECT_FALSE(mika.HasText("ar"));
  EXPECT_EQ(mika.Text("sv").name, "Mikamottagningen");
}

}  // namespace
}  // namespace fyren::support_directory
