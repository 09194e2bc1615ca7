// PersonService on an in-memory SQLite database with real keys and a real audit log: every rule
// and every denial, and the audit entry each one leaves.
#include "domain/person/person_service.h"

#include <gtest/gtest.h>

#include "trust/crypto/data_keys.h"
#include "trust/identity/synthetic_identity.h"
#include "trust/sessions/test_database.h"

namespace fyren::person {
namespace {

using base::ErrorCode;
using std::chrono::hours;
using std::chrono::minutes;

constexpr std::int64_t kAuthority = 10;  // "AUTH" with unit 11 (test_database.h)
constexpr std::int64_t kOtherAuthority = 30;
constexpr std::int64_t kAlice = 101;  // unit 11, coordinator
constexpr std::int64_t kBob = 102;    // unit 11, coordinator, not on teams unless added
constexpr std::int64_t kCarl = 103;   // unit 31 (other authority), coordinator

std::string Synthetic(int serial) { return trust::identity::MakeSyntheticPersonnummer(serial); }

class PersonServiceTest : public ::testing::Test {
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
            "VALUES (1, 31, 'o31', 30, 'unit', 'OTHU', 'Enhet', 'Unit', 0, 0)"}) {
        if (auto done = tx.Execute(sql); !done) return std::unexpected(done.error());
      }
      for (const auto& [id, name, unit] :
           {std::tuple{kAlice, "alice", 11}, std::tuple{kBob, "bob", 11},
            std::tuple{kCarl, "carl", 31}}) {
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
    service_ = std::make_unique<PersonService>(
        *db_, *ring_, *audit_, clock_,
        PersonServiceOptions{.allow_synthetic_identity_numbers = true});
  }

  trust::Actor Actor(std::int64_t user, std::int64_t unit, std::int64_t authority,
                     std::string role = "coordinator") const {
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

  static PersonInput Numbered(const std::string& number) {
    return PersonInput{.identity_kind = "number",
                       .identity_number = number,
                       .given_name = "Testa",
                       .family_name = "Påhittsson",
                       .alias = {},
                       .birth_year = {},
                       .gender = "woman",
                       .languages = "sv, RO",
                       .interpreter_needed = true,
                       .protected_identity = false,
                       .phone = "070-000 00 00",
                       .email = "testa@example.invalid",
                       .address = "Påhittad gata 1"};
  }

  std::string RegisterOk(const trust::Actor& actor, PersonInput input) {
    auto outcome = service_->Register(actor, input);
    EXPECT_TRUE(outcome) << (outcome ? "" : outcome.error().message);
    if (!outcome) return {};
    EXPECT_TRUE(outcome->ok()) << (outcome->ok() ? "" : outcome->problems.front().code);
    return outcome->public_id;
  }

  // (action, outcome, flags) of every audit entry, in order.
  std::vector<std::tuple<std::string, std::string, std::int64_t>> AuditRows() const {
    std::vector<std::tuple<std::string, std::string, std::int64_t>> out;
    auto rows = db_->Read([](storage::Transaction& tx) {
      return tx.Query("SELECT action, outcome, flags FROM audit_entries ORDER BY seq");
    });
    EXPECT_TRUE(rows);
    if (!rows) return out;
    for (const auto& row : *rows) out.emplace_back(row.Text(0), row.Text(1), row.Int(2));
    return out;
  }
  std::tuple<std::string, std::string, std::int64_t> LastAudit() const {
    auto rows = AuditRows();
    EXPECT_FALSE(rows.empty());
    return rows.empty() ? std::tuple<std::string, std::string, std::int64_t>{} : rows.back();
  }

  base::FakeClock clock_{base::TimePoint(
      std::chrono::sys_days(std::chrono::year(2026) / std::chrono::March / 2) + hours(10))};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<trust::crypto::KeyRing> ring_;
  std::unique_ptr<trust::audit::AuditLog> audit_;
  std::unique_ptr<PersonService> service_;
};

TEST_F(PersonServiceTest, RegisterSealsAndGetOpensWithMaskedNumber) {
  const std::string number = Synthetic(42);
  const std::string id = RegisterOk(Alice(), Numbered(number));
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(std::get<0>(LastAudit()), "create");

  // Nothing readable in the row.
  auto raw = db_->Read([](storage::Transaction& tx) {
    return tx.Query("SELECT given_name, identity_number, phone FROM persons");
  });
  ASSERT_TRUE(raw);
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string& bytes = raw->front().Bytes(i);
    EXPECT_EQ(bytes.find("Testa"), std::string::npos);
    EXPECT_EQ(bytes.find(number), std::string::npos);
    EXPECT_EQ(bytes.find("070"), std::string::npos);
  }

  auto person = service_->Get(Alice(), id);
  ASSERT_TRUE(person) << person.error().message;
  EXPECT_EQ(person->given_name, "Testa");
  EXPECT_EQ(person->family_name, "Påhittsson");
  EXPECT_EQ(person->identity_kind, IdentityKind::kPersonnummer);
  EXPECT_EQ(person->identity_number, number.substr(0, 8) + "-XXXX");
  EXPECT_FALSE(person->identity_revealed);
  EXPECT_EQ(person->birth_year, std::stoi(number.substr(0, 4)));
  EXPECT_EQ(person->languages, (std::vector<std::string>{"sv", "ro"}));
  EXPECT_TRUE(person->interpreter_needed);
  ASSERT_EQ(person->team.size(), 1U);
  EXPECT_EQ(person->team[0].username, "alice");
  EXPECT_EQ(LastAudit(),
            std::make_tuple(std::string("read"), std::string("allowed"), std::int64_t{0}));
}

// Opened fields are kept by the exact sealed bytes they came from (opened_person_cache.h): a
// second view shows the same, a name changed through the service shows at once, and a sealed
// field changed behind the application's back is opened again, so its tampering is found
// instead of the kept name being shown.
TEST_F(PersonServiceTest, KeptFieldsAreNeverShownForARowThatChanged) {
  const std::string id = RegisterOk(Alice(), Numbered(Synthetic(44)));
  for (int i = 0; i < 2; ++i) {
    auto person = service_->Get(Alice(), id);
    ASSERT_TRUE(person) << person.error().message;
    EXPECT_EQ(person->given_name, "Testa");
    EXPECT_EQ(person->phone, "070-000 00 00");
  }
  auto current = service_->Get(Alice(), id);
  ASSERT_TRUE(current);
  const PersonChange change{.given_name = "Ändrad",
                            .family_name = "Påhittsson",
                            .alias = {},
                            .birth_year = {},
                            .gender = "woman",
                            .languages = "sv",
                            .interpreter_needed = false,
                            .protected_identity = false,
                            .phone = "070-000 00 00",
                            .email = {},
                            .address = {},
                            .expected_version = current->version};
  auto updated = service_->Update(Alice(), id, change);
  ASSERT_TRUE(updated && updated->ok());
  auto renamed = service_->Get(Alice(), id);
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->given_name, "Ändrad");

  ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
    auto rows = tx.Query("SELECT person_id, phone FROM persons");
    if (!rows) return std::unexpected(rows.error());
    std::string phone = rows->front().Bytes(1);
    phone[phone.size() / 2] = static_cast<char>(phone[phone.size() / 2] ^ 0x01);
    auto done = tx.Execute("UPDATE persons SET phone = $1 WHERE person_id = $2",
                           {storage::BlobView{phone}, rows->front().Int(0)});
    if (!done) return std::unexpected(done.error());
    return base::Ok();
  }));
  auto tampered = service_->Get(Alice(), id);
  ASSERT_FALSE(tampered);
  EXPECT_EQ(tampered.error().code, base::ErrorCode::kInternal);
}

TEST_F(PersonServiceTest, RevealShowsTheFullNumberAndIsAudited) {
  const std::string number = Synthetic(43);
  const std::string id = RegisterOk(Alice(), Numbered(number));
  auto person = service_->RevealIdentity(Alice(), id);
  ASSERT_TRUE(person);
  EXPECT_EQ(person->identity_number, number.substr(0, 8) + "-" + number.substr(8));
  EXPECT_TRUE(person->identity_revealed);
  EXPECT_EQ(std::get<0>(LastAudit()), "reveal_identity");
}

TEST_F(PersonServiceTest, InvalidInputReportsEveryFieldAndWritesNothing) {
  PersonInput input = Numbered("19900101-0000");
  input.given_name.clear();
  input.family_name.clear();
  input.gender = "robot";
  input.email = "no-at-sign";
  input.languages = "swedish";
  auto outcome = service_->Register(Alice(), input);
  ASSERT_TRUE(outcome);
  std::vector<std::string> fields;
  for (const auto& problem : outcome->problems) fields.push_back(problem.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"identity_number", "given_name", "gender",
                                              "languages", "email"}));
  auto count =
      db_->Read([](storage::Transaction& tx) { return tx.Query("SELECT COUNT(*) FROM persons"); });
  ASSERT_TRUE(count);
  EXPECT_EQ(count->front().Int(0), 0);
}

TEST_F(PersonServiceTest, BirthYearRequiredWithoutAFullDate) {
  PersonInput input{.identity_kind = "alias", .alias = "Sol"};
  auto outcome = service_->Register(Alice(), input);
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->problems.size(), 1U);
  EXPECT_EQ(outcome->problems[0].code, "birth_year.required");
  input.birth_year = "1999";
  EXPECT_FALSE(RegisterOk(Alice(), input).empty());
}

TEST_F(PersonServiceTest, DuplicateInTheSameAuthorityIsCaughtButNotInAnother) {
  const std::string number = Synthetic(44);
  const std::string first = RegisterOk(Alice(), Numbered(number));
  // Another spelling of the same number still matches through the blind index.
  auto again = service_->Register(Bob(), Numbered(number.substr(0, 8) + "-" + number.substr(8)));
  ASSERT_TRUE(again);
  ASSERT_EQ(again->problems.size(), 1U);
  EXPECT_EQ(again->problems[0].code, "identity_number.duplicate");
  ASSERT_EQ(again->duplicates.size(), 1U);
  EXPECT_EQ(again->duplicates[0].public_id, first);
  EXPECT_FALSE(again->duplicates[0].readable);  // Bob is not on the team: no initials
  EXPECT_TRUE(again->duplicates[0].initials.empty());
  // The other committee registers the same human as its own record.
  EXPECT_FALSE(RegisterOk(Carl(), Numbered(number)).empty());
}

TEST_F(PersonServiceTest, SearchFindsWithinOwnAuthorityOnly) {
  const std::string number = Synthetic(45);
  const std::string id = RegisterOk(Alice(), Numbered(number));
  auto mine = service_->Search(Alice(), number);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->matches.size(), 1U);
  EXPECT_EQ(mine->matches[0].initials, "T. P.");
  EXPECT_EQ(std::get<0>(LastAudit()), "search");
  auto by_id = service_->Search(Alice(), id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->matches.size(), 1U);
  auto other = service_->Search(Carl(), number);
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->matches.empty());
  auto other_by_id = service_->Search(Carl(), id);
  ASSERT_TRUE(other_by_id);
  EXPECT_TRUE(other_by_id->matches.empty());
  auto bad = service_->Search(Alice(), "19900101-0000");
  ASSERT_TRUE(bad);
  ASSERT_EQ(bad->problems.size(), 1U);
  EXPECT_EQ(bad->problems[0].field, "query");
}

TEST_F(PersonServiceTest, OutsideTheTeamOrAuthorityIsTheSameAsMissing) {
  const std::string id = RegisterOk(Alice(), Numbered(Synthetic(46)));
  for (const trust::Actor& actor : {Bob(), Carl()}) {
    auto denied = service_->Get(actor, id);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(denied.error().message, "No such person.");
    EXPECT_EQ(std::get<0>(LastAudit()), "denied");
    EXPECT_EQ(std::get<1>(LastAudit()), "denied");
  }
  auto missing = service_->Get(Alice(), "aaaaaaaaaaaaaaaaaaaaaaaaaa");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "No such person.");
  auto tampered = service_->Get(Alice(), "../etc");
  ASSERT_FALSE(tampered);
  EXPECT_EQ(tampered.error().code, ErrorCode::kNotFound);
}

TEST_F(PersonServiceTest, RoleWithoutThePermissionIsForbidden) {
  const std::string id = RegisterOk(Alice(), Numbered(Synthetic(47)));
  auto analyst = service_->Get(Actor(kAlice, 11, kAuthority, "analyst"), id);
  ASSERT_FALSE(analyst);
  EXPECT_EQ(analyst.error().code, ErrorCode::kForbidden);
  auto registered =
      service_->Register(Actor(kAlice, 11, kAuthority, "log_reviewer"), Numbered(Synthetic(48)));
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(std::get<0>(LastAudit()), "denied");
}

TEST_F(PersonServiceTest, ProtectedIdentityIsMaskedForStaffNotNamed) {
  PersonInput input = Numbered(Synthetic(49));
  input.protected_identity = true;
  const std::string id = RegisterOk(Alice(), input);
  ASSERT_TRUE(service_->AddTeamMember(Alice(), id, "bob", /*named_for_protected=*/false));
  auto bob_view = service_->Get(Bob(), id);
  ASSERT_TRUE(bob_view);
  EXPECT_TRUE(bob_view->identity_masked);
  EXPECT_TRUE(bob_view->given_name.empty());
  EXPECT_TRUE(bob_view->identity_number.empty());
  EXPECT_TRUE(bob_view->phone.empty());
  EXPECT_EQ(std::get<2>(LastAudit()) & trust::audit::kFlagProtectedIdentity,
            trust::audit::kFlagProtectedIdentity);
  auto reveal = service_->RevealIdentity(Bob(), id);
  ASSERT_FALSE(reveal);
  EXPECT_EQ(reveal.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(std::get<0>(LastAudit()), "denied");
  // Alice registered it and is named.
  auto alice_view = service_->Get(Alice(), id);
  ASSERT_TRUE(alice_view);
  EXPECT_FALSE(alice_view->identity_masked);
  EXPECT_EQ(alice_view->given_name, "Testa");
  // Bob may not change a protected identity he cannot see, nor name himself.
  auto change = service_->Update(Bob(), id, PersonChange{.given_name = "X", .expected_version = 1});
  ASSERT_FALSE(change);
  EXPECT_EQ(change.error().code, ErrorCode::kForbidden);
  auto naming = service_->AddTeamMember(Bob(), id, "bob", true);
  ASSERT_FALSE(naming);
  EXPECT_EQ(naming.error().code, ErrorCode::kForbidden);
}

TEST_F(PersonServiceTest, ListShowsInitialsOfMyTeamsAndNeverProtected) {
  RegisterOk(Alice(), Numbered(Synthetic(50)));
  PersonInput secret = Numbered(Synthetic(51));
  secret.protected_identity = true;
  RegisterOk(Alice(), secret);
  RegisterOk(Bob(), Numbered(Synthetic(52)));
  auto list = service_->ListMine(Alice(), "");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1U);
  EXPECT_EQ((*list)[0].initials, "T. P.");
  EXPECT_EQ(std::get<0>(LastAudit()), "search");
  auto filtered = service_->ListMine(Alice(), "1900");
  ASSERT_TRUE(filtered);
  EXPECT_TRUE(filtered->empty());
}

TEST_F(PersonServiceTest, UpdateUsesTheVersionAndReportsAConflict) {
  const std::string id = RegisterOk(Alice(), Numbered(Synthetic(53)));
  PersonChange change{.given_name = "Ny",
                      .family_name = "Namnsson",
                      .gender = "non_binary",
                      .languages = "ar",
                      .expected_version = 1};
  auto saved = service_->Update(Alice(), id, change);
  ASSERT_TRUE(saved) << saved.error().message;
  ASSERT_TRUE(saved->ok());
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(std::get<0>(LastAudit()), "update");
  auto stale = service_->Update(Alice(), id, change);  // still says version 1
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto person = service_->Get(Alice(), id);
  ASSERT_TRUE(person);
  EXPECT_EQ(person->given_name, "Ny");
  EXPECT_EQ(person->gender, Gender::kNonBinary);
  EXPECT_EQ(person->version, 2);
  auto outsider = service_->Update(Carl(), id, change);
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code, ErrorCode::kNotFound);
}

TEST_F(PersonServiceTest, TeamMembersComeFromTheSameAuthority) {
  const std::string id = RegisterOk(Alice(), Numbered(Synthetic(54)));
  auto carl = service_->AddTeamMember(Alice(), id, "carl", false);
  ASSERT_FALSE(carl);
  EXPECT_EQ(carl.error().field, "username");
  ASSERT_TRUE(service_->AddTeamMember(Alice(), id, "BOB", false));
  EXPECT_TRUE(service_->Get(Bob(), id));
  ASSERT_TRUE(service_->RemoveTeamMember(Alice(), id, "bob"));
  EXPECT_FALSE(service_->Get(Bob(), id));
  auto last = service_->RemoveTeamMember(Alice(), id, "alice");
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().field, "username");
  EXPECT_FALSE(service_->AddTeamMember(Bob(), id, "bob", false));  // Bob is not on the team
}

TEST_F(PersonServiceTest, EmergencyAccessNeedsStepUpAReasonAndLastsFourHours) {
  const std::string id = RegisterOk(Alice(), Numbered(Synthetic(55)));
  trust::Actor bob = Bob();
  bob.second_factor_at = clock_.Now() - minutes(10);
  auto stale = service_->GrantEmergencyAccess(bob, id, "immediate_danger", "Ringde polisen nu.");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().field, "step_up");
  bob.second_factor_at = clock_.Now();
  auto no_reason = service_->GrantEmergencyAccess(bob, id, "", "");
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->problems.size(), 2U);
  EXPECT_FALSE(service_->Get(bob, id));

  auto granted =
      service_->GrantEmergencyAccess(bob, id, "immediate_danger", "Akut fara, ansvarig sjuk.");
  ASSERT_TRUE(granted) << granted.error().message;
  ASSERT_TRUE(granted->problems.empty());
  EXPECT_EQ(std::get<0>(LastAudit()), "emergency_access");
  auto person = service_->Get(bob, id);
  ASSERT_TRUE(person);
  EXPECT_TRUE(person->via_emergency_access);
  EXPECT_EQ(std::get<2>(LastAudit()) & trust::audit::kFlagEmergencyAccess,
            trust::audit::kFlagEmergencyAccess);
  clock_.Advance(hours(4) + minutes(1));
  EXPECT_FALSE(service_->Get(bob, id));
  // The reason text is sealed.
  auto raw = db_->Read([](storage::Transaction& tx) {
    return tx.Query("SELECT reason_text FROM emergency_access_grants");
  });
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->front().Bytes(0).find("Akut"), std::string::npos);
}

TEST_F(PersonServiceTest, EmergencyAccessNeverCrossesAuthorities) {
  const std::string id = RegisterOk(Alice(), Numbered(Synthetic(56)));
  auto other = service_->GrantEmergencyAccess(Carl(), id, "immediate_danger", "Akut fara nu.");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(std::get<0>(LastAudit()), "denied");
  auto intake = service_->GrantEmergencyAccess(Actor(kBob, 11, kAuthority, "outreach_worker"), id,
                                               "immediate_danger", "Akut fara nu.");
  ASSERT_FALSE(intake);
  EXPECT_EQ(intake.error().code, ErrorCode::kForbidden);
}

}  // namespace
}  // namespace fyren::person
