#include "api/persons_json.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace fyren::api {
namespace {

using Json = nlohmann::json;

person::PersonRecord Stored() {
  person::PersonRecord r;
  r.public_id = "abc";
  r.identity_kind = person::IdentityKind::kPersonnummer;
  r.identity_number = "20900102-XXXX";
  r.given_name = "Testa";
  r.family_name = "Påhittsdotter";
  r.birth_year = 2090;
  r.gender = person::Gender::kWoman;
  r.languages = {"sv", "ro"};
  r.phone = "070-000 00 01";
  r.version = 3;
  return r;
}

TEST(PersonsJsonTest, PatchMergesOverTheStoredValuesAndNullClears) {
  const DecodedChange d =
      PersonPatchFromJson(Json{{"alias", "Ljus"}, {"phone", nullptr}}, Stored());
  ASSERT_TRUE(d.errors.empty());
  EXPECT_EQ(d.change.alias, "Ljus");
  EXPECT_EQ(d.change.phone, "");
  EXPECT_EQ(d.change.given_name, "Testa");  // untouched members keep their value
  EXPECT_EQ(d.change.languages, "sv,ro");
  EXPECT_EQ(d.change.birth_year, "2090");
  EXPECT_EQ(d.change.gender, "woman");
  EXPECT_EQ(d.change.expected_version, 3);
}

TEST(PersonsJsonTest, PatchRefusesTheIdentityUnknownMembersAndWrongTypes) {
  const DecodedChange d = PersonPatchFromJson(Json{{"identity_number", "x"},
                                                   {"nickname", "y"},
                                                   {"interpreter_needed", "yes"},
                                                   {"birth_year", 1.5}},
                                              Stored());
  std::vector<std::string> pointers;
  for (const auto& e : d.errors) pointers.push_back(e.pointer);
  EXPECT_EQ(pointers.size(), 4U);
  for (const char* p : {"/identity_number", "/nickname", "/interpreter_needed", "/birth_year"}) {
    EXPECT_NE(std::find(pointers.begin(), pointers.end(), p), pointers.end()) << p;
  }
}

TEST(PersonsJsonTest, InputAcceptsALanguageListAndAYearAsNumberOrText) {
  DecodedInput d = PersonInputFromJson(Json{{"identity_kind", "alias"},
                                            {"alias", "Ljus"},
                                            {"birth_year", 1999},
                                            {"languages", Json::array({"sv", "en"})},
                                            {"protected_identity", true}});
  ASSERT_TRUE(d.errors.empty());
  EXPECT_EQ(d.input.birth_year, "1999");
  EXPECT_EQ(d.input.languages, "sv,en");
  EXPECT_TRUE(d.input.protected_identity);
  d = PersonInputFromJson(Json{{"birth_year", "1999"}, {"languages", Json::array({1})}});
  ASSERT_EQ(d.errors.size(), 1U);
  EXPECT_EQ(d.errors[0].pointer, "/languages");
}

TEST(PersonsJsonTest, MaskedRecordHasNullIdentityMembers) {
  person::PersonRecord masked;
  masked.public_id = "abc";
  masked.identity_masked = true;
  masked.protected_identity = true;
  const Json j = PersonToJson(masked);
  EXPECT_TRUE(j["identity_masked"].get<bool>());
  for (const char* key :
       {"given_name", "family_name", "alias", "identity_number", "phone", "email", "address"}) {
    EXPECT_TRUE(j[key].is_null()) << key;
  }
}

TEST(PersonsJsonTest, SummaryOfAHiddenProtectedPersonHasNoId) {
  const Json j = SummaryToJson(person::PersonSummary{});
  EXPECT_TRUE(j["id"].is_null());
  EXPECT_FALSE(j["readable"].get<bool>());
}

}  // namespace
}  // namespace fyren::api
