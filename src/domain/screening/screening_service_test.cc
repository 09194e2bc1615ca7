// ScreeningService on an in-memory SQLite database with real keys, a real audit log, the person
// register and the embedded instruments: recording (per person and anonymously), the level
// computed on the server, problems, and every denial with the audit entry it leaves.
#include "domain/screening/screening_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/random.h"
#include "domain/person/person_service.h"
#include "trust/crypto/data_keys.h"
#include "trust/identity/synthetic_identity.h"
#include "trust/sessions/test_database.h"

namespace fyren::screening {
namespace {

using base::ErrorCode;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::int64_t kAuthority = 10;
constexpr std::int64_t kOtherAuthority = 30;
constexpr std::int64_t kAlice = 101;  // unit 11, school_health_staff
constexpr std::int64_t kBob = 102;    // unit 11, school_health_staff
constexpr std::int64_t kCarl = 103;   // unit 31 (other authority)
constexpr std::int64_t kDora = 104;   // unit 12 (same authority, other unit)

class ScreeningServiceTest : public ::testing::Test {
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
            "VALUES (1, 12, 'o12', 10, 'unit', 'UNIT2', 'Enhet 2', 'Unit 2', 0, 0)"}) {
        if (auto done = tx.Execute(sql); !done) return std::unexpected(done.error());
      }
      for (const auto& [id, name, unit] :
           {std::tuple{kAlice, "alice", 11}, std::tuple{kBob, "bob", 11},
            std::tuple{kCarl, "carl", 31}, std::tuple{kDora, "dora", 12}}) {
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
    auto catalog = InstrumentCatalog::Load("");
    ASSERT_TRUE(catalog) << catalog.error().message;
    catalog_ = std::make_unique<InstrumentCatalog>(std::move(*catalog));
    persons_ = std::make_unique<person::PersonService>(
        *db_, *ring_, *audit_, clock_,
        person::PersonServiceOptions{.allow_synthetic_identity_numbers = true});
    service_ = std::make_unique<ScreeningService>(*db_, *ring_, *audit_, clock_, *catalog_);
  }

  trust::Actor Actor(std::int64_t user, std::int64_t unit, std::int64_t authority,
                     std::string role = "school_health_staff") const {
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
  trust::Actor Alice() const { return Actor(kAlice, 11, kAuthority); }
  trust::Actor Bob() const { return Actor(kBob, 11, kAuthority); }
  trust::Actor Carl() const { return Actor(kCarl, 31, kOtherAuthority); }
  trust::Actor Dora() const { return Actor(kDora, 12, kAuthority); }

  std::string RegisterPerson(const trust::Actor& actor) {
    person::PersonInput input;
    input.identity_kind = "number";
    input.identity_number = trust::identity::MakeSyntheticPersonnummer(7);
    input.given_name = "Testa";
    input.family_name = "Påhittsson";
    auto outcome = persons_->Register(actor, input);
    EXPECT_TRUE(outcome && outcome->ok());
    return outcome ? outcome->public_id : std::string();
  }

  // Youth: every required item answered "no"/"0"/"safe", then `overrides`.
  static std::vector<AnswerInput> YouthAnswers(std::vector<AnswerInput> overrides = {}) {
    std::vector<AnswerInput> answers = {
        {"sex_for_something", "no"},       {"online_adult_contact", "no"},
        {"gifts_from_older", "no"},        {"images_under_pressure", "no"},
        {"images_spread", "no"},           {"meets_strangers", "0"},
        {"away_from_home", "no"},          {"asked_to_recruit", "no"},
        {"shared_images_of_others", "no"}, {"feels_safe", "safe"}};
    for (auto& o : overrides) answers.push_back(std::move(o));
    return answers;
  }

  static ScreeningInput Anonymous(std::vector<AnswerInput> answers) {
    return ScreeningInput{.instrument_id = "youth",
                          .subject_kind = "at_risk",
                          .person_public_id = {},
                          .age_band = "13_15",
                          .gender = "not_stated",
                          .setting = "school",
                          .answers = std::move(answers)};
  }

  RecordOutcome RecordOk(const trust::Actor& actor, const ScreeningInput& input) {
    auto outcome = service_->Record(actor, input);
    EXPECT_TRUE(outcome) << (outcome ? "" : outcome.error().message);
    if (!outcome) return {};
    EXPECT_TRUE(outcome->problems.empty())
        << (outcome->problems.empty() ? "" : outcome->problems.front().field);
    return *outcome;
  }

  std::vector<std::tuple<std::string, std::string, std::string>> AuditRows() const {
    std::vector<std::tuple<std::string, std::string, std::string>> out;
    auto rows = db_->Read([](storage::Transaction& tx) {
      return tx.Query(
          "SELECT action, outcome, COALESCE(record_type, '') FROM audit_entries ORDER BY seq");
    });
    EXPECT_TRUE(rows);
    if (!rows) return out;
    for (const auto& row : *rows) out.emplace_back(row.Text(0), row.Text(1), row.Text(2));
    return out;
  }
  std::tuple<std::string, std::string, std::string> LastAudit() const {
    auto rows = AuditRows();
    return rows.empty() ? std::tuple<std::string, std::string, std::string>{} : rows.back();
  }

  base::FakeClock clock_{
      base::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::March / 2))};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<trust::crypto::KeyRing> ring_;
  std::unique_ptr<trust::audit::AuditLog> audit_;
  std::unique_ptr<InstrumentCatalog> catalog_;
  std::unique_ptr<person::PersonService> persons_;
  std::unique_ptr<ScreeningService> service_;
};

TEST_F(ScreeningServiceTest, RecordsAnonymouslyWithTheLevelComputedHere) {
  const RecordOutcome none = RecordOk(Alice(), Anonymous(YouthAnswers()));
  EXPECT_EQ(none.level, Level::kNoConcern);
  const RecordOutcome possible =
      RecordOk(Alice(), Anonymous(YouthAnswers({{"online_adult_contact", "yes"}})));
  EXPECT_EQ(possible.level, Level::kPossibleConcern);
  const RecordOutcome red_flag =
      RecordOk(Alice(), Anonymous(YouthAnswers({{"sex_for_something", "yes"}})));
  EXPECT_EQ(red_flag.level, Level::kClearConcern);
  EXPECT_EQ(LastAudit(), std::make_tuple("create", "allowed", "screening"));

  auto record = service_->Get(Alice(), red_flag.public_id);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->level, Level::kClearConcern);
  EXPECT_FALSE(record->person_public_id.has_value());
  ASSERT_TRUE(record->anonymous.has_value());
  EXPECT_EQ(record->anonymous->age_band, "13_15");
  EXPECT_THAT(record->answers, Contains(Field(&AnswerInput::value, "yes")));
  EXPECT_EQ(LastAudit(), std::make_tuple("read", "allowed", "screening"));
}

TEST_F(ScreeningServiceTest, AnswersAreSealedAtRest) {
  const RecordOutcome done =
      RecordOk(Alice(), Anonymous(YouthAnswers({{"notes", "Unik-anteckning-123"}})));
  auto raw = db_->Read(
      [](storage::Transaction& tx) { return tx.Query("SELECT answers FROM screenings"); });
  ASSERT_TRUE(raw);
  ASSERT_EQ(raw->size(), 1U);
  EXPECT_THAT(raw->front().Bytes(0), Not(HasSubstr("Unik-anteckning")));
  EXPECT_THAT(raw->front().Bytes(0), Not(HasSubstr("sex_for_something")));
  auto record = service_->Get(Alice(), done.public_id);
  ASSERT_TRUE(record);
  EXPECT_THAT(record->answers, Contains(Field(&AnswerInput::value, "Unik-anteckning-123")));
}

TEST_F(ScreeningServiceTest, ProblemsPerUnansweredItemAndNothingWritten) {
  ScreeningInput input = Anonymous({{"sex_for_something", "no"}, {"feels_safe", "maybe"}});
  input.age_band = "";
  auto outcome = service_->Record(Alice(), input);
  ASSERT_TRUE(outcome);
  std::vector<std::string> fields;
  for (const AnswerProblem& p : outcome->problems) fields.push_back(p.field + "/" + p.code);
  EXPECT_THAT(fields, Contains("age_band/age_band.required"));
  EXPECT_THAT(fields, Contains("feels_safe/answer.invalid"));
  EXPECT_THAT(fields, Contains("online_adult_contact/answer.required"));
  EXPECT_THAT(fields, Contains("shared_images_of_others/answer.required"));
  EXPECT_THAT(fields, Not(Contains("feels_safe/answer.required")));
  EXPECT_THAT(fields, Not(Contains("notes/answer.required")));  // optional
  EXPECT_TRUE(outcome->public_id.empty());
  auto count = db_->Read(
      [](storage::Transaction& tx) { return tx.Query("SELECT COUNT(*) FROM screenings"); });
  ASSERT_TRUE(count);
  EXPECT_EQ(count->front().Int(0), 0);
}

TEST_F(ScreeningServiceTest, UnknownInstrumentAndDisallowedSubjectKindAreProblems) {
  ScreeningInput input = Anonymous(YouthAnswers());
  input.instrument_id = "nope";
  auto outcome = service_->Record(Alice(), input);
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->problems.size(), 1U);
  EXPECT_EQ(outcome->problems[0].field, "instrument");
  input.instrument_id = "easy_read";  // at_risk only
  input.subject_kind = "exploits_others";
  outcome = service_->Record(Alice(), input);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->problems.front().field, "subject_kind");
}

TEST_F(ScreeningServiceTest, RecordsAgainstAPersonInScopeAndListsThem) {
  const std::string person = RegisterPerson(Alice());
  ScreeningInput input =
      Anonymous(YouthAnswers({{"asked_to_recruit", "yes"}, {"shared_images_of_others", "yes"}}));
  input.person_public_id = person;
  input.subject_kind = "exploits_others";
  input.age_band = input.gender = input.setting = "";
  const RecordOutcome done = RecordOk(Alice(), input);
  EXPECT_EQ(done.level, Level::kClearConcern);  // 4 + 4 ≥ 8

  auto list = service_->ListForPerson(Alice(), person);
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->size(), 1U);
  EXPECT_EQ(list->front().subject_kind, SubjectKind::kExploitsOthers);
  EXPECT_EQ(list->front().person_public_id, person);
  auto mine = service_->ListMine(Alice());
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->size(), 1U);
  EXPECT_TRUE(service_->ListMine(Bob())->empty());

  auto outline = service_->Outline(Alice(), done.public_id);
  ASSERT_TRUE(outline);
  EXPECT_EQ(outline->level, Level::kClearConcern);
  EXPECT_EQ(outline->subject_kind, SubjectKind::kExploitsOthers);
  EXPECT_EQ(outline->person_public_id, person);
  EXPECT_THAT(outline->recommended_actions, Contains(Action::kReportOfConcern));
  EXPECT_EQ(LastAudit(), std::make_tuple("read", "allowed", "screening"));
}

TEST_F(ScreeningServiceTest, APersonOutsideTheActorsScopeIsNotFoundAndAudited) {
  const std::string person = RegisterPerson(Alice());
  for (const trust::Actor& actor : {Bob(), Carl()}) {  // not on the team; other authority
    ScreeningInput input = Anonymous(YouthAnswers());
    input.person_public_id = person;
    auto outcome = service_->Record(actor, input);
    ASSERT_TRUE(outcome);
    ASSERT_FALSE(outcome->problems.empty());
    EXPECT_EQ(outcome->problems.front().field, "person");
    EXPECT_EQ(outcome->problems.front().message, "No such person.");
    EXPECT_EQ(std::get<1>(LastAudit()), "denied");
  }
  ScreeningInput unknown = Anonymous(YouthAnswers());
  unknown.person_public_id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  auto outcome = service_->Record(Alice(), unknown);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->problems.front().message, "No such person.");
  auto list = service_->ListForPerson(Carl(), person);
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(list.error().message, "No such person.");
}

TEST_F(ScreeningServiceTest, AnotherAuthorityOrUnitGetsTheSameNotFoundAsMissing) {
  const RecordOutcome done = RecordOk(Alice(), Anonymous(YouthAnswers()));
  auto by_bob = service_->Get(Bob(), done.public_id);  // same unit: anonymous is readable
  EXPECT_TRUE(by_bob) << by_bob.error().message;
  for (const trust::Actor& actor : {Carl(), Dora()}) {
    auto denied = service_->Get(actor, done.public_id);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(denied.error().message, "No such screening.");
    EXPECT_EQ(LastAudit(), std::make_tuple("denied", "denied", "screening"));
    EXPECT_FALSE(service_->Outline(actor, done.public_id));
  }
  auto missing = service_->Get(Alice(), base::NewPublicId());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "No such screening.");
  EXPECT_EQ(LastAudit(), std::make_tuple("denied", "denied", ""));
}

TEST_F(ScreeningServiceTest, ARoleWithoutPersonalDataIsForbiddenAndAudited) {
  const trust::Actor analyst = Actor(kBob, 11, kAuthority, "analyst");
  auto recorded = service_->Record(analyst, Anonymous(YouthAnswers()));
  ASSERT_FALSE(recorded);
  EXPECT_EQ(recorded.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(LastAudit(), std::make_tuple("denied", "denied", ""));
  auto listed = service_->ListMine(analyst);
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().code, ErrorCode::kForbidden);
}

}  // namespace
}  // namespace fyren::screening
