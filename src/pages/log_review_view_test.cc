#include "pages/log_review_view.h"

#include <gtest/gtest.h>

#include <utility>

#include "base/swedish_time.h"
#include "render/template_set.h"

namespace fyren::pages {
namespace {

using trust::audit::Action;
using trust::audit::AuditEntry;
using trust::audit::AuditEvent;
using trust::audit::Purpose;
using trust::audit::RecordType;

const render::TemplateSet& Templates() {
  static const render::TemplateSet set = [] {
    auto loaded = render::TemplateSet::LoadEmbedded();
    EXPECT_TRUE(loaded.has_value());
    return std::move(*loaded);
  }();
  return set;
}

AuditEntry Entry(std::int64_t at, std::uint32_t flags) {
  return AuditEntry{
      .event = AuditEvent{.tenant = base::TenantId(1),
                          .actor_user_id = 7,
                          .unit = base::OrganisationId(11),
                          .authority = base::OrganisationId(10),
                          .action = Action::kRead,
                          .outcome = trust::audit::Outcome::kAllowed,
                          .record_type = RecordType::kPerson,
                          .record_id = 500,
                          .person_id = 500,
                          .purpose = Purpose::kCaseWork,
                          .flags = flags,
                          .request_id = *trust::audit::RequestId::Parse("req-view-test-01")},
      .seq = 1,
      .occurred_at = at,
      .prev_hash = {},
      .hash = {}};
}

trust::audit::ReviewNames Names(std::string display_name) {
  trust::audit::ReviewNames names;
  names.staff.emplace(7, trust::audit::StaffMember{.user_id = 7,
                                                   .public_id = "u7",
                                                   .display_name = std::move(display_name),
                                                   .unit = base::OrganisationId(11),
                                                   .authority = base::OrganisationId(10)});
  names.organisations.emplace(
      11, trust::audit::OrganisationName{.name_sv = "Mottagningen", .name_en = "Intake"});
  return names;
}

TEST(LogReviewViewTest, EveryCodeHasWordsInBothLanguages) {
  for (const std::string_view locale : {"sv", "en"}) {
    const render::Catalog& catalog = Templates().catalog(locale);
    for (int i = 0; i <= static_cast<int>(Action::kRetentionRun); ++i) {
      const std::string key =
          "audit_action." + std::string(trust::audit::ToString(static_cast<Action>(i)));
      EXPECT_TRUE(catalog.Contains(key)) << locale << " " << key;
    }
    for (int i = 0; i <= static_cast<int>(Purpose::kPublic); ++i) {
      const std::string key =
          "audit_purpose." + std::string(trust::audit::ToString(static_cast<Purpose>(i)));
      EXPECT_TRUE(catalog.Contains(key)) << locale << " " << key;
    }
    for (int i = 0; i <= static_cast<int>(RecordType::kConsultation); ++i) {
      const std::string key =
          "audit_record." + std::string(trust::audit::ToString(static_cast<RecordType>(i)));
      EXPECT_TRUE(catalog.Contains(key)) << locale << " " << key;
    }
    EXPECT_EQ(FlagWords(trust::audit::kAllAuditFlags, catalog).size(), 6U);
    for (const std::string& word : FlagWords(trust::audit::kAllAuditFlags, catalog)) {
      EXPECT_FALSE(word.starts_with("audit_flag.")) << word;
    }
  }
}

TEST(LogReviewViewTest, CsvFieldsAreQuotedAndFormulasNeutralised) {
  EXPECT_EQ(CsvField("Anna Andersson"), "Anna Andersson");
  EXPECT_EQ(CsvField("Läste, ändrade"), "\"Läste, ändrade\"");
  EXPECT_EQ(CsvField("Say \"hi\""), "\"Say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("a\nb"), "\"a\nb\"");
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvField("+46"), "'+46");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField(""), "");
}

TEST(LogReviewViewTest, ExtractCsvHasWordsLocalTimesAndNoCodes) {
  // 2026-07-15 21:30 UTC is 23:30 in Stockholm.
  const std::int64_t at = 1784151000LL * 1'000'000;
  const std::vector<AuditEntry> entries = {
      Entry(at, trust::audit::kFlagNightTime | trust::audit::kFlagOutsideOwnUnit)};
  const std::string csv =
      ExtractCsv(entries, Names("=Evil, Name"), Templates().catalog("sv"), "sv");
  EXPECT_TRUE(
      csv.starts_with("\xEF\xBB\xBF"
                      "Tid,Användare,Enhet,Händelse,Syfte,Flaggor\r\n"))
      << csv;
  EXPECT_NE(csv.find("2026-07-15 23:30,\"'=Evil, Name\",Mottagningen,Läste (person),"
                     "Handläggning,\"Utanför egen enhet, Nattetid (22–06)\"\r\n"),
            std::string::npos)
      << csv;
  EXPECT_EQ(csv.find("case_work"), std::string::npos);
  EXPECT_EQ(csv.find("500"), std::string::npos);  // no record or person ids

  const std::string english = ExtractCsv(entries, Names("Anna"), Templates().catalog("en"), "en");
  EXPECT_NE(english.find("2026-07-15 23:30,Anna,Intake,Read (person),Case work,"),
            std::string::npos)
      << english;
}

TEST(LogReviewViewTest, AReadThroughAShareIsNamedAsSuch) {
  const std::vector<AuditEntry> entries = {
      Entry(1784151000LL * 1'000'000, trust::audit::kFlagViaShare)};
  const std::string csv = ExtractCsv(entries, Names("Pia"), Templates().catalog("sv"), "sv");
  EXPECT_NE(csv.find(",Delat med samtycke\r\n"), std::string::npos) << csv;
}

}  // namespace
}  // namespace fyren::pages
