#include "domain/person/person_validation.h"

#include <gtest/gtest.h>

#include "trust/identity/synthetic_identity.h"

namespace fyren::person {
namespace {

const ValidationContext kContext{.today = std::chrono::year(2026) / std::chrono::March / 2,
                                 .allow_synthetic_identity_numbers = true};

std::vector<std::string> Codes(const std::vector<FieldProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.code);
  return out;
}

TEST(PersonValidationTest, TableOfInputs) {
  struct Case {
    PersonInput input;
    std::vector<std::string> codes;
  };
  const std::string synthetic = trust::identity::MakeSyntheticPersonnummer(7);
  const std::vector<Case> cases = {
      {{.identity_kind = "number", .identity_number = synthetic, .given_name = "A"}, {}},
      {{.identity_kind = "number", .identity_number = "", .given_name = "A"},
       {"identity_number.empty"}},
      {{.identity_kind = "number", .identity_number = "abc", .given_name = "A"},
       {"identity_number.bad_characters"}},
      {{.identity_kind = "reserve",
        .identity_number = "R-123",
        .given_name = "A",
        .birth_year = "1990"},
       {}},
      {{.identity_kind = "reserve",
        .identity_number = "R 1",
        .given_name = "A",
        .birth_year = "1990"},
       {"identity_number.bad_reserve"}},
      {{.identity_kind = "alias", .alias = "Sol", .birth_year = "1890"}, {"birth_year.invalid"}},
      {{.identity_kind = "alias", .alias = "Sol", .birth_year = "2027"}, {"birth_year.invalid"}},
      {{.identity_kind = "alias", .birth_year = "2000"}, {"alias.required"}},
      {{.identity_kind = ""}, {"identity_kind.required", "birth_year.required"}},
      {{.identity_kind = "alias", .alias = std::string(101, 'x'), .birth_year = "2000"},
       {"alias.too_long"}},
      {{.identity_kind = "alias", .alias = "a\x01", .birth_year = "2000"}, {"alias.invalid"}},
      {{.identity_kind = "alias", .alias = "Sol", .birth_year = "2000", .phone = "07x"},
       {"phone.invalid"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Codes(ValidateNewPerson(c.input, kContext).problems), c.codes)
        << c.input.identity_kind << " / " << c.input.alias;
  }
}

TEST(PersonValidationTest, ProductionRefusesSyntheticNumbers) {
  const PersonInput input{.identity_kind = "number",
                          .identity_number = trust::identity::MakeSyntheticPersonnummer(7),
                          .given_name = "A"};
  const ValidationContext production{.today = kContext.today,
                                     .allow_synthetic_identity_numbers = false};
  EXPECT_EQ(Codes(ValidateNewPerson(input, production).problems),
            (std::vector<std::string>{"identity_number.future_date"}));
}

TEST(PersonValidationTest, SamordningsnummerIsRecognised) {
  const PersonInput input{.identity_kind = "number",
                          .identity_number = trust::identity::MakeSyntheticSamordningsnummer(9),
                          .given_name = "A"};
  const Validated valid = ValidateNewPerson(input, kContext);
  ASSERT_TRUE(valid.problems.empty());
  EXPECT_EQ(valid.person.identity_kind, IdentityKind::kSamordningsnummer);
  EXPECT_TRUE(valid.person.birth_year.has_value());
}

TEST(PersonValidationTest, LanguagesAreNormalised) {
  const PersonInput input{
      .identity_kind = "alias", .alias = "Sol", .birth_year = "2000", .languages = "SV, en;sv  ro"};
  const Validated valid = ValidateNewPerson(input, kContext);
  ASSERT_TRUE(valid.problems.empty());
  EXPECT_EQ(valid.person.languages, (std::vector<std::string>{"sv", "en", "ro"}));
  EXPECT_EQ(SplitLanguages(JoinLanguages(valid.person.languages)), valid.person.languages);
}

TEST(PersonValidationTest, MaskingAndInitials) {
  EXPECT_EQ(MaskIdentity(IdentityKind::kPersonnummer, "209001010017"), "20900101-XXXX");
  EXPECT_EQ(FormatIdentity(IdentityKind::kPersonnummer, "209001010017"), "20900101-0017");
  EXPECT_EQ(MaskIdentity(IdentityKind::kReserve, "R-123"), "R-…");
  EXPECT_EQ(InitialsOf("åsa", "östman"), "Å. Ö.");
  EXPECT_EQ(InitialsOf("", ""), "–");
}

TEST(PersonValidationTest, EmergencyReason) {
  EXPECT_TRUE(ValidateEmergencyReason("urgent_support", "Behöver stöd akut nu").empty());
  EXPECT_EQ(Codes(ValidateEmergencyReason("x", "kort")),
            (std::vector<std::string>{"reason_category.required", "reason_text.required"}));
}

}  // namespace
}  // namespace fyren::person
