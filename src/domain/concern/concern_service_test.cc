// ConcernService on an in-memory SQLite database with real keys and a real audit log: the
// reporter's flow, the intake queue with its deadlines, every denial and its audit entry.
#include "domain/concern/concern_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "base/embedded.h"
#include "base/swedish_time.h"
#include "storage/migrator.h"
#include "trust/crypto/data_keys.h"

namespace fyren::concern {
namespace {

using base::ErrorCode;
using std::chrono::hours;

constexpr std::int64_t kCommittee = 10;     // "AUTH" > unit 11: the receiving committee
constexpr std::int64_t kReporter = 201;     // unit 31 under school authority 30
constexpr std::int64_t kIntake = 202;       // unit 11, intake_worker
constexpr std::int64_t kCoordinator = 203;  // unit 11, coordinator (not intake)
constexpr std::int64_t kOtherIntake = 204;  // unit 41 under committee 40, intake_worker

// Every embedded SQLite migration in file order. Numbered afresh so this test does not depend on
// which other modules' migrations are in the tree yet (the migrator's own tests check numbering).
std::unique_ptr<storage::Database> OpenDatabase() {
  auto db = storage::OpenDatabase("sqlite::memory:", storage::DatabaseOptions{});
  if (!db) return nullptr;
  std::vector<storage::Migration> migrations;
  for (const base::EmbeddedFile& file : base::EmbeddedFiles()) {
    if (!file.path.starts_with("migrations/sqlite/") || !file.path.ends_with(".sql")) continue;
    migrations.push_back(
        storage::Migration{.version = 0, .name = std::string(file.path), .sql = file.data});
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    migrations[i].version = static_cast<int>(i) + 1;
  }
  if (!storage::Migrate(**db, migrations)) return nullptr;
  return std::move(*db);
}

class ConcernServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenDatabase();
    ASSERT_TRUE(db_);
    ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
      for (const char* sql : {
               "INSERT INTO tenants (tenant_id, public_id, slug, name, created_at) "
               "VALUES (1, 't1', 't1', 'Test', 0)",
               "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, "
               "kind, code, name_sv, name_en, created_at, updated_at) VALUES "
               "(1, 10, 'o10', NULL, 'authority', 'AUTH', 'Nämnd', 'Committee', 0, 0), "
               "(1, 11, 'o11', 10, 'unit', 'UNIT', 'Mottagning', 'Intake', 0, 0), "
               "(1, 30, 'o30', NULL, 'authority', 'SCH', 'Skolnämnd', 'School', 0, 0), "
               "(1, 31, 'o31', 30, 'unit', 'SCHU', 'Elevhälsa', 'Student health', 0, 0), "
               "(1, 40, 'o40', NULL, 'authority', 'OTH', 'Annan', 'Other', 0, 0), "
               "(1, 41, 'o41', 40, 'unit', 'OTHU', 'Mottagning', 'Intake', 0, 0)",
           }) {
        if (auto done = tx.Execute(sql); !done) return std::unexpected(done.error());
      }
      for (const auto& [id, name, unit] :
           {std::tuple{kReporter, "reporter", 31}, std::tuple{kIntake, "intake", 11},
            std::tuple{kCoordinator, "coordinator", 11}, std::tuple{kOtherIntake, "other", 41}}) {
        auto done = tx.Execute(
            "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
            "password_hash, created_at, updated_at) VALUES (1, $1, $2, $2, $2, $3, 'x', 0, 0)",
            {id, std::string_view(name), unit});
        if (!done) return std::unexpected(done.error());
      }
      return base::Ok();
    }));
    auto master = trust::crypto::MasterKey::Generate();
    ASSERT_TRUE(trust::crypto::EnsureTenantKeys(*db_, master, base::TenantId(1)));
    ring_ = std::make_unique<trust::crypto::KeyRing>(std::move(master));
    ASSERT_TRUE(ring_->Reload(*db_));
    audit_ = std::make_unique<trust::audit::AuditLog>(*db_, clock_);
    auto rules = LoadDeadlineRules();
    ASSERT_TRUE(rules) << rules.error().message;
    service_ = std::make_unique<ConcernService>(
        *db_, *ring_, *audit_, clock_, std::move(*rules),
        std::vector<District>{{.code = "north", .name = "North", .committee = "AUTH"},
                              {.code = "west", .name = "West", .committee = "OTH"}});
    ASSERT_TRUE(service_->CheckDistricts(base::TenantId(1)));
  }

  trust::Actor Actor(std::int64_t user, std::int64_t unit, std::int64_t authority,
                     std::string role) const {
    return trust::Actor{.tenant = base::TenantId(1),
                        .user_id = user,
                        .unit = base::OrganisationId(unit),
                        .authority = base::OrganisationId(authority),
                        .roles = {std::move(role)},
                        .purpose = "case_work",
                        .request_id = "test-request-0001",
                        .session_handle = {},
                        .second_factor_at = clock_.Now(),
                        .local_operator = false};
  }
  trust::Actor Reporter() const { return Actor(kReporter, 31, 30, "school_health_staff"); }
  trust::Actor Intake() const { return Actor(kIntake, 11, kCommittee, "intake_worker"); }
  trust::Actor Coordinator() const { return Actor(kCoordinator, 11, kCommittee, "coordinator"); }
  trust::Actor OtherIntake() const { return Actor(kOtherIntake, 41, 40, "intake_worker"); }

  static ReportInput Unknown() {
    return ReportInput{.district = "north",
                       .committee = {},
                       .child_name = {},
                       .child_description = "Pojke, cirka 14 år, brukar vara vid busshållplatsen",
                       .concern_text = "Har sett en vuxen ge honom pengar och en telefon.",
                       .reporter_phone = "031-123 45 67",
                       .reporter_email = {},
                       .screening_public_id = {}};
  }

  SubmitOutcome SubmitOk(const ReportInput& input) {
    auto outcome = service_->Submit(Reporter(), input);
    EXPECT_TRUE(outcome) << (outcome ? "" : outcome.error().message);
    if (!outcome) return {};
    EXPECT_TRUE(outcome->ok()) << (outcome->ok() ? "" : outcome->problems.front().code);
    return *outcome;
  }

  std::tuple<std::string, std::string> LastAudit() const {
    auto rows = db_->Read([](storage::Transaction& tx) {
      return tx.Query("SELECT action, outcome FROM audit_entries ORDER BY seq DESC LIMIT 1");
    });
    EXPECT_TRUE(rows && !rows->empty());
    if (!rows || rows->empty()) return {};
    return {rows->front().Text(0), rows->front().Text(1)};
  }

  std::int64_t CountReports() const {
    auto count = db_->Read(
        [](storage::Transaction& tx) { return ConcernStore::CountReports(tx, base::TenantId(1)); });
    return count.value_or(-1);
  }

  // Monday 2 March 2026, 10:00 UTC = 11:00 in Sweden.
  base::FakeClock clock_{base::TimePoint(
      std::chrono::sys_days(std::chrono::year(2026) / std::chrono::March / 2) + hours(10))};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<trust::crypto::KeyRing> ring_;
  std::unique_ptr<trust::audit::AuditLog> audit_;
  std::unique_ptr<ConcernService> service_;
};

TEST_F(ConcernServiceTest, ReportWithoutReporterContactIsAProblemAndWritesNothing) {
  ReportInput input = Unknown();
  input.reporter_phone.clear();
  input.concern_text.clear();
  input.child_description.clear();
  auto outcome = service_->Submit(Reporter(), input);
  ASSERT_TRUE(outcome);
  std::vector<std::string> codes;
  for (const auto& p : outcome->problems) codes.push_back(p.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"child.missing", "concern_text.missing",
                                             "reporter_contact.missing"}));
  EXPECT_EQ(CountReports(), 0);
  input = Unknown();
  input.district = "nowhere";
  input.reporter_email = "not-an-address";
  outcome = service_->Submit(Reporter(), input);
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->problems.size(), 2U);
  EXPECT_EQ(outcome->problems[0].field, "district");
  EXPECT_EQ(outcome->problems[1].field, "reporter_email");
  EXPECT_EQ(CountReports(), 0);
}

TEST_F(ConcernServiceTest, UnknownChildIsAcceptedSealedAndNumberedPerCommitteeAndYear) {
  const SubmitOutcome first = SubmitOk(Unknown());
  EXPECT_EQ(first.reference, "OA-AUTH-2026-0001");
  EXPECT_EQ(std::get<0>(LastAudit()), "create");
  ReportInput by_hand = Unknown();
  by_hand.district.clear();
  by_hand.committee = "AUTH";
  EXPECT_EQ(SubmitOk(by_hand).reference, "OA-AUTH-2026-0002");
  by_hand.committee = "OTH";
  EXPECT_EQ(SubmitOk(by_hand).reference, "OA-OTH-2026-0001");
  by_hand.committee = "SCH";  // not a social committee of any district
  auto refused = service_->Submit(Reporter(), by_hand);
  ASSERT_TRUE(refused);
  ASSERT_FALSE(refused->ok());
  EXPECT_EQ(refused->problems.front().code, "committee.unknown");

  auto raw = db_->Read([](storage::Transaction& tx) {
    return tx.Query(
        "SELECT concern_text, reporter_contact, child_description, child_known "
        "FROM concern_reports ORDER BY reference LIMIT 1");
  });
  ASSERT_TRUE(raw);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(raw->front().Bytes(i).find("pengar"), std::string::npos);
    EXPECT_EQ(raw->front().Bytes(i).find("031-123"), std::string::npos);
    EXPECT_EQ(raw->front().Bytes(i).find("Pojke"), std::string::npos);
  }
  EXPECT_EQ(raw->front().Int(3), 0);
}

TEST_F(ConcernServiceTest, ReceiptIsTheReportersOnlyAndShowsWhenIntakeReceivedIt) {
  const SubmitOutcome sent = SubmitOk(Unknown());
  auto receipt = service_->GetReceipt(Reporter(), sent.public_id);
  ASSERT_TRUE(receipt) << receipt.error().message;
  EXPECT_EQ(receipt->reference, sent.reference);
  EXPECT_EQ(receipt->committee_code, "AUTH");
  EXPECT_FALSE(receipt->intake_opened_at);

  for (const trust::Actor& other : {Intake(), OtherIntake(), Coordinator()}) {
    auto denied = service_->GetReceipt(other, sent.public_id);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(LastAudit(), std::make_tuple(std::string("denied"), std::string("denied")));
  }

  clock_.Advance(hours(1));
  ASSERT_TRUE(service_->Open(Intake(), sent.public_id));
  receipt = service_->GetReceipt(Reporter(), sent.public_id);
  ASSERT_TRUE(receipt);
  ASSERT_TRUE(receipt->intake_opened_at);
  EXPECT_EQ(*receipt->intake_opened_at, base::ToUnixMicros(clock_.Now()));
}

// A page of the queue keeps its version while nothing changes; a caller that holds what it made
// of that version gets the page without rows, and a change gives a new version with rows.
TEST_F(ConcernServiceTest, AQueuePageKeepsItsVersionUntilAChange) {
  SubmitOk(Unknown());
  auto first = service_->Queue(Intake(), {});
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_NE(first->rows_version, 0U);
  std::uint64_t asked = 0;
  auto again = service_->Queue(Intake(), {}, [&](std::uint64_t version) {
    asked = version;
    return false;
  });
  ASSERT_TRUE(again);
  EXPECT_EQ(asked, first->rows_version);
  EXPECT_EQ(again->rows_version, first->rows_version);
  EXPECT_TRUE(again->rows.empty());
  EXPECT_EQ(again->total, 1);
  // Still audited: every view of the queue is a search in the log.
  EXPECT_EQ(std::get<0>(LastAudit()), "search");

  SubmitOk(Unknown());
  auto changed = service_->Queue(Intake(), {}, [](std::uint64_t) { return true; });
  ASSERT_TRUE(changed);
  EXPECT_NE(changed->rows_version, first->rows_version);
  EXPECT_EQ(changed->rows.size(), 2U);
}

TEST_F(ConcernServiceTest, OnlyTheReceivingIntakeSeesTheQueueAndTheReport) {
  const SubmitOutcome sent = SubmitOk(Unknown());
  auto queue = service_->Queue(Intake(), {});
  ASSERT_TRUE(queue) << queue.error().message;
  ASSERT_EQ(queue->rows.size(), 1U);
  EXPECT_EQ(queue->rows[0].status, ReportStatus::kNew);
  ASSERT_EQ(queue->rows[0].deadlines.size(), 3U);
  const DeadlineView& assessment = queue->rows[0].deadlines[0];
  EXPECT_EQ(assessment.code, "protection_assessment");
  EXPECT_EQ(assessment.state, DeadlineState::kOpen);
  // Received 11:00 Swedish time: the same-day assessment is due at local midnight.
  EXPECT_EQ(base::FormatSwedishDateTime(assessment.due_at), "2026-03-03 00:00");
  EXPECT_EQ(std::get<0>(LastAudit()), "search");

  auto other_queue = service_->Queue(OtherIntake(), {});
  ASSERT_TRUE(other_queue);
  EXPECT_TRUE(other_queue->rows.empty());
  for (const trust::Actor& outsider : {Reporter(), Coordinator()}) {
    auto denied = service_->Queue(outsider, {});
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
  }
  for (const trust::Actor& outsider : {Reporter(), Coordinator(), OtherIntake()}) {
    auto denied = service_->Open(outsider, sent.public_id);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(denied.error().message, "No such record.");
    EXPECT_EQ(LastAudit(), std::make_tuple(std::string("denied"), std::string("denied")));
    auto write = service_->RecordAssessment(
        outsider, sent.public_id,
        {.outcome = "no_immediate_protection", .note = "x", .expected_version = 1});
    ASSERT_FALSE(write);
    EXPECT_EQ(write.error().code, ErrorCode::kNotFound);
  }
  auto missing = service_->Open(Intake(), "AAAAAAAAAAAAAAAAAAAAAAAAAA");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "No such record.");

  auto record = service_->Open(Intake(), sent.public_id);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->concern_text, "Har sett en vuxen ge honom pengar och en telefon.");
  EXPECT_EQ(record->reporter_contact, "031-123 45 67");
  EXPECT_FALSE(record->child_known);
  EXPECT_EQ(record->status, ReportStatus::kReceived);
  EXPECT_EQ(std::get<0>(LastAudit()), "read");
}

TEST_F(ConcernServiceTest, OverdueAndEscalatedAreCountedUntilTheAssessmentIsRecorded) {
  const SubmitOutcome sent = SubmitOk(Unknown());
  clock_.Advance(hours(25));
  auto queue = service_->Queue(Intake(), {});
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->overdue_count, 1);
  EXPECT_EQ(queue->escalated_count, 1);
  ASSERT_EQ(queue->rows.size(), 1U);
  EXPECT_TRUE(queue->rows[0].overdue);
  EXPECT_TRUE(queue->rows[0].escalated);
  auto only_overdue = service_->Queue(Intake(), {.status = {}, .overdue_only = true, .page = 1});
  ASSERT_TRUE(only_overdue);
  EXPECT_EQ(only_overdue->total, 1);

  auto problems = service_->RecordAssessment(Intake(), sent.public_id,
                                             {.outcome = "", .note = "", .expected_version = 1});
  ASSERT_TRUE(problems);
  EXPECT_EQ(problems->size(), 2U);
  auto stale = service_->RecordAssessment(
      Intake(), sent.public_id,
      {.outcome = "no_immediate_protection", .note = "Talat med skolan.", .expected_version = 7});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto done = service_->RecordAssessment(
      Intake(), sent.public_id,
      {.outcome = "no_immediate_protection", .note = "Talat med skolan.", .expected_version = 1});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(done->empty());
  EXPECT_EQ(std::get<0>(LastAudit()), "update");

  queue = service_->Queue(Intake(), {});
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->overdue_count, 0);
  EXPECT_EQ(queue->escalated_count, 0);
  EXPECT_EQ(queue->rows[0].deadlines[0].state, DeadlineState::kMet);
  EXPECT_EQ(queue->rows[0].status, ReportStatus::kAssessed);
}

TEST_F(ConcernServiceTest, DecisionNeedsTheAssessmentAndNoInvestigationWaivesTheFourMonths) {
  const SubmitOutcome sent = SubmitOk(Unknown());
  DecisionInput decision{
      .decision = "no_investigation", .decision_date = "2026-03-02", .expected_version = 1};
  auto early = service_->RecordDecision(Intake(), sent.public_id, decision);
  ASSERT_TRUE(early);
  ASSERT_EQ(early->size(), 1U);
  EXPECT_EQ(early->front().code, "decision.needs_assessment");
  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(service_->RecordAssessment(Intake(), sent.public_id,
                                         {.outcome = "immediate_protection",
                                          .note = "Placerad hos släkting.",
                                          .expected_version = 1}));
  for (const auto& [date, code] : {std::pair{"2026-03-09", "decision_date.future"},
                                   std::pair{"2026-03-01", "decision_date.before_receipt"},
                                   std::pair{"2 mars", "decision_date.invalid"}}) {
    decision.decision_date = date;
    decision.expected_version = 2;
    auto bad = service_->RecordDecision(Intake(), sent.public_id, decision);
    ASSERT_TRUE(bad);
    ASSERT_EQ(bad->size(), 1U);
    EXPECT_EQ(bad->front().code, code);
  }
  decision.decision_date = "2026-03-02";
  clock_.Advance(std::chrono::minutes(5));
  auto ok = service_->RecordDecision(Intake(), sent.public_id, decision);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_TRUE(ok->empty());
  auto record = service_->Open(Intake(), sent.public_id);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->status, ReportStatus::kNotOpened);
  EXPECT_EQ(record->assessment_note, "Placerad hos släkting.");
  ASSERT_EQ(record->deadlines.size(), 3U);
  EXPECT_EQ(record->deadlines[1].state, DeadlineState::kMet);
  EXPECT_EQ(record->deadlines[2].state, DeadlineState::kNotApplicable);
  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(service_->Close(Intake(), sent.public_id, record->version));
  record = service_->Open(Intake(), sent.public_id);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->status, ReportStatus::kClosed);
  std::vector<std::string> kinds;
  for (const auto& event : record->events) kinds.push_back(event.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"submitted", "assessed", "decided", "closed"}));
}

// The queue's counts and pages are kept between views (queue_cache.h). A second server on the
// same database has its own service and cache: what it writes must show in this server's queue
// at the next view, through the generation the triggers move on (migrations/*/0014).
TEST_F(ConcernServiceTest, QueueFollowsWritesThroughAnotherServer) {
  auto rules = LoadDeadlineRules();
  ASSERT_TRUE(rules);
  const ConcernService other(
      *db_, *ring_, *audit_, clock_, std::move(*rules),
      std::vector<District>{{.code = "north", .name = "North", .committee = "AUTH"}});
  const QueueFilter only_new{.status = ReportStatus::kNew, .overdue_only = false, .page = 1};
  const QueueFilter only_received{
      .status = ReportStatus::kReceived, .overdue_only = false, .page = 1};
  auto queue = service_->Queue(Intake(), {});
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->total, 0);

  auto sent = other.Submit(Reporter(), Unknown());
  ASSERT_TRUE(sent && sent->ok());
  queue = service_->Queue(Intake(), {});
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->total, 1);
  ASSERT_EQ(queue->rows.size(), 1U);
  EXPECT_EQ(queue->rows[0].status, ReportStatus::kNew);
  EXPECT_EQ(service_->Queue(Intake(), only_new)->total, 1);
  EXPECT_EQ(service_->Queue(Intake(), only_received)->total, 0);
  EXPECT_TRUE(service_->Queue(Intake(), only_received)->rows.empty());

  // Opening it on the other server marks it received: the kept pages must not show it as new.
  ASSERT_TRUE(other.Open(Intake(), sent->public_id));
  EXPECT_EQ(service_->Queue(Intake(), only_new)->total, 0);
  EXPECT_TRUE(service_->Queue(Intake(), only_new)->rows.empty());
  EXPECT_EQ(service_->Queue(Intake(), only_received)->total, 1);
  ASSERT_EQ(service_->Queue(Intake(), only_received)->rows.size(), 1U);
  queue = service_->Queue(Intake(), {});
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->rows.size(), 1U);
  EXPECT_EQ(queue->rows[0].status, ReportStatus::kReceived);

  clock_.Advance(hours(25));
  queue = service_->Queue(Intake(), {});
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->overdue_count, 1);
  EXPECT_EQ(queue->escalated_count, 1);
  auto assessed = other.RecordAssessment(
      Intake(), sent->public_id,
      {.outcome = "no_immediate_protection", .note = "Talat med skolan.", .expected_version = 1});
  ASSERT_TRUE(assessed && assessed->empty());
  queue = service_->Queue(Intake(), {});
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->overdue_count, 0);
  EXPECT_EQ(queue->escalated_count, 0);
  EXPECT_EQ(queue->total, 1);
  ASSERT_EQ(queue->rows.size(), 1U);
  EXPECT_EQ(queue->rows[0].status, ReportStatus::kAssessed);
  EXPECT_FALSE(queue->rows[0].overdue);
  // The other committee's queue is its own.
  auto elsewhere = service_->Queue(OtherIntake(), {});
  ASSERT_TRUE(elsewhere);
  EXPECT_EQ(elsewhere->total, 0);
}

// Overdue and escalated change with the clock alone: counts and pages kept from an earlier view
// must not outlive the first deadline that comes due after them.
TEST_F(ConcernServiceTest, QueueFollowsTheClockPastADeadline) {
  SubmitOk(Unknown());
  auto queue = service_->Queue(Intake(), {});
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->overdue_count, 0);
  EXPECT_EQ(queue->escalated_count, 0);
  const QueueFilter overdue_only{.status = {}, .overdue_only = true, .page = 1};
  EXPECT_EQ(service_->Queue(Intake(), overdue_only)->total, 0);
  EXPECT_TRUE(service_->Queue(Intake(), overdue_only)->rows.empty());

  clock_.Advance(hours(12));  // 23:00: the same-day assessment is not due yet
  EXPECT_EQ(service_->Queue(Intake(), {})->overdue_count, 0);
  clock_.Advance(hours(2));  // 01:00: past due, not yet escalated (24 h after receipt)
  queue = service_->Queue(Intake(), {});
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->overdue_count, 1);
  EXPECT_EQ(queue->escalated_count, 0);
  EXPECT_EQ(service_->Queue(Intake(), overdue_only)->total, 1);
  auto overdue = service_->Queue(Intake(), overdue_only);
  ASSERT_TRUE(overdue);
  ASSERT_EQ(overdue->rows.size(), 1U);
  EXPECT_TRUE(overdue->rows[0].overdue);
  EXPECT_FALSE(overdue->rows[0].escalated);
  clock_.Advance(hours(11));  // 25 h after receipt
  queue = service_->Queue(Intake(), {});
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->overdue_count, 1);
  EXPECT_EQ(queue->escalated_count, 1);
  ASSERT_EQ(queue->rows.size(), 1U);
  EXPECT_TRUE(queue->rows[0].escalated);
}

}  // namespace
}  // namespace fyren::concern
