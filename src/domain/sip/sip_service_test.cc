// SipService on an in-memory SQLite database with real keys and a real audit log: saving,
// problems, conflicts, the continuity guard with its task and fact, follow-ups, print, the
// partner's shared view, and the denials with the audit entry each leaves.
#include "domain/sip/sip_service.h"

#include <gtest/gtest.h>

#include "domain/sip/sip_test_plans.h"
#include "trust/crypto/data_keys.h"
#include "trust/sessions/test_database.h"

namespace fyren::sip {
namespace {

using base::ErrorCode;
using std::chrono::hours;

constexpr std::int64_t kAlice = 101;  // unit 11, coordinator, on the team, responsible
constexpr std::int64_t kBob = 102;    // unit 11, coordinator, not on the team
constexpr std::int64_t kPia = 103;    // unit 21 under partner 20, external partner
// Case public ids have the shape of base::NewPublicId.
const std::string kCase = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
const std::string kProtectedCase = "bbbbbbbbbbbbbbbbbbbbbbbbbb";

class SipServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = trust::testing::OpenTestDatabase();
    ASSERT_TRUE(db_);
    auto seeded = db_->Write([](storage::Transaction& tx) -> base::Status {
      for (const char* sql :
           {"INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, "
            "kind, code, name_sv, name_en, created_at, updated_at) VALUES (1, 21, 'o21', 20, "
            "'unit', 'PARTU', 'Partnerenhet', 'Partner unit', 0, 0)",
            "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
            "password_hash, created_at, updated_at) VALUES (1, 101, 'alice', 'alice', 'Alice', "
            "11, 'x', 0, 0)",
            "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
            "password_hash, created_at, updated_at) VALUES (1, 102, 'bob', 'bob', 'Bob', 11, "
            "'x', 0, 0)",
            "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
            "password_hash, created_at, updated_at) VALUES (1, 103, 'pia', 'pia', 'Pia', 21, "
            "'x', 0, 0)",
            "INSERT INTO persons (tenant_id, person_id, public_id, owning_authority_id, "
            "identity_kind, birth_year, gender, created_by, created_at, updated_at) VALUES "
            "(1, 300, 'p300', 10, 'alias', 1990, 'woman', 101, 0, 0)",
            "INSERT INTO persons (tenant_id, person_id, public_id, owning_authority_id, "
            "identity_kind, protected_identity, created_by, created_at, updated_at) VALUES "
            "(1, 301, 'p301', 10, 'alias', 1, 101, 0, 0)",
            "INSERT INTO person_staff (tenant_id, person_id, user_id, on_team, "
            "named_for_protected, added_by, added_at) VALUES (1, 300, 101, 1, 0, 101, 0)",
            "INSERT INTO person_staff (tenant_id, person_id, user_id, on_team, "
            "named_for_protected, added_by, added_at) VALUES (1, 301, 101, 1, 1, 101, 0)",
            "INSERT INTO exit_cases (tenant_id, case_id, public_id, case_number, person_id, "
            "owning_authority_id, responsible_user_id, status, created_by, created_at, "
            "updated_at) VALUES (1, 500, 'aaaaaaaaaaaaaaaaaaaaaaaaaa', 'AUTH-2026-0001', 300, "
            "10, 101, 'open', 101, 0, 0)",
            "INSERT INTO exit_cases (tenant_id, case_id, public_id, case_number, person_id, "
            "owning_authority_id, responsible_user_id, status, created_by, created_at, "
            "updated_at) VALUES (1, 501, 'bbbbbbbbbbbbbbbbbbbbbbbbbb', 'AUTH-2026-0002', 301, "
            "10, 101, 'open', 101, 0, 0)"}) {
        if (auto done = tx.Execute(sql); !done) return std::unexpected(done.error());
      }
      return base::Ok();
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
    auto master = trust::crypto::MasterKey::Generate();
    ASSERT_TRUE(trust::crypto::EnsureTenantKeys(*db_, master, base::TenantId(1)));
    ring_ = std::make_unique<trust::crypto::KeyRing>(std::move(master));
    ASSERT_TRUE(ring_->Reload(*db_));
    audit_ = std::make_unique<trust::audit::AuditLog>(*db_, clock_);
    auto catalogue = InterventionCatalogue::LoadEmbedded();
    ASSERT_TRUE(catalogue);
    catalogue_ = std::move(*catalogue);
    service_ = std::make_unique<SipService>(*db_, *ring_, *audit_, clock_, catalogue_);
  }

  trust::Actor Actor(std::int64_t user, std::int64_t unit, std::optional<std::int64_t> authority,
                     std::string role) const {
    return trust::Actor{
        .tenant = base::TenantId(1),
        .user_id = user,
        .unit = base::OrganisationId(unit),
        .authority = authority ? std::optional(base::OrganisationId(*authority)) : std::nullopt,
        .roles = {std::move(role)},
        .purpose = "case_work",
        .request_id = "test-request-0001",
        .session_handle = {},
        .second_factor_at = clock_.Now(),
        .local_operator = false};
  }
  trust::Actor Alice() const { return Actor(kAlice, 11, 10, "coordinator"); }
  trust::Actor Bob() const { return Actor(kBob, 11, 10, "coordinator"); }
  trust::Actor Pia() const { return Actor(kPia, 21, std::nullopt, "external_partner"); }

  static PlanDocument Plan() {
    PlanDocument plan = testing::ThreeActorPlan();
    plan.actors[0].organisation_id = "o11";
    plan.actors[1].organisation_id = "o20";
    return plan;
  }

  SaveOutcome SaveOk(const PlanDocument& plan, std::int64_t version, bool confirmed = false) {
    auto outcome = service_->Save(Alice(), kCase,
                                  SaveInput{.expected_version = version,
                                            .document = plan,
                                            .change_note = "ändrat",
                                            .guard_confirmed = confirmed});
    EXPECT_TRUE(outcome) << (outcome ? "" : outcome.error().message);
    return outcome ? *outcome : SaveOutcome{};
  }

  std::int64_t Count(const char* sql) const {
    auto rows = db_->Read([&](storage::Transaction& tx) { return tx.Query(sql); });
    EXPECT_TRUE(rows);
    return rows ? rows->front().Int(0) : -1;
  }
  std::string LastAuditAction() const {
    auto rows = db_->Read([](storage::Transaction& tx) {
      return tx.Query("SELECT action FROM audit_entries ORDER BY seq DESC LIMIT 1");
    });
    EXPECT_TRUE(rows && !rows->empty());
    return rows && !rows->empty() ? rows->front().Text(0) : "";
  }

  base::FakeClock clock_{base::TimePoint(
      std::chrono::sys_days(std::chrono::year(2026) / std::chrono::March / 2) + hours(10))};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<trust::crypto::KeyRing> ring_;
  std::unique_ptr<trust::audit::AuditLog> audit_;
  InterventionCatalogue catalogue_;
  std::unique_ptr<SipService> service_;
};

TEST_F(SipServiceTest, SavesSealedRevisionsAndReadsThemBack) {
  const SaveOutcome first = SaveOk(Plan(), 0);
  ASSERT_EQ(first.status, SaveStatus::kSaved);
  EXPECT_EQ(first.version, 1);
  EXPECT_EQ(LastAuditAction(), "create");
  // The goals are nowhere in plain text.
  auto raw = db_->Read(
      [](storage::Transaction& tx) { return tx.Query("SELECT document FROM sip_revisions"); });
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->front().Bytes(0).find("eget boende"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sip_interventions WHERE is_foundation = 1"), 1);

  PlanDocument changed = Plan();
  changed.needs.push_back("Tandvård");
  ASSERT_EQ(SaveOk(changed, 1).status, SaveStatus::kSaved);

  auto view = service_->Get(Alice(), kCase);
  ASSERT_TRUE(view) << view.error().message;
  EXPECT_TRUE(view->exists);
  EXPECT_EQ(view->version, 2);
  EXPECT_EQ(view->plan.needs.back(), "Tandvård");
  ASSERT_EQ(view->revisions.size(), 2u);
  EXPECT_EQ(view->revisions[0].change_note, "ändrat");
  EXPECT_EQ(view->heading.case_number, "AUTH-2026-0001");
  EXPECT_EQ(LastAuditAction(), "read");

  auto compared = service_->Compare(Alice(), kCase, 1, 2);
  ASSERT_TRUE(compared);
  EXPECT_EQ(compared->diff.needs_added, std::vector<std::string>{"Tandvård"});
  auto missing = service_->GetRevision(Alice(), kCase, 9);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

// An opened plan is kept by revision and sealed text (plan_cache.h): a second view reads the same
// plan, and a stored document changed behind the application's back is opened again, so its
// tampering is found instead of the kept plan being shown.
TEST_F(SipServiceTest, AKeptPlanIsNeverShownForADocumentThatChanged) {
  ASSERT_EQ(SaveOk(Plan(), 0).status, SaveStatus::kSaved);
  auto first = service_->Get(Alice(), kCase);
  ASSERT_TRUE(first) << first.error().message;
  auto second = service_->Get(Alice(), kCase);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->plan.needs, first->plan.needs);
  EXPECT_EQ(second->plan.goals.size(), first->plan.goals.size());

  ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
    auto rows = tx.Query("SELECT revision_id, document FROM sip_revisions");
    if (!rows) return std::unexpected(rows.error());
    std::string document = rows->front().Bytes(1);
    document[document.size() / 2] = static_cast<char>(document[document.size() / 2] ^ 0x01);
    auto done = tx.Execute("UPDATE sip_revisions SET document = $1 WHERE revision_id = $2",
                           {storage::BlobView{document}, rows->front().Int(0)});
    if (!done) return std::unexpected(done.error());
    return base::Ok();
  }));
  auto tampered = service_->Get(Alice(), kCase);
  ASSERT_FALSE(tampered);
  EXPECT_EQ(tampered.error().code, ErrorCode::kInternal);
}

// Organisation names are kept between views (organisation_directory.h) while the tree is
// unchanged; a rename, by this server or another on the same database, shows at the next view.
TEST_F(SipServiceTest, ARenamedOrganisationShowsAtTheNextView) {
  ASSERT_EQ(SaveOk(Plan(), 0).status, SaveStatus::kSaved);
  const auto name_of = [&](std::int64_t id) -> std::string {
    auto view = service_->Get(Alice(), kCase);
    EXPECT_TRUE(view);
    if (!view) return "";
    for (const OrganisationRef& o : view->organisations) {
      if (o.organisation_id == id) return o.name_sv;
    }
    return "";
  };
  EXPECT_EQ(name_of(21), "Partnerenhet");
  EXPECT_EQ(name_of(21), "Partnerenhet");
  ASSERT_TRUE(db_->Write([](storage::Transaction& tx) {
    return tx.Execute(
        "UPDATE organisations SET name_sv = 'Ny partnerenhet', version = version + 1, "
        "updated_at = 5 WHERE tenant_id = 1 AND organisation_id = 21",
        {});
  }));
  EXPECT_EQ(name_of(21), "Ny partnerenhet");
}

TEST_F(SipServiceTest, ProblemsAndConflictsWriteNothing) {
  PlanDocument bad = Plan();
  bad.interventions[0].planned_end_on = "2020-01-01";
  bad.interventions[1].actor_key = "nobody";
  bad.goals[0].text = std::string(kMaxTextLength + 1, 'x');
  const SaveOutcome problems = SaveOk(bad, 0);
  ASSERT_EQ(problems.status, SaveStatus::kProblems);
  EXPECT_EQ(problems.problems.size(), 3u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sips"), 0);

  ASSERT_EQ(SaveOk(Plan(), 0).status, SaveStatus::kSaved);
  PlanDocument mine = Plan();
  mine.needs = {"Alices ändring"};
  PlanDocument theirs = Plan();
  theirs.needs = {"Bobs ändring"};
  ASSERT_EQ(SaveOk(mine, 1).status, SaveStatus::kSaved);
  const SaveOutcome conflict = SaveOk(theirs, 1);
  ASSERT_EQ(conflict.status, SaveStatus::kConflict);
  EXPECT_EQ(conflict.version, 2);
  EXPECT_EQ(conflict.current.needs, std::vector<std::string>{"Alices ändring"});
  EXPECT_EQ(conflict.submitted.needs, std::vector<std::string>{"Bobs ändring"});
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sip_revisions"), 2);
}

TEST_F(SipServiceTest, TheGuardWaitsForConfirmationThenNotifiesAndCounts) {
  ASSERT_EQ(SaveOk(Plan(), 0).status, SaveStatus::kSaved);
  PlanDocument ended = Plan();
  ended.interventions[0].status = "ended";
  ended.interventions[0].status_reason = "income_from_sex_buyer";
  const SaveOutcome guard = SaveOk(ended, 1);
  ASSERT_EQ(guard.status, SaveStatus::kGuard);
  ASSERT_FALSE(guard.events.empty());
  EXPECT_EQ(guard.events[0].intervention_key, "i-econ");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sip_revisions"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tasks"), 0);

  const SaveOutcome saved = SaveOk(ended, 1, /*confirmed=*/true);
  ASSERT_EQ(saved.status, SaveStatus::kSaved);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tasks WHERE kind = 'continuity_guard' AND "
                  "user_id = 101"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM stat_facts WHERE category = "
                  "'continuity_guard.economic_assistance.income_from_sex_buyer'"),
            1);
}

TEST_F(SipServiceTest, TheGuardNotifiesTheOverallResponsibleUnitsTeamMembers) {
  // Carl (unit 11, the plan's overall responsible unit) and Pia (a partner) are on the person's
  // case team; Bob (unit 11) is not. Carl hears of it with Alice; Bob and Pia do not.
  ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
    for (const char* sql :
         {"INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
          "password_hash, created_at, updated_at) VALUES (1, 104, 'carl', 'carl', 'Carl', 11, "
          "'x', 0, 0)",
          "INSERT INTO person_staff (tenant_id, person_id, user_id, on_team, named_for_protected, "
          "added_by, added_at) VALUES (1, 300, 104, 1, 0, 101, 0)",
          "INSERT INTO person_staff (tenant_id, person_id, user_id, on_team, named_for_protected, "
          "added_by, added_at) VALUES (1, 300, 103, 1, 0, 101, 0)"}) {
      if (auto done = tx.Execute(sql); !done) return std::unexpected(done.error());
    }
    return base::Ok();
  }));
  ASSERT_EQ(SaveOk(Plan(), 0).status, SaveStatus::kSaved);
  PlanDocument ended = Plan();
  ended.interventions[0].status = "ended";
  ended.interventions[0].status_reason = "did_not_follow_plan";
  ASSERT_EQ(SaveOk(ended, 1, /*confirmed=*/true).status, SaveStatus::kSaved);
  auto notified = db_->Read([](storage::Transaction& tx) {
    return tx.Query("SELECT user_id FROM tasks WHERE kind = 'continuity_guard' ORDER BY user_id");
  });
  ASSERT_TRUE(notified);
  std::vector<std::int64_t> users;
  for (const auto& row : *notified) users.push_back(row.Int(0));
  EXPECT_EQ(users, (std::vector<std::int64_t>{kAlice, 104}));

  // With the region (an external organisation) as overall responsible, only the coordinator is
  // told in Fyren; the editor asks the coordinator to contact the region.
  PlanDocument paused = ended;
  paused.overall_responsible = "region";
  paused.interventions[2].status = "paused";
  paused.interventions[2].status_reason = "did_not_follow_plan";
  ASSERT_EQ(SaveOk(paused, 2, /*confirmed=*/true).status, SaveStatus::kSaved);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tasks WHERE kind = 'continuity_guard'"), 3);
}

TEST_F(SipServiceTest, FollowUpsAreLoggedAfterTheFirstSave) {
  auto early = service_->AddFollowUp(
      Alice(), kCase,
      FollowUpInput{.held_on = "2026-03-01", .intervention_key = "", .outcome = "Bra"});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(SaveOk(Plan(), 0).status, SaveStatus::kSaved);
  auto problems = service_->AddFollowUp(
      Alice(), kCase, FollowUpInput{.held_on = "igår", .intervention_key = "x", .outcome = ""});
  ASSERT_TRUE(problems);
  EXPECT_EQ(problems->size(), 3u);
  auto ok = service_->AddFollowUp(
      Alice(), kCase,
      FollowUpInput{.held_on = "2026-03-01", .intervention_key = "i-ngo", .outcome = "Går bra"});
  ASSERT_TRUE(ok);
  EXPECT_TRUE(ok->empty());
  auto view = service_->Get(Alice(), kCase);
  ASSERT_TRUE(view);
  ASSERT_EQ(view->followups.size(), 1u);
  EXPECT_EQ(view->followups[0].outcome, "Går bra");
  EXPECT_EQ(view->followups[0].author_name, "Alice");
}

TEST_F(SipServiceTest, OutsideTheTeamIsNotFoundAndAudited) {
  ASSERT_EQ(SaveOk(Plan(), 0).status, SaveStatus::kSaved);
  for (const std::string& id :
       {kCase, std::string("cccccccccccccccccccccccccc"), std::string("not-an-id")}) {
    auto view = service_->Get(Bob(), id);
    ASSERT_FALSE(view);
    EXPECT_EQ(view.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(view.error().message, "No such case.");
    EXPECT_EQ(LastAuditAction(), "denied");
  }
  auto save = service_->Save(
      Bob(), kCase,
      SaveInput{
          .expected_version = 1, .document = Plan(), .change_note = {}, .guard_confirmed = false});
  ASSERT_FALSE(save);
  EXPECT_EQ(save.error().code, ErrorCode::kNotFound);
  // A partner has no read of personal data at all.
  auto partner = service_->Get(Pia(), kCase);
  ASSERT_FALSE(partner);
  EXPECT_EQ(partner.error().code, ErrorCode::kForbidden);
}

TEST_F(SipServiceTest, PrintIsAuditedAndBlockedForProtectedIdentity) {
  ASSERT_EQ(SaveOk(Plan(), 0).status, SaveStatus::kSaved);
  auto printed = service_->Print(Alice(), kCase);
  ASSERT_TRUE(printed);
  EXPECT_EQ(LastAuditAction(), "print");
  auto blocked = service_->Print(Alice(), kProtectedCase);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(LastAuditAction(), "denied");
}

TEST_F(SipServiceTest, APartnerSeesOnlyConsentedPartsUntilWithdrawn) {
  ASSERT_EQ(SaveOk(Plan(), 0).status, SaveStatus::kSaved);
  auto none = service_->SharedSections(Pia(), kCase);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
    auto done = tx.Execute(
        "INSERT INTO consents (tenant_id, consent_id, public_id, case_id, purpose, "
        "organisation_id, scope, how_given, recorded_by, given_at, created_at) VALUES (1, 1, "
        "'c1', 500, 'share_with_organisation', 20, 'interventions', 'written', 101, 0, 0)");
    if (!done) return std::unexpected(done.error());
    return base::Ok();
  }));
  auto shared = service_->SharedSections(Pia(), kCase);
  ASSERT_TRUE(shared) << shared.error().message;
  EXPECT_EQ(shared->plan.interventions.size(), 3u);
  EXPECT_TRUE(shared->plan.goals.empty());
  EXPECT_TRUE(shared->plan.meetings.empty());
  EXPECT_TRUE(shared->followups.empty());
  EXPECT_EQ(LastAuditAction(), "read");
  // Reviewers see the read as one through a share, not as an outside-own-unit access.
  EXPECT_EQ(Count("SELECT flags FROM audit_entries ORDER BY seq DESC LIMIT 1"),
            trust::audit::kFlagViaShare);

  ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
    auto done = tx.Execute("UPDATE consents SET withdrawn_at = 1, withdrawn_by = 101");
    if (!done) return std::unexpected(done.error());
    return base::Ok();
  }));
  auto gone = service_->SharedSections(Pia(), kCase);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace fyren::sip
