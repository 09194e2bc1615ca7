// ExitCaseService on an in-memory SQLite database with real keys, a real audit log and the real
// person register: every rule and every denial (other authority, not on the team, partner without
// or after consent, closing without a reason, a second open case).
#include "domain/exit_case/exit_case_service.h"

#include <gtest/gtest.h>

#include "domain/person/person_service.h"
#include "domain/person/person_test_input.h"
#include "trust/crypto/data_keys.h"
#include "trust/sessions/test_database.h"

namespace fyren::exit_case {
namespace {

using base::ErrorCode;

constexpr std::int64_t kAuthority = 10;  // "AUTH" with unit 11 (test_database.h)
constexpr std::int64_t kOtherAuthority = 30;
constexpr std::int64_t kPartnerOrg = 20;  // "PART"
constexpr std::int64_t kAlice = 101;      // unit 11, coordinator
constexpr std::int64_t kBob = 102;        // unit 11, coordinator, not on teams unless added
constexpr std::int64_t kCarl = 103;       // unit 31 (other authority), coordinator
constexpr std::int64_t kPia = 104;        // partner 20, external_partner
constexpr std::int64_t kAnna = 105;       // unit 11, analyst (no personal data)

class ExitCaseServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = trust::testing::OpenTestDatabase();
    ASSERT_TRUE(db_);
    ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
      for (const char* sql :
           {"INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) "
            "VALUES (1, 30, 'o30', NULL, 'authority', 'OTH', 'Annan', 'Other', 0, 0)",
            "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) "
            "VALUES (1, 31, 'o31', 30, 'unit', 'OTHU', 'Enhet', 'Unit', 0, 0)",
            "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) "
            "VALUES (1, 21, 'o21', NULL, 'partner', 'PART2', 'Annan partner', 'Other partner', "
            "0, 0)"}) {
        if (auto done = tx.Execute(sql); !done) return std::unexpected(done.error());
      }
      for (const auto& [id, name, unit, role] : {std::tuple{kAlice, "alice", 11, "coordinator"},
                                                 std::tuple{kBob, "bob", 11, "coordinator"},
                                                 std::tuple{kCarl, "carl", 31, "coordinator"},
                                                 std::tuple{kPia, "pia", 20, "external_partner"},
                                                 std::tuple{kAnna, "anna", 11, "analyst"}}) {
        auto done = tx.Execute(
            "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
            "password_hash, created_at, updated_at) VALUES (1, $1, $2, $2, $2, $3, 'x', 0, 0)",
            {id, std::string_view(name), unit});
        if (!done) return std::unexpected(done.error());
        done = tx.Execute("INSERT INTO user_roles (tenant_id, user_id, role) VALUES (1, $1, $2)",
                          {id, std::string_view(role)});
        if (!done) return std::unexpected(done.error());
      }
      return base::Ok();
    }));
    auto master = trust::crypto::MasterKey::Generate();
    ASSERT_TRUE(trust::crypto::EnsureTenantKeys(*db_, master, base::TenantId(1)));
    ring_ = std::make_unique<trust::crypto::KeyRing>(std::move(master));
    ASSERT_TRUE(ring_->Reload(*db_));
    audit_ = std::make_unique<trust::audit::AuditLog>(*db_, clock_);
    persons_ = std::make_unique<person::PersonService>(*db_, *ring_, *audit_, clock_);
    service_ = std::make_unique<ExitCaseService>(*db_, *ring_, *audit_, clock_);
    person_ = RegisterPerson(Alice(), false);
  }

  trust::Actor Actor(std::int64_t user, std::int64_t unit, std::optional<std::int64_t> authority,
                     std::string role = "coordinator") const {
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
  trust::Actor Alice() const { return Actor(kAlice, 11, kAuthority); }
  trust::Actor Bob() const { return Actor(kBob, 11, kAuthority); }
  trust::Actor Carl() const { return Actor(kCarl, 31, kOtherAuthority); }
  trust::Actor Pia() const { return Actor(kPia, kPartnerOrg, std::nullopt, "external_partner"); }
  trust::Actor Anna() const { return Actor(kAnna, 11, kAuthority, "analyst"); }

  std::string RegisterPerson(const trust::Actor& actor, bool protected_identity) {
    auto outcome =
        persons_->Register(actor, person::testing::SyntheticAliasPerson(protected_identity));
    EXPECT_TRUE(outcome && outcome->ok());
    return outcome && outcome->ok() ? outcome->public_id : std::string();
  }

  CaseWriteOutcome OpenOk(const trust::Actor& actor, const std::string& person_id) {
    auto outcome = service_->Open(actor, person_id, {});
    EXPECT_TRUE(outcome) << (outcome ? "" : outcome.error().message);
    if (!outcome) return {};
    EXPECT_TRUE(outcome->ok()) << (outcome->ok() ? "" : outcome->problems.front().code);
    return *outcome;
  }

  std::string ShareWithPartner(const std::string& case_id, std::string expires_on = {}) {
    auto consent = service_->RecordConsent(Alice(), case_id,
                                           ConsentInput{.purpose = "share_with_organisation",
                                                        .organisation = "o20",
                                                        .scope = {"goals", "meetings"},
                                                        .how_given = "written",
                                                        .given_on = {},
                                                        .expires_on = std::move(expires_on)});
    EXPECT_TRUE(consent && consent->ok());
    return consent && consent->ok() ? consent->public_id : std::string();
  }

  std::int64_t CountAudit(std::string_view action, std::string_view outcome) const {
    auto rows = db_->Read([&](storage::Transaction& tx) {
      return tx.Query("SELECT COUNT(*) FROM audit_entries WHERE action = $1 AND outcome = $2",
                      {action, outcome});
    });
    EXPECT_TRUE(rows);
    return rows ? rows->front().Int(0) : -1;
  }

  // 2026-03-10 12:00 UTC.
  base::FakeClock clock_{
      base::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::March / 10) +
                      std::chrono::hours(12))};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<trust::crypto::KeyRing> ring_;
  std::unique_ptr<trust::audit::AuditLog> audit_;
  std::unique_ptr<person::PersonService> persons_;
  std::unique_ptr<ExitCaseService> service_;
  std::string person_;
};

TEST_F(ExitCaseServiceTest, OpenNumbersPerAuthorityAndYearAndReads) {
  const CaseWriteOutcome first = OpenOk(Alice(), person_);
  EXPECT_EQ(first.case_number, "AUTH-2026-0001");
  const CaseWriteOutcome second = OpenOk(Alice(), RegisterPerson(Alice(), false));
  EXPECT_EQ(second.case_number, "AUTH-2026-0002");

  auto view = service_->Get(Alice(), first.public_id);
  ASSERT_TRUE(view) << view.error().message;
  EXPECT_EQ(view->case_number, "AUTH-2026-0001");
  EXPECT_EQ(view->status, CaseStatus::kOpen);
  EXPECT_EQ(view->responsible_username, "alice");
  EXPECT_EQ(view->person_initials, "T. P.");
  EXPECT_EQ(view->person_birth_year, 1990);
  ASSERT_EQ(view->events.size(), 1U);
  EXPECT_FALSE(view->events[0].from.has_value());
  EXPECT_EQ(view->team.size(), 1U);
  EXPECT_GE(CountAudit("read", "allowed"), 1);
}

TEST_F(ExitCaseServiceTest, CaseNumbersFollowTheSwedishYear) {
  // 2026-12-31 23:30 UTC is 00:30 on New Year's Day in Sweden.
  clock_.Set(
      base::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::December / 31) +
                      std::chrono::minutes(23 * 60 + 30)));
  EXPECT_EQ(OpenOk(Alice(), person_).case_number, "AUTH-2027-0001");
}

TEST_F(ExitCaseServiceTest, ASecondOpenCaseIsAFieldProblem) {
  OpenOk(Alice(), person_);
  auto again = service_->Open(Alice(), person_, {});
  ASSERT_TRUE(again);
  ASSERT_EQ(again->problems.size(), 1U);
  EXPECT_EQ(again->problems[0].code, "person.open_case_exists");
}

TEST_F(ExitCaseServiceTest, TheCoordinatorMustBeOfTheAuthorityAndJoinsTheTeam) {
  auto other = service_->Open(Alice(), person_, OpenCaseInput{.responsible_username = "carl"});
  ASSERT_TRUE(other);
  ASSERT_FALSE(other->ok());
  EXPECT_EQ(other->problems[0].field, "responsible");
  auto analyst = service_->Open(Alice(), person_, OpenCaseInput{.responsible_username = "anna"});
  ASSERT_TRUE(analyst);
  EXPECT_FALSE(analyst->ok());

  auto bob = service_->Open(Alice(), person_, OpenCaseInput{.responsible_username = "bob"});
  ASSERT_TRUE(bob && bob->ok());
  auto as_bob = service_->Get(Bob(), bob->public_id);  // bob is now on the person's team
  ASSERT_TRUE(as_bob) << as_bob.error().message;
  EXPECT_EQ(as_bob->responsible_username, "bob");
}

TEST_F(ExitCaseServiceTest, HandingOverNeedsACoordinatorOfTheAuthorityAndTheCurrentVersion) {
  const CaseWriteOutcome opened = OpenOk(Alice(), person_);
  auto carl = service_->SetResponsible(Alice(), opened.public_id, "carl", opened.version);
  ASSERT_TRUE(carl);
  ASSERT_EQ(carl->problems.size(), 1U);
  EXPECT_EQ(carl->problems[0].code, "responsible.unknown");
  auto nobody = service_->SetResponsible(Alice(), opened.public_id, "nobody", opened.version);
  ASSERT_TRUE(nobody);
  EXPECT_FALSE(nobody->ok());
  EXPECT_FALSE(service_->Get(Bob(), opened.public_id));  // not on the team yet

  auto bob = service_->SetResponsible(Alice(), opened.public_id, "bob", opened.version);
  ASSERT_TRUE(bob && bob->ok());
  EXPECT_EQ(bob->version, opened.version + 1);
  auto as_bob = service_->Get(Bob(), opened.public_id);  // bob joined the person's team
  ASSERT_TRUE(as_bob) << as_bob.error().message;
  EXPECT_EQ(as_bob->responsible_username, "bob");
  EXPECT_TRUE(service_->Get(Alice(), opened.public_id));  // alice stays on the team

  // The version it was read at is gone: a conflict, nothing written.
  auto stale = service_->SetResponsible(Bob(), opened.public_id, "alice", opened.version);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(service_->Get(Bob(), opened.public_id)->responsible_username, "bob");
}

TEST_F(ExitCaseServiceTest, OtherAuthorityOffTeamAndMissingAreAllNotFound) {
  const CaseWriteOutcome c = OpenOk(Alice(), person_);
  for (const trust::Actor& actor : {Bob(), Carl()}) {
    auto denied = service_->Get(actor, c.public_id);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(denied.error().message, "No such case.");
    auto write = service_->ChangeStatus(
        actor, c.public_id, StatusChangeInput{.status = "paused", .expected_version = 1});
    ASSERT_FALSE(write);
    EXPECT_EQ(write.error().code, ErrorCode::kNotFound);
  }
  auto missing = service_->Get(Alice(), "nosuchcase");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "No such case.");
  auto carl_opens = service_->Open(Carl(), person_, {});
  ASSERT_FALSE(carl_opens);
  EXPECT_EQ(carl_opens.error().code, ErrorCode::kNotFound);
  auto analyst = service_->Get(Anna(), c.public_id);
  ASSERT_FALSE(analyst);
  EXPECT_EQ(analyst.error().code, ErrorCode::kForbidden);
  EXPECT_GE(CountAudit("denied", "denied"), 6);
}

TEST_F(ExitCaseServiceTest, ClosingNeedsAReasonAndIsKept) {
  const CaseWriteOutcome c = OpenOk(Alice(), person_);
  auto no_reason = service_->ChangeStatus(
      Alice(), c.public_id, StatusChangeInput{.status = "closed", .expected_version = 1});
  ASSERT_TRUE(no_reason);
  ASSERT_EQ(no_reason->problems.size(), 1U);
  EXPECT_EQ(no_reason->problems[0].code, "reason.required");
  clock_.Advance(std::chrono::minutes(1));

  auto closed = service_->ChangeStatus(Alice(), c.public_id,
                                       StatusChangeInput{.status = "closed",
                                                         .reason = "moved_away",
                                                         .note = "Flyttat till annan kommun.",
                                                         .expected_version = 1});
  ASSERT_TRUE(closed && closed->ok());
  EXPECT_EQ(closed->version, 2);
  auto stale = service_->ChangeStatus(Alice(), c.public_id,
                                      StatusChangeInput{.status = "open", .expected_version = 1});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

  auto view = service_->Get(Alice(), c.public_id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->status, CaseStatus::kClosed);
  EXPECT_EQ(view->closed_reason, CloseReason::kMovedAway);
  EXPECT_EQ(view->closed_note, "Flyttat till annan kommun.");
  ASSERT_EQ(view->events.size(), 2U);
  EXPECT_EQ(view->events[1].from, CaseStatus::kOpen);
  EXPECT_EQ(view->events[1].reason, CloseReason::kMovedAway);
  // The closing note is sealed at rest.
  auto raw = db_->Read(
      [](storage::Transaction& tx) { return tx.Query("SELECT closed_note FROM exit_cases"); });
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->front().Bytes(0).find("Flyttat"), std::string::npos);

  // Once closed, the person may get a new case.
  const CaseWriteOutcome next = OpenOk(Alice(), person_);
  EXPECT_EQ(next.case_number, "AUTH-2026-0002");
  auto reopen = service_->ChangeStatus(Alice(), c.public_id,
                                       StatusChangeInput{.status = "open", .expected_version = 2});
  ASSERT_TRUE(reopen);
  ASSERT_FALSE(reopen->ok());
  EXPECT_EQ(reopen->problems[0].code, "status.open_case_exists");
}

TEST_F(ExitCaseServiceTest, PartnerSeesOnlyWithAnActiveConsent) {
  const CaseWriteOutcome c = OpenOk(Alice(), person_);
  auto before = service_->ForPartner(Pia(), c.public_id);
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(before.error().message, "No such case.");
  auto listed_before = service_->ListShared(Pia());
  ASSERT_TRUE(listed_before);
  EXPECT_TRUE(listed_before->empty());

  const std::string consent = ShareWithPartner(c.public_id);
  auto seen = service_->ForPartner(Pia(), c.public_id);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen->case_number, c.case_number);
  EXPECT_EQ(seen->parts, (SipParts{SipPart::kGoals, SipPart::kMeetings}));
  EXPECT_EQ(seen->coordinator_name, "alice");
  auto listed = service_->ListShared(Pia());
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1U);
  // A partner never reads the case record itself.
  auto record = service_->Get(Pia(), c.public_id);
  ASSERT_FALSE(record);

  auto view = service_->Get(Alice(), c.public_id);
  ASSERT_TRUE(view);
  ASSERT_EQ(view->consents.size(), 1U);
  EXPECT_TRUE(view->consents[0].active);
  EXPECT_EQ(view->consents[0].organisation_public_id, "o20");

  ASSERT_TRUE(service_->WithdrawConsent(Alice(), c.public_id, consent));
  auto after = service_->ForPartner(Pia(), c.public_id);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::kNotFound);
  auto twice = service_->WithdrawConsent(Alice(), c.public_id, consent);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kNotFound);
  auto listed_after = service_->ListShared(Pia());
  ASSERT_TRUE(listed_after);
  EXPECT_TRUE(listed_after->empty());
}

TEST_F(ExitCaseServiceTest, ConsentEndsWhenItExpires) {
  const CaseWriteOutcome c = OpenOk(Alice(), person_);
  ShareWithPartner(c.public_id, "2026-03-11");
  // "Through 11 March" is the Swedish day: it ends at local midnight, 23:00 UTC in winter.
  clock_.Advance(std::chrono::hours(24));  // 2026-03-11 12:00 UTC, 13:00 in Sweden
  EXPECT_TRUE(service_->ForPartner(Pia(), c.public_id));
  clock_.Advance(std::chrono::minutes(10 * 60 + 30));  // 22:30 UTC, 23:30 in Sweden
  EXPECT_TRUE(service_->ForPartner(Pia(), c.public_id));
  clock_.Advance(std::chrono::hours(1));  // 23:30 UTC, 00:30 on 12 March in Sweden: over
  auto after = service_->ForPartner(Pia(), c.public_id);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::kNotFound);
}

TEST_F(ExitCaseServiceTest, ConsentInputProblemsArePerField) {
  const CaseWriteOutcome c = OpenOk(Alice(), person_);
  auto bad = service_->RecordConsent(Alice(), c.public_id,
                                     ConsentInput{.purpose = "share_with_organisation",
                                                  .organisation = "nope",
                                                  .scope = {},
                                                  .how_given = "telepathy",
                                                  .given_on = "2026-13-01",
                                                  .expires_on = "2020-01-01"});
  ASSERT_TRUE(bad);
  std::vector<std::string> fields;
  for (const FieldProblem& p : bad->problems) fields.push_back(p.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"how_given", "given_on", "expires_on", "scope",
                                              "organisation"}));
  auto view = service_->Get(Alice(), c.public_id);
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->consents.empty());  // nothing written
  auto other = service_->RecordConsent(Carl(), c.public_id,
                                       ConsentInput{.purpose = "statistics", .how_given = "oral"});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
}

TEST_F(ExitCaseServiceTest, ListsShowInitialsAndLeaveOutProtected) {
  const CaseWriteOutcome c = OpenOk(Alice(), person_);
  OpenOk(Alice(), RegisterPerson(Alice(), true));
  auto mine = service_->ListMine(Alice(), {});
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->items.size(), 1U);
  EXPECT_EQ(mine->items[0].public_id, c.public_id);
  EXPECT_EQ(mine->items[0].initials, "T. P.");
  EXPECT_TRUE(mine->items[0].readable);

  auto unit = service_->ListUnit(Bob(), CaseListFilter{.status = "open", .number = "auth-2026"});
  ASSERT_TRUE(unit);
  ASSERT_EQ(unit->items.size(), 1U);
  EXPECT_FALSE(unit->items[0].readable);  // bob is not on the team: no initials
  EXPECT_TRUE(unit->items[0].initials.empty());
  EXPECT_FALSE(unit->items[0].birth_year.has_value());

  auto bad = service_->ListMine(Alice(), CaseListFilter{.status = "gone"});
  ASSERT_TRUE(bad);
  ASSERT_EQ(bad->problems.size(), 1U);
  EXPECT_EQ(bad->problems[0].field, "status");
  auto carl = service_->ListMine(Carl(), {});
  ASSERT_TRUE(carl);
  EXPECT_TRUE(carl->items.empty());
}

// Lists are kept between views (case_list_cache.h); every change a list shows must show at the
// next view, made through this service, another server's, or straight in the database.
TEST_F(ExitCaseServiceTest, AKeptListShowsEveryChangeAtTheNextView) {
  const CaseWriteOutcome c = OpenOk(Alice(), person_);
  const auto mine = [&](const trust::Actor& actor) {
    auto listed = service_->ListMine(actor, {});
    EXPECT_TRUE(listed) << (listed ? "" : listed.error().message);
    return listed ? listed->items : std::vector<CaseListItem>();
  };
  ASSERT_EQ(mine(Alice()).size(), 1U);
  EXPECT_EQ(mine(Alice())[0].status, CaseStatus::kOpen);

  // Another server on the same database changes the status.
  ExitCaseService other_server(*db_, *ring_, *audit_, clock_);
  auto paused = other_server.ChangeStatus(
      Alice(), c.public_id, StatusChangeInput{.status = "paused", .expected_version = 1});
  ASSERT_TRUE(paused && paused->ok());
  ASSERT_EQ(mine(Alice()).size(), 1U);
  EXPECT_EQ(mine(Alice())[0].status, CaseStatus::kPaused);

  // Bob joins the team: the case appears on his list, readable on his unit's list.
  EXPECT_TRUE(mine(Bob()).empty());
  auto unit = service_->ListUnit(Bob(), {});
  ASSERT_TRUE(unit && unit->items.size() == 1U);
  EXPECT_FALSE(unit->items[0].readable);
  ASSERT_TRUE(persons_->AddTeamMember(Alice(), person_, "bob", false));
  ASSERT_EQ(mine(Bob()).size(), 1U);
  unit = service_->ListUnit(Bob(), {});
  ASSERT_TRUE(unit && unit->items.size() == 1U);
  EXPECT_TRUE(unit->items[0].readable);
  EXPECT_EQ(unit->items[0].initials, "T. P.");
  ASSERT_TRUE(persons_->RemoveTeamMember(Alice(), person_, "bob"));
  EXPECT_TRUE(mine(Bob()).empty());

  // The person's identity becomes protected: off every list.
  ASSERT_TRUE(db_->Write([&](storage::Transaction& tx) -> base::Status {
    auto done = tx.Execute("UPDATE persons SET protected_identity = 1 WHERE public_id = $1",
                           {std::string_view(person_)});
    if (!done) return std::unexpected(done.error());
    return base::Ok();
  }));
  EXPECT_TRUE(mine(Alice()).empty());
}

// A caller holding what it made of a kept page's version gets the page without its items, and
// the view is audited all the same.
TEST_F(ExitCaseServiceTest, AKeptPageComesWithoutItemsWhenTheCallerHoldsItsVersion) {
  OpenOk(Alice(), person_);
  auto first = service_->ListMine(Alice(), {});
  ASSERT_TRUE(first);
  ASSERT_NE(first->version, 0U);
  EXPECT_EQ(first->item_count, 1U);
  const std::int64_t searches = CountAudit("search", "allowed");
  std::uint64_t asked = 0;
  auto again = service_->ListMine(Alice(), {}, [&](std::uint64_t version) {
    asked = version;
    return false;
  });
  ASSERT_TRUE(again);
  EXPECT_EQ(asked, first->version);
  EXPECT_EQ(again->version, first->version);
  EXPECT_TRUE(again->items.empty());
  EXPECT_EQ(again->item_count, 1U);
  EXPECT_EQ(CountAudit("search", "allowed"), searches + 1);
  auto wanted = service_->ListMine(Alice(), {}, [](std::uint64_t) { return true; });
  ASSERT_TRUE(wanted);
  EXPECT_EQ(wanted->items.size(), 1U);
}

// The start page's count: my open cases as ListMine would list them, not audited (no person in
// it), and nothing at all for a role without read_personal_data.
TEST_F(ExitCaseServiceTest, CountMineOpenMatchesMyListAndIsDeniedWithoutTheRole) {
  const CaseWriteOutcome c = OpenOk(Alice(), person_);
  OpenOk(Alice(), RegisterPerson(Alice(), true));  // protected: never listed, never counted
  const std::int64_t searches = CountAudit("search", "allowed");
  auto count = service_->CountMineOpen(Alice());
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(*count, 1);
  EXPECT_EQ(CountAudit("search", "allowed"), searches);
  auto carl = service_->CountMineOpen(Carl());
  ASSERT_TRUE(carl);
  EXPECT_EQ(*carl, 0);

  auto paused = service_->ChangeStatus(
      Alice(), c.public_id, StatusChangeInput{.status = "paused", .expected_version = 1});
  ASSERT_TRUE(paused && paused->ok());
  auto after = service_->CountMineOpen(Alice());
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, 0);

  const std::int64_t denials = CountAudit("denied", "denied");
  auto analyst = service_->CountMineOpen(Anna());
  ASSERT_FALSE(analyst);
  EXPECT_EQ(analyst.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(CountAudit("denied", "denied"), denials + 1);
}

}  // namespace
}  // namespace fyren::exit_case
