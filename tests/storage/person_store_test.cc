// Conformance: the person register's SQL (src/domain/person/person_store.cc,
// migrations/*/0005_persons.sql) behaves the same on SQLite and PostgreSQL. The store only moves
// sealed bytes, so the "ciphertexts" here are arbitrary bytes.
#include "domain/person/person_store.h"

#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;
using base::OrganisationId;
using base::TenantId;
using person::PersonId;
using person::PersonStore;
using person::StoredPerson;

const TenantId kTenant(1);
constexpr std::int64_t kAuthority = 10;
constexpr std::int64_t kOtherAuthority = 30;
constexpr std::int64_t kAlice = 101;  // unit 11 under authority 10
constexpr std::int64_t kBob = 102;    // unit 31 under authority 30

class PersonStoreTest : public StorageTest {
 protected:
  void SetUpWorld() {
    auto applied = Migrate(*db_, migrations());
    ASSERT_TRUE(applied) << applied.error().detail;
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
      if (auto ok = InsertTenant(tx, kTenant.value(), "t"); !ok) return ok;
      for (const auto& [id, parent, kind, code] :
           {std::tuple{10, 0, "authority", "A"}, std::tuple{11, 10, "unit", "AU"},
            std::tuple{30, 0, "authority", "B"}, std::tuple{31, 30, "unit", "BU"}}) {
        const std::optional<std::int64_t> parent_id =
            parent == 0 ? std::nullopt : std::optional<std::int64_t>(parent);
        auto done = tx.Execute(
            "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) VALUES (1, $1, $2, $3, $4, $2, 'n', "
            "'n', 0, 0)",
            {id, std::string_view(code), parent_id, std::string_view(kind)});
        if (!done) return std::unexpected(done.error());
      }
      for (const auto& [id, name, unit] :
           {std::tuple{kAlice, "alice", 11}, std::tuple{kBob, "bob", 31}}) {
        auto done = tx.Execute(
            "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
            "password_hash, created_at, updated_at) VALUES (1, $1, $2, $2, $2, $3, 'x', 0, 0)",
            {id, std::string_view(name), unit});
        if (!done) return std::unexpected(done.error());
      }
      return base::Ok();
    }));
  }

  static StoredPerson Person(std::int64_t id, std::int64_t authority, std::string blind_index,
                             bool protected_identity = false) {
    StoredPerson p;
    p.id = PersonId(id);
    p.public_id = "p" + std::to_string(id);
    p.owning_authority = OrganisationId(authority);
    p.identity_kind = person::IdentityKind::kPersonnummer;
    p.identity_number = std::string("\x01\x00sealed", 8);
    if (!blind_index.empty()) p.identity_blind_index = std::move(blind_index);
    p.given_name = std::string("\xff\x00g", 3);
    p.birth_year = 1990;
    p.gender = person::Gender::kNonBinary;
    p.protected_identity = protected_identity;
    p.created_by = kAlice;
    p.created_at = id;
    p.updated_at = id;
    return p;
  }

  base::Status Insert(const StoredPerson& p) {
    return db_->Write([&](Transaction& tx) { return PersonStore::Insert(tx, kTenant, p); });
  }
  base::Status Staff(std::int64_t person, std::int64_t user, bool on_team, bool named) {
    return db_->Write([&](Transaction& tx) {
      return PersonStore::PutStaff(tx, kTenant, PersonId(person), user, on_team, named, kAlice, 0);
    });
  }
};

TEST_P(PersonStoreTest, InsertAndFindWithTheUsersScope) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Person(1, kAuthority, "idx-1")));
  FYREN_ASSERT_OK(Staff(1, kAlice, true, false));
  auto found = db_->Read(
      [](Transaction& tx) { return PersonStore::FindForUser(tx, kTenant, "p1", kAlice, 100); });
  FYREN_ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const auto& f = **found;
  EXPECT_TRUE(f.on_team);
  EXPECT_FALSE(f.named_for_protected);
  EXPECT_FALSE(f.grant_expires_at.has_value());
  EXPECT_EQ(f.person.owning_authority, OrganisationId(kAuthority));
  EXPECT_EQ(*f.person.identity_number, std::string("\x01\x00sealed", 8));  // bytes intact
  EXPECT_EQ(*f.person.given_name, std::string("\xff\x00g", 3));
  EXPECT_FALSE(f.person.family_name.has_value());
  EXPECT_EQ(f.person.birth_year, 1990);
  EXPECT_EQ(f.person.gender, person::Gender::kNonBinary);
  EXPECT_EQ(f.person.version, 1);

  auto other = db_->Read(
      [](Transaction& tx) { return PersonStore::FindForUser(tx, kTenant, "p1", kBob, 100); });
  FYREN_ASSERT_OK(other);
  ASSERT_TRUE(other->has_value());
  EXPECT_FALSE((*other)->on_team);
  auto missing = db_->Read(
      [](Transaction& tx) { return PersonStore::FindForUser(tx, kTenant, "nope", kAlice, 100); });
  FYREN_ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_P(PersonStoreTest, OneIdentityNumberPerAuthority) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Person(1, kAuthority, "idx-1")));
  auto twice = Insert(Person(2, kAuthority, "idx-1"));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  FYREN_ASSERT_OK(Insert(Person(3, kOtherAuthority, "idx-1")));  // another committee's record
  FYREN_ASSERT_OK(Insert(Person(4, kAuthority, "")));            // aliases never collide
  FYREN_ASSERT_OK(Insert(Person(5, kAuthority, "")));
  auto matches = db_->Read([](Transaction& tx) {
    return PersonStore::FindByBlindIndex(tx, kTenant, OrganisationId(kAuthority), "idx-1", kAlice,
                                         0);
  });
  FYREN_ASSERT_OK(matches);
  ASSERT_EQ(matches->size(), 1U);
  EXPECT_EQ((*matches)[0].person.public_id, "p1");
}

TEST_P(PersonStoreTest, ListOnTeamLeavesOutProtectedAndOtherTeams) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Person(1, kAuthority, "a")));
  FYREN_ASSERT_OK(Insert(Person(2, kAuthority, "b", /*protected_identity=*/true)));
  FYREN_ASSERT_OK(Insert(Person(3, kAuthority, "c")));
  FYREN_ASSERT_OK(Insert(Person(4, kAuthority, "d")));
  FYREN_ASSERT_OK(Staff(1, kAlice, true, false));
  FYREN_ASSERT_OK(Staff(2, kAlice, true, true));
  FYREN_ASSERT_OK(Staff(3, kAlice, false, false));  // on the staff list, not the team
  FYREN_ASSERT_OK(Staff(4, kAlice, true, false));
  auto list = db_->Read([](Transaction& tx) {
    return PersonStore::ListOnTeam(tx, kTenant, OrganisationId(kAuthority), kAlice, 10);
  });
  FYREN_ASSERT_OK(list);
  ASSERT_EQ(list->size(), 2U);
  EXPECT_EQ((*list)[0].public_id, "p4");  // newest first
  EXPECT_EQ((*list)[1].public_id, "p1");
}

TEST_P(PersonStoreTest, StaffUpsertRemoveAndCount) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Person(1, kAuthority, "a")));
  FYREN_ASSERT_OK(Staff(1, kAlice, true, false));
  FYREN_ASSERT_OK(Staff(1, kAlice, true, true));  // upsert
  auto staff =
      db_->Read([](Transaction& tx) { return PersonStore::ListStaff(tx, kTenant, PersonId(1)); });
  FYREN_ASSERT_OK(staff);
  ASSERT_EQ(staff->size(), 1U);
  EXPECT_EQ((*staff)[0].username, "alice");
  EXPECT_TRUE((*staff)[0].named_for_protected);
  auto removed = db_->Write(
      [](Transaction& tx) { return PersonStore::RemoveStaff(tx, kTenant, PersonId(1), kAlice); });
  FYREN_ASSERT_OK(removed);
  EXPECT_TRUE(*removed);
  auto count =
      db_->Read([](Transaction& tx) { return PersonStore::CountTeam(tx, kTenant, PersonId(1)); });
  FYREN_ASSERT_OK(count);
  EXPECT_EQ(*count, 0);
}

TEST_P(PersonStoreTest, UpdateChecksTheVersion) {
  SetUpWorld();
  StoredPerson p = Person(1, kAuthority, "a");
  FYREN_ASSERT_OK(Insert(p));
  p.birth_year = 1991;
  p.phone = std::string("\x02phone", 6);
  FYREN_ASSERT_OK(
      db_->Write([&](Transaction& tx) { return PersonStore::Update(tx, kTenant, p, 1, 50); }));
  auto stale =
      db_->Write([&](Transaction& tx) { return PersonStore::Update(tx, kTenant, p, 1, 60); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto found = db_->Read(
      [](Transaction& tx) { return PersonStore::FindForUser(tx, kTenant, "p1", kAlice, 0); });
  FYREN_ASSERT_OK(found);
  EXPECT_EQ((*found)->person.version, 2);
  EXPECT_EQ((*found)->person.birth_year, 1991);
  EXPECT_EQ(*(*found)->person.phone, std::string("\x02phone", 6));
  EXPECT_EQ((*found)->person.updated_at, 50);
}

TEST_P(PersonStoreTest, GrantsCountOnlyUntilTheyExpire) {
  SetUpWorld();
  FYREN_ASSERT_OK(Insert(Person(1, kAuthority, "a")));
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return PersonStore::InsertGrant(
        tx, kTenant,
        person::NewGrant{.grant_id = 7,
                         .person = PersonId(1),
                         .user_id = kAlice,
                         .reason = person::EmergencyReason::kImmediateDanger,
                         .sealed_reason_text = std::string("\x03r", 2),
                         .granted_at = 100,
                         .expires_at = 200});
  }));
  for (const auto& [now, expected] : {std::pair{150, true}, std::pair{200, false}}) {
    auto found = db_->Read([now = now](Transaction& tx) {
      return PersonStore::FindForUser(tx, kTenant, "p1", kAlice, now);
    });
    FYREN_ASSERT_OK(found);
    EXPECT_EQ((*found)->grant_expires_at.has_value(), expected) << now;
  }
}

TEST_P(PersonStoreTest, FindActiveUserGivesTheAuthorityAboveTheUnit) {
  SetUpWorld();
  auto bob =
      db_->Read([](Transaction& tx) { return PersonStore::FindActiveUser(tx, kTenant, "bob"); });
  FYREN_ASSERT_OK(bob);
  ASSERT_TRUE(bob->has_value());
  EXPECT_EQ((*bob)->authority, OrganisationId(kOtherAuthority));
  auto nobody =
      db_->Read([](Transaction& tx) { return PersonStore::FindActiveUser(tx, kTenant, "nobody"); });
  FYREN_ASSERT_OK(nobody);
  EXPECT_FALSE(nobody->has_value());
}

// storage_fixture.cc instantiates StorageTest for the shared suite; this program has no TEST_P of
// its own on it.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(StorageTest);

INSTANTIATE_TEST_SUITE_P(Backends, PersonStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return std::string(ToString(param_info.param));
                         });

}  // namespace
}  // namespace fyren::storage::testing
