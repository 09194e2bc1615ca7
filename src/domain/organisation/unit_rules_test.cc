#include "domain/organisation/unit_rules.h"

#include <gtest/gtest.h>

#include <vector>

namespace fyren::organisation {
namespace {

Organisation Org(std::int64_t id, std::optional<std::int64_t> parent, OrganisationKind kind,
                 std::string name) {
  Organisation org;
  org.id = base::OrganisationId(id);
  if (parent) org.parent = base::OrganisationId(*parent);
  org.kind = kind;
  org.name_sv = std::move(name);
  return org;
}

TEST(UnitRulesTest, NamesMustBeTextOfAtMost200CodePoints) {
  EXPECT_EQ(CheckName("Mottagning Syd"), NameProblem::kNone);
  EXPECT_EQ(CheckName("   "), NameProblem::kMissing);
  EXPECT_EQ(CheckName(""), NameProblem::kMissing);
  EXPECT_EQ(CheckName("Rad\x01"
                      "brytning"),
            NameProblem::kMissing);
  EXPECT_EQ(CheckName("\xff\xfe"), NameProblem::kMissing);
  // 200 two-byte letters are 400 bytes but still 200 characters.
  std::string two_hundred;
  for (int i = 0; i < 200; ++i) two_hundred += "ö";
  EXPECT_EQ(CheckName(two_hundred), NameProblem::kNone);
  EXPECT_EQ(CheckName(two_hundred + "a"), NameProblem::kTooLong);
}

TEST(UnitRulesTest, CodesAreShortPlainAndUpperCased) {
  EXPECT_EQ(NormaliseCode(" his-2 "), "HIS-2");
  EXPECT_FALSE(NormaliseCode("H"));
  EXPECT_FALSE(NormaliseCode("ABCDEFGHIJKLMNOPQ"));
  EXPECT_FALSE(NormaliseCode("HÅ"));
  EXPECT_FALSE(NormaliseCode("A B"));
}

TEST(UnitRulesTest, OnlyUnitsDepartmentsAndCompaniesAreAdministered) {
  EXPECT_TRUE(IsAdministeredKind(OrganisationKind::kUnit));
  EXPECT_TRUE(IsAdministeredKind(OrganisationKind::kDepartment));
  EXPECT_TRUE(IsAdministeredKind(OrganisationKind::kCompany));
  EXPECT_FALSE(IsAdministeredKind(OrganisationKind::kAuthority));
  EXPECT_FALSE(IsAdministeredKind(OrganisationKind::kPartner));
}

TEST(UnitRulesTest, EachOrganisationBelongsToItsNearestAuthority) {
  const std::vector<Organisation> tree = {
      Org(1, std::nullopt, OrganisationKind::kAuthority, "Nämnd"),
      Org(2, 1, OrganisationKind::kDepartment, "Avdelning"),
      Org(3, 2, OrganisationKind::kUnit, "Enhet"),
      Org(4, std::nullopt, OrganisationKind::kPartner, "Polisen"),
      Org(5, 6, OrganisationKind::kUnit, "Cykel A"),  // a corrupt cycle must not hang
      Org(6, 5, OrganisationKind::kUnit, "Cykel B"),
  };
  const AuthorityMap authorities = AuthoritiesOf(tree);
  EXPECT_EQ(authorities.at(1), base::OrganisationId(1));
  EXPECT_EQ(authorities.at(3), base::OrganisationId(1));
  EXPECT_FALSE(authorities.contains(4));
  EXPECT_FALSE(authorities.contains(5));
}

TEST(UnitRulesTest, SiblingNamesCompareWithoutCase) {
  const std::vector<Organisation> tree = {
      Org(1, std::nullopt, OrganisationKind::kAuthority, "Nämnd"),
      Org(2, 1, OrganisationKind::kUnit, "Öppenvård"),
      Org(3, 2, OrganisationKind::kUnit, "Team Norr"),
  };
  EXPECT_TRUE(SiblingHasName(tree, base::OrganisationId(1), " öppenvård ", std::nullopt));
  EXPECT_FALSE(SiblingHasName(tree, base::OrganisationId(1), "Öppenvård",
                              base::OrganisationId(2)));  // renaming to its own name
  EXPECT_FALSE(SiblingHasName(tree, base::OrganisationId(1), "Team Norr", std::nullopt));
}

}  // namespace
}  // namespace fyren::organisation
