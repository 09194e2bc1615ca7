#include "pages/home_view.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "base/clock.h"
#include "render/template_set.h"
#include "storage/database.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/key_ring.h"

namespace fyren::pages {
namespace {

const render::TemplateSet& Templates() {
  static const render::TemplateSet set = [] {
    auto loaded = render::TemplateSet::LoadEmbedded();
    EXPECT_TRUE(loaded.has_value());
    return std::move(*loaded);
  }();
  return set;
}

std::string RenderHome(std::string_view locale, const MyWork& work) {
  render::View page;
  SetMyWork(page, Templates().catalog(locale), work);
  return Templates().Render("home", locale, page);
}

TEST(HomeViewTest, CountsReadAsSentencesThatLinkToTheList) {
  const MyWork work{.tasks = WorkCount{.total = 3, .urgent = 1},
                    .cases = WorkCount{.total = 1},
                    .referrals = WorkCount{.total = 0},
                    .consultations = std::nullopt,
                    .intake = WorkCount{.total = 2, .urgent = 0}};
  const std::string sv = RenderHome("sv", work);
  EXPECT_NE(sv.find(R"(<a href="/inbox">3 öppna uppgifter, varav 1 försenad</a>)"),
            std::string::npos)
      << sv;
  EXPECT_NE(sv.find(R"(<a href="/cases?status=open">1 öppet ärende där du är med i teamet</a>)"),
            std::string::npos);
  EXPECT_NE(sv.find(R"(<a href="/referrals">Inga remisser väntar på svar</a>)"), std::string::npos);
  EXPECT_NE(sv.find(R"(<a href="/intake?status=new">2 nya orosanmälningar</a>)"),
            std::string::npos);
  EXPECT_NE(
      sv.find(R"(<a href="/intake?overdue=yes">Inga orosanmälningar med passerad tidsfrist</a>)"),
      std::string::npos);
  EXPECT_EQ(sv.find("my-work-consultations"), std::string::npos);

  const std::string en = RenderHome("en", work);
  EXPECT_NE(en.find(R"(<a href="/inbox">3 open tasks, 1 of them overdue</a>)"), std::string::npos)
      << en;
  EXPECT_NE(en.find("1 open case where you are on the team"), std::string::npos);
}

TEST(HomeViewTest, AFailedCountSaysSoAndTheRestIsShown) {
  const MyWork work{.tasks = WorkCount{.failed = true},
                    .cases = WorkCount{.total = 12},
                    .referrals = std::nullopt,
                    .consultations = WorkCount{.total = 1},
                    .intake = std::nullopt};
  const std::string sv = RenderHome("sv", work);
  EXPECT_NE(sv.find("Det gick inte att hämta just nu."), std::string::npos) << sv;
  EXPECT_EQ(sv.find(R"(href="/inbox")"), std::string::npos);
  EXPECT_NE(sv.find("12 öppna ärenden där du är med i teamet"), std::string::npos);
  EXPECT_NE(sv.find(R"(<a href="/consultations/inbox">1 fråga väntar på svar</a>)"),
            std::string::npos);
}

TEST(HomeViewTest, NoPanelsSaysSoInsteadOfAnEmptyList) {
  const std::string sv = RenderHome("sv", MyWork{});
  EXPECT_EQ(sv.find("my-work__list"), std::string::npos);
  EXPECT_NE(sv.find("Din roll har inga uppgifter"), std::string::npos) << sv;
}

// Every source refuses: a database without the schema, so each call the page makes fails.
class GatherMyWorkTest : public ::testing::Test {
 protected:
  class NoSources : public referral::SourceReader {
   public:
    base::Status CheckReadable(const trust::Actor&, referral::SourceKind,
                               std::string_view) const override {
      return base::Ok();
    }
  };

  static trust::Actor ActorWith(std::string role, bool unit = true) {
    return trust::Actor{.tenant = base::TenantId(1),
                        .user_id = 7,
                        .unit = unit ? std::optional(base::OrganisationId(11)) : std::nullopt,
                        .authority = base::OrganisationId(10),
                        .roles = {std::move(role)},
                        .purpose = "case_work",
                        .request_id = "test-request-0001",
                        .session_handle = {},
                        .second_factor_at = std::nullopt,
                        .local_operator = false};
  }

  MyWork Gather(const trust::Actor& actor) const {
    return GatherMyWork(MyWorkSources{.tasks = tasks_,
                                      .cases = cases_,
                                      .referrals = referrals_,
                                      .consultations = consultations_,
                                      .concerns = concerns_},
                        actor);
  }

  static std::unique_ptr<storage::Database> Open() {
    auto db = storage::OpenDatabase("sqlite::memory:", storage::DatabaseOptions{});
    EXPECT_TRUE(db.has_value());
    return std::move(*db);
  }

  base::FakeClock clock_{
      base::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::March / 10))};
  std::unique_ptr<storage::Database> db_ = Open();
  trust::crypto::KeyRing ring_{trust::crypto::MasterKey::Generate()};
  trust::audit::AuditLog audit_{*db_, clock_};
  NoSources sources_;
  tasks::TaskService tasks_{*db_, clock_};
  exit_case::ExitCaseService cases_{*db_, ring_, audit_, clock_};
  referral::ReferralService referrals_{*db_, ring_, audit_, clock_, {}, sources_};
  referral::ConsultationService consultations_{*db_, ring_, audit_, clock_, {}};
  concern::ConcernService concerns_{*db_, ring_, audit_, clock_, {}, {}};
};

// A failing service marks its own panel, and the page is still made (never a 500).
TEST_F(GatherMyWorkTest, AFailedServiceMarksOnlyItsPanel) {
  const MyWork work = Gather(ActorWith("intake_worker"));
  ASSERT_TRUE(work.tasks && work.cases && work.referrals && work.intake);
  EXPECT_TRUE(work.tasks->failed);
  EXPECT_TRUE(work.cases->failed);
  EXPECT_TRUE(work.referrals->failed);
  EXPECT_TRUE(work.intake->failed);
  EXPECT_FALSE(work.consultations.has_value());  // not competence-centre staff
}

// A role without the permission of the linked page gets no panel and no call at all (a call
// would have failed here, so a panel that is absent was never asked for).
TEST_F(GatherMyWorkTest, PanelsFollowThePermissionsOfTheLinkedPages) {
  const MyWork analyst = Gather(ActorWith("analyst"));
  EXPECT_TRUE(analyst.tasks.has_value());
  EXPECT_TRUE(analyst.referrals.has_value());
  EXPECT_FALSE(analyst.cases.has_value());
  EXPECT_FALSE(analyst.intake.has_value());
  EXPECT_FALSE(analyst.consultations.has_value());

  const MyWork coordinator = Gather(ActorWith("coordinator"));
  EXPECT_TRUE(coordinator.cases.has_value());
  EXPECT_FALSE(coordinator.intake.has_value());

  const MyWork centre = Gather(ActorWith("competence_centre_staff"));
  ASSERT_TRUE(centre.consultations.has_value());
  EXPECT_TRUE(centre.consultations->failed);

  // Referrals belong to a unit: without one there is nothing to ask for.
  EXPECT_FALSE(Gather(ActorWith("coordinator", false)).referrals.has_value());
  EXPECT_FALSE(Gather(trust::Actor::Public(base::TenantId(1), "r")).tasks.has_value());
}

}  // namespace
}  // namespace fyren::pages
