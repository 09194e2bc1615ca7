#include "domain/support_directory/entry_rules.h"

#include <gtest/gtest.h>

#include <vector>

namespace fyren::support_directory {
namespace {

const std::vector<SpokenLanguage> kLanguages = {
    {.code = "sv", .native = "svenska", .name_sv = "svenska", .name_en = "Swedish"},
    {.code = "en", .native = "English", .name_sv = "engelska", .name_en = "English"},
    {.code = "ar", .native = "العربية", .name_sv = "arabiska", .name_en = "Arabic"},
};

EntryDraft Good() {
  EntryDraft draft;
  draft.kind = EntryKind::kNgo;
  draft.target_groups = {"lgbtq"};
  draft.languages = {"sv"};
  draft.phone = "070-174 06 50";
  draft.texts["sv"] = {.name = "Namn", .description = "Beskrivning", .hours = ""};
  draft.texts["en"] = {.name = "Name", .description = "Description", .hours = ""};
  return draft;
}

std::vector<std::string> Fields(const EntryDraft& draft) {
  std::vector<std::string> out;
  for (const FieldProblem& p : CheckDraft(Normalised(draft), kLanguages)) out.push_back(p.field);
  return out;
}

TEST(EntryRulesTest, AGoodDraftHasNoProblems) { EXPECT_TRUE(Fields(Good()).empty()); }

TEST(EntryRulesTest, EveryProblemIsReportedInFormOrder) {
  EntryDraft draft = Good();
  draft.texts["sv"].name = "  ";
  draft.texts["en"].description = "";
  draft.target_groups = {};
  draft.languages = {"xx"};
  draft.phone = "ring mig";
  draft.email = "a@b";
  draft.web = "javascript:alert(1)";
  EXPECT_EQ(Fields(draft), (std::vector<std::string>{"name_sv", "description_en", "target_groups",
                                                     "languages", "phone", "email", "web"}));
}

TEST(EntryRulesTest, SomeWayToMakeContactIsRequired) {
  EntryDraft draft = Good();
  draft.phone.clear();
  EXPECT_EQ(CheckDraft(Normalised(draft), kLanguages),
            (std::vector<FieldProblem>{{"phone", "contact_missing"}}));
  draft.web = "https://example.org/stod";
  EXPECT_TRUE(Fields(draft).empty());
}

TEST(EntryRulesTest, OptionalLanguagesMayBeLeftEmptyButNotHalfDone) {
  EntryDraft draft = Good();
  draft.texts["ar"] = {.name = " ", .description = "", .hours = ""};
  EXPECT_TRUE(Fields(draft).empty());
  EXPECT_FALSE(Normalised(draft).texts.contains("ar"));
  draft.texts["ar"] = {.name = "اسم", .description = "", .hours = ""};
  EXPECT_EQ(Fields(draft), (std::vector<std::string>{"description_ar"}));
}

TEST(EntryRulesTest, TextsAreLimited) {
  EntryDraft draft = Good();
  draft.texts["en"].name = std::string(201, 'a');
  draft.texts["sv"].hours = "9\x01-16";
  EXPECT_EQ(Fields(draft), (std::vector<std::string>{"hours_sv", "name_en"}));
}

TEST(EntryRulesTest, NormalisingTrimsAndDropsRepeats) {
  EntryDraft draft = Good();
  draft.target_groups = {"lgbtq", " lgbtq", "buyers", ""};
  draft.phone = "  112 ";
  const EntryDraft normalised = Normalised(draft);
  EXPECT_EQ(normalised.target_groups, (std::vector<std::string>{"lgbtq", "buyers"}));
  EXPECT_EQ(normalised.phone, "112");
}

}  // namespace
}  // namespace fyren::support_directory
