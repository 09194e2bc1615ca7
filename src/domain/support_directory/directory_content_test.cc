#include "domain/support_directory/directory_content.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace fyren::support_directory {
namespace {

constexpr std::string_view kLanguages = R"(
[language.sv]
native = "svenska"
sv = "svenska"
en = "Swedish"
[language.en]
native = "English"
sv = "engelska"
en = "English"
[language.ar]
native = "العربية"
sv = "arabiska"
en = "Arabic"
)";

std::string Entry(std::string_view key, std::string_view extra) {
  return "[[entry]]\nkey = \"" + std::string(key) +
         "\"\nkind = \"ngo\"\ntarget_groups = [\"lgbtq\"]\nlanguages = [\"sv\"]\n"
         "phone = \"070-174 06 50\"\nanonymous = true\nfree_of_charge = true\n" +
         std::string(extra) +
         "[entry.text.sv]\nname = \"Namn\"\ndescription = \"Beskrivning\"\n"
         "[entry.text.en]\nname = \"Name\"\ndescription = \"Description\"\n";
}

std::string ErrorOf(std::string_view entries) {
  auto parsed = ParseDirectoryContent(kLanguages, entries);
  if (parsed) return "";
  EXPECT_EQ(parsed.error().code, base::ErrorCode::kInvalidInput);
  return parsed.error().message;
}

TEST(DirectoryContentTest, TheShippedContentIsValid) {
  auto content = LoadEmbeddedDirectoryContent();
  ASSERT_TRUE(content) << content.error().message;
  EXPECT_GE(content->entries.size(), 20U);
  EXPECT_GE(content->languages.size(), 5U);
  // The units the decision names are there, and every entry has Swedish and English text.
  for (const std::string_view key :
       {"mikamottagningen", "kast", "barnahus", "competence-centre", "regional-coordinators",
        "coordinator-hisingen", "intake-nordost", "kvinnofridslinjen"}) {
    EXPECT_TRUE(std::ranges::any_of(content->entries, [&](const ContentEntry& e) {
      return e.key == key;
    })) << key;
  }
  for (const ContentEntry& entry : content->entries) {
    EXPECT_TRUE(entry.draft.texts.contains("sv")) << entry.key;
    EXPECT_TRUE(entry.draft.texts.contains("en")) << entry.key;
  }
}

// The fictional entries must not carry a number that could belong to someone: the
// municipality's own units and the made-up NGOs use PTS's range for fiction (070-174 06 05..99).
TEST(DirectoryContentTest, FictionalEntriesUseTheReservedPhoneRange) {
  auto content = LoadEmbeddedDirectoryContent();
  ASSERT_TRUE(content);
  for (const ContentEntry& entry : content->entries) {
    if (entry.draft.kind == EntryKind::kNationalService || entry.draft.phone.empty()) continue;
    std::string digits;
    for (const char c : entry.draft.phone) {
      if (c >= '0' && c <= '9') digits += c;
    }
    ASSERT_EQ(digits.size(), 10U) << entry.key;
    EXPECT_EQ(digits.substr(0, 7), "0701740") << entry.key;
    const int last = std::stoi(digits.substr(7));
    EXPECT_GE(last, 605) << entry.key;
    EXPECT_LE(last, 699) << entry.key;
    if (!entry.draft.email.empty()) {
      EXPECT_TRUE(entry.draft.email.ends_with("example.org")) << entry.key;
    }
  }
}

TEST(DirectoryContentTest, AGoodFileParses) {
  auto parsed = ParseDirectoryContent(kLanguages, Entry("a", "") + Entry("b", ""));
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->entries.size(), 2U);
  EXPECT_EQ(parsed->entries[1].key, "b");
  EXPECT_EQ(parsed->entries[0].draft.kind, EntryKind::kNgo);
  EXPECT_EQ(parsed->entries[0].draft.texts.at("en").name, "Name");
  EXPECT_TRUE(parsed->entries[0].draft.anonymous);
}

TEST(DirectoryContentTest, ErrorsNameTheFileLineEntryAndProblem) {
  const std::string error = ErrorOf(Entry("good", "") + Entry("bad-web", "web = \"http://x\"\n"));
  EXPECT_NE(error.find("content/directory/entries.toml:"), std::string::npos) << error;
  EXPECT_NE(error.find("entry 2 (bad-web)"), std::string::npos) << error;
  EXPECT_NE(error.find("web:"), std::string::npos) << error;
  EXPECT_NE(error.find("https://"), std::string::npos) << error;
}

TEST(DirectoryContentTest, EveryKindOfProblemIsRefused) {
  EXPECT_NE(
      ErrorOf(Entry("x", "").replace(Entry("x", "").find("\"ngo\""), 5, "\"club\"")).find("kind"),
      std::string::npos);
  EXPECT_NE(ErrorOf(Entry("x", "").replace(Entry("x", "").find("\"lgbtq\""), 7, "\"cats\""))
                .find("target_groups"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Entry("x", "").replace(Entry("x", "").find("[\"sv\"]"), 6, "[\"xx\"]"))
                .find("languages"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Entry("x", "email = \"nope\"\n")).find("email"), std::string::npos);
  EXPECT_NE(ErrorOf(Entry("x", "phone = \"call me\"\n")).find("phone"), std::string::npos);
  EXPECT_NE(ErrorOf(Entry("Bad Key", "")).find("key"), std::string::npos);
  EXPECT_NE(ErrorOf(Entry("x", "") + Entry("x", "")).find("same key"), std::string::npos);
  EXPECT_NE(ErrorOf("[[entry]]\nkey = \"x\"\nkind = \"ngo\"\n").find("true or false"),
            std::string::npos);
  EXPECT_NE(ErrorOf("this is = not toml [").find("entries.toml:1"), std::string::npos);
}

TEST(DirectoryContentTest, MissingEnglishTextIsRefused) {
  std::string entry = Entry("x", "");
  entry = entry.substr(0, entry.find("[entry.text.en]"));
  const std::string error = ErrorOf(entry);
  EXPECT_NE(error.find("name_en"), std::string::npos) << error;
}

TEST(DirectoryContentTest, TextsInUnknownLanguagesAreRefused) {
  const std::string error =
      ErrorOf(Entry("x", "") + "[entry.text.zz]\nname = \"N\"\ndescription = \"D\"\n");
  EXPECT_NE(error.find("name_zz"), std::string::npos) << error;
  EXPECT_TRUE(ParseDirectoryContent(kLanguages, Entry("x", "") + "[entry.text.ar]\nname = \"ن\"\n"
                                                                 "description = \"و\"\n"));
}

TEST(DirectoryContentTest, BadLanguageFileIsRefused) {
  auto parsed = ParseDirectoryContent("[language.SV]\nnative = \"x\"\nsv = \"x\"\nen = \"x\"\n",
                                      Entry("x", ""));
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("content/directory/languages.toml"), std::string::npos);
}

}  // namespace
}  // namespace fyren::support_directory
