// Conformance: the screenings SQL (src/domain/screening/screening_store.cc,
// migrations/*/0009_screenings.sql) behaves the same on SQLite and PostgreSQL: round trip of a
// person's and an anonymous screening, the lists, and the table's own checks (an anonymous
// screening must be described; a level must be one of three). The store only moves sealed bytes,
// so the "ciphertext" here is arbitrary bytes.
#include "domain/screening/screening_store.h"

#include "domain/person/person_store.h"
#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::OrganisationId;
using base::TenantId;
using screening::ScreeningStore;
using screening::StoredScreening;

const TenantId kScreeningTenant(1);
constexpr std::int64_t kRecorder = 101;
constexpr std::int64_t kPersonRow = 500;

class ScreeningStoreTest : public StorageTest {
 protected:
  void SetUpWorld() {
    auto applied = Migrate(*db_, migrations());
    ASSERT_TRUE(applied) << applied.error().detail;
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
      if (auto ok = InsertTenant(tx, 1, "t"); !ok) return ok;
      for (const char* sql :
           {"INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) "
            "VALUES (1, 10, 'o10', NULL, 'authority', 'A', 'n', 'n', 0, 0)",
            "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) "
            "VALUES (1, 11, 'o11', 10, 'unit', 'AU', 'n', 'n', 0, 0)",
            "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
            "password_hash, created_at, updated_at) VALUES (1, 101, 'u1', 'u1', 'u1', 11, 'x', 0, "
            "0)"}) {
        if (auto done = tx.Execute(sql); !done) return std::unexpected(done.error());
      }
      person::StoredPerson p;
      p.id = person::PersonId(kPersonRow);
      p.public_id = "person-public-id";
      p.owning_authority = OrganisationId(10);
      p.birth_year = 2010;
      p.created_by = kRecorder;
      return person::PersonStore::Insert(tx, kScreeningTenant, p);
    }));
  }

  static StoredScreening Screening(std::int64_t id, bool anonymous, std::int64_t at) {
    StoredScreening s;
    s.id = id;
    s.public_id = "s" + std::to_string(id);
    s.owning_authority = OrganisationId(10);
    s.unit = OrganisationId(11);
    s.recorded_by = kRecorder;
    if (anonymous) {
      s.age_band = "13_15";
      s.gender = "not_stated";
      s.setting = "school";
    } else {
      s.person_id = kPersonRow;
    }
    s.subject_kind = "at_risk";
    s.instrument_id = "youth";
    s.instrument_version = 2;
    s.score = 7;
    s.level = "possible_concern";
    s.answers = std::string("\x00\x01sealed\xff", 9);
    s.recorded_at = at;
    return s;
  }
};

TEST_P(ScreeningStoreTest, RoundTripsAndLists) {
  SetUpWorld();
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
    if (auto ok = ScreeningStore::Insert(tx, kScreeningTenant, Screening(1, true, 100)); !ok)
      return ok;
    return ScreeningStore::Insert(tx, kScreeningTenant, Screening(2, false, 200));
  }));
  auto found =
      db_->Read([](Transaction& tx) { return ScreeningStore::Find(tx, kScreeningTenant, "s2"); });
  FYREN_ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const StoredScreening& s = **found;
  EXPECT_EQ(s.id, 2);
  EXPECT_EQ(s.person_id, kPersonRow);
  EXPECT_EQ(s.person_public_id, "person-public-id");
  EXPECT_FALSE(s.age_band.has_value());
  EXPECT_EQ(s.instrument_version, 2);
  EXPECT_EQ(s.score, 7);
  EXPECT_EQ(s.level, "possible_concern");
  EXPECT_EQ(s.answers, std::string("\x00\x01sealed\xff", 9));
  EXPECT_EQ(s.unit, OrganisationId(11));

  auto anonymous =
      db_->Read([](Transaction& tx) { return ScreeningStore::Find(tx, kScreeningTenant, "s1"); });
  FYREN_ASSERT_OK(anonymous);
  ASSERT_TRUE(anonymous->has_value());
  EXPECT_FALSE((*anonymous)->person_id.has_value());
  EXPECT_FALSE((*anonymous)->person_public_id.has_value());
  EXPECT_EQ((*anonymous)->age_band, "13_15");

  auto mine = db_->Read([](Transaction& tx) {
    return ScreeningStore::ListRecordedBy(tx, kScreeningTenant, kRecorder, 10);
  });
  FYREN_ASSERT_OK(mine);
  ASSERT_EQ(mine->size(), 2U);
  EXPECT_EQ(mine->front().public_id, "s2");  // newest first
  auto of_person = db_->Read([](Transaction& tx) {
    return ScreeningStore::ListForPerson(tx, kScreeningTenant, kPersonRow, 10);
  });
  FYREN_ASSERT_OK(of_person);
  ASSERT_EQ(of_person->size(), 1U);
  auto count =
      db_->Read([](Transaction& tx) { return ScreeningStore::Count(tx, kScreeningTenant); });
  FYREN_ASSERT_OK(count);
  EXPECT_EQ(*count, 2);
  auto missing =
      db_->Read([](Transaction& tx) { return ScreeningStore::Find(tx, kScreeningTenant, "nope"); });
  FYREN_ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_P(ScreeningStoreTest, TheTableRefusesAnUndescribedAnonymousScreeningAndUnknownLevels) {
  SetUpWorld();
  StoredScreening undescribed = Screening(3, true, 100);
  undescribed.setting.reset();
  auto refused = db_->Write(
      [&](Transaction& tx) { return ScreeningStore::Insert(tx, kScreeningTenant, undescribed); });
  EXPECT_FALSE(refused);
  StoredScreening bad_level = Screening(4, false, 100);
  bad_level.level = "high";
  refused = db_->Write(
      [&](Transaction& tx) { return ScreeningStore::Insert(tx, kScreeningTenant, bad_level); });
  EXPECT_FALSE(refused);
  auto count =
      db_->Read([](Transaction& tx) { return ScreeningStore::Count(tx, kScreeningTenant); });
  FYREN_ASSERT_OK(count);
  EXPECT_EQ(*count, 0);
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(StorageTest);

INSTANTIATE_TEST_SUITE_P(Backends, ScreeningStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return std::string(ToString(param_info.param));
                         });

}  // namespace
}  // namespace fyren::storage::testing
