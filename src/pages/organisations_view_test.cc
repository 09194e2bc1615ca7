#include "pages/organisations_view.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pages/page_frame.h"

namespace fyren::pages {
namespace {

using organisation::Organisation;
using organisation::OrganisationKind;
using organisation::PartnerType;

Organisation Org(std::int64_t id, std::optional<std::int64_t> parent, OrganisationKind kind,
                 std::string name, PartnerType type = PartnerType::kNone) {
  Organisation org;
  org.id = base::OrganisationId(id);
  org.public_id = "p" + std::to_string(id);
  if (parent) org.parent = base::OrganisationId(*parent);
  org.kind = kind;
  org.partner_type = type;
  org.code = "C" + std::to_string(id);
  org.name_sv = name + " (sv)";
  org.name_en = name + " (en)";
  org.description_sv = "Beskrivning " + std::to_string(id);
  org.description_en = "Description " + std::to_string(id);
  return org;
}

class OrganisationsViewTest : public ::testing::Test {
 protected:
  std::string Render(const std::vector<Organisation>& tree, std::string_view locale) {
    const PageFrame frame(templates_, SiteInfo{.tenant_id = base::TenantId(1),
                                               .tenant_name = "Exempelstad",
                                               .version = "t",
                                               .demo_mode = false});
    render::View page = BuildOrganisationsView(tree, frame.catalog(locale));
    page.Set("page_title", "x");
    return frame.Respond(200, "organisations", locale, page).body;
  }

  render::TemplateSet templates_ = std::move(*render::TemplateSet::LoadEmbedded());
};

TEST_F(OrganisationsViewTest, HostileNamesAreEscaped) {
  const std::vector<Organisation> tree = {
      Org(1, std::nullopt, OrganisationKind::kAuthority, "<script>alert(1)</script>"),
      Org(2, 1, OrganisationKind::kUnit, "\"><img src=x onerror=alert(1)>"),
      Org(3, std::nullopt, OrganisationKind::kPartner, "<b>NGO</b>", PartnerType::kNgo),
  };
  const std::string html = Render(tree, "sv");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_EQ(html.find("<b>NGO"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; (sv)"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
}

TEST_F(OrganisationsViewTest, AuthoritiesCarryTheirUnitsAndPartnersAreGroupedByType) {
  const std::vector<Organisation> tree = {
      Org(1, std::nullopt, OrganisationKind::kAuthority, "Socialnämnd Centrum"),
      Org(2, 1, OrganisationKind::kDepartment, "Socialförvaltning Centrum"),
      Org(3, 2, OrganisationKind::kUnit, "Mikamottagningen"),
      Org(4, std::nullopt, OrganisationKind::kPartner, "Polisregion Väst", PartnerType::kPolice),
      Org(5, std::nullopt, OrganisationKind::kPartner, "Stödföreningen", PartnerType::kNgo),
      Org(6, std::nullopt, OrganisationKind::kPartner, "Utan typ", PartnerType::kNone),
  };
  const std::string html = Render(tree, "en");
  const auto authority = html.find("<h3 id=\"org-p1\">Socialnämnd Centrum (en)</h3>");
  const auto department = html.find("Socialförvaltning Centrum (en)");
  const auto unit = html.find("Mikamottagningen (en)");
  const auto police = html.find(">Police</h3>");
  const auto ngos = html.find(">Non-governmental organisations (NGOs)</h3>");
  const auto other = html.find(">Other partners</h3>");
  ASSERT_NE(authority, std::string::npos);
  EXPECT_LT(authority, department);
  EXPECT_LT(department, unit);
  EXPECT_LT(unit, police);
  EXPECT_LT(police, html.find("Polisregion Väst (en)"));
  EXPECT_LT(police, ngos);
  EXPECT_LT(ngos, other);
  EXPECT_NE(html.find("Description 3"), std::string::npos);
  EXPECT_NE(html.find("Committee (an authority of its own)"), std::string::npos);
  EXPECT_NE(html.find(">Unit<"), std::string::npos);
  // Kinds are words, never the internal codes.
  EXPECT_EQ(html.find(">authority<"), std::string::npos);
  EXPECT_EQ(html.find(">unit<"), std::string::npos);
  EXPECT_EQ(html.find("(sv)"), std::string::npos);
}

TEST_F(OrganisationsViewTest, DeepTreesAreFlattenedAtTheFourthLevelNotHidden) {
  std::vector<Organisation> tree = {Org(1, std::nullopt, OrganisationKind::kAuthority, "L1")};
  for (int level = 2; level <= 7; ++level) {
    tree.push_back(Org(level, level - 1, OrganisationKind::kUnit, "L" + std::to_string(level)));
  }
  const std::string html = Render(tree, "sv");
  for (int level = 1; level <= 7; ++level) {
    EXPECT_NE(html.find("L" + std::to_string(level) + " (sv)"), std::string::npos) << level;
  }
}

TEST_F(OrganisationsViewTest, AnEmptyTreeSaysSo) {
  const std::string html = Render({}, "sv");
  EXPECT_NE(html.find(std::string(templates_.catalog("sv").Get("organisations.none_internal"))),
            std::string::npos);
  EXPECT_NE(html.find(std::string(templates_.catalog("sv").Get("organisations.none_partners"))),
            std::string::npos);
}

TEST_F(OrganisationsViewTest, ALeafDoesNotRepeatItsParentsChildren) {
  const std::vector<Organisation> tree = {
      Org(1, std::nullopt, OrganisationKind::kAuthority, "Root"),
      Org(2, 1, OrganisationKind::kUnit, "OnlyChild"),
  };
  const std::string html = Render(tree, "sv");
  std::size_t count = 0;
  for (auto pos = html.find("OnlyChild"); pos != std::string::npos;
       pos = html.find("OnlyChild", pos + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 1u);
}

}  // namespace
}  // namespace fyren::pages
