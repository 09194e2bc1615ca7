#include "domain/organisation/organisation_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "trust/sessions/test_database.h"

namespace fyren::organisation {
namespace {

const base::TenantId kTenant(1);

// The test database has authority 10 "AUTH" > unit 11 "UNIT" (public id o11) and partner 20;
// this fixture adds a second authority 30 > unit 31 (o31): the other side of the secrecy boundary.
class UnitAdministrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = trust::testing::OpenTestDatabase();
    ASSERT_TRUE(db_);
    ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
      for (const char* sql :
           {"INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) VALUES (1, 30, 'o30', NULL, "
            "'authority', 'AUTH2', 'Nämnd 2', 'Committee 2', 0, 0)",
            "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, kind, "
            "code, name_sv, name_en, created_at, updated_at) VALUES (1, 31, 'o31', 30, 'unit', "
            "'UNIT2', 'Enhet 2', 'Unit 2', 0, 0)"}) {
        auto done = tx.Execute(sql);
        if (!done) return std::unexpected(done.error());
      }
      return base::Ok();
    }));
    audit_ = std::make_unique<trust::audit::AuditLog>(*db_, clock_);
    service_ = std::make_unique<OrganisationService>(*db_, clock_, *audit_);
  }

  static trust::Actor ActorWith(std::string role, std::int64_t authority) {
    return trust::Actor{.tenant = kTenant,
                        .user_id = 500,
                        .unit = base::OrganisationId(authority == 10 ? 11 : 31),
                        .authority = base::OrganisationId(authority),
                        .roles = {std::move(role)},
                        .purpose = "administration",
                        .request_id = "test-request-1",
                        .session_handle = {},
                        .second_factor_at = std::nullopt,
                        .local_operator = false};
  }
  static trust::Actor AuthorityAdmin() { return ActorWith("authority_administrator", 10); }

  // Audit entries of `action` about organisations (denials carry no record).
  std::int64_t Entries(std::string_view action, bool with_record) {
    audit_->Shutdown();
    auto rows = db_->Read([&](storage::Transaction& tx) {
      return tx.Query(with_record ? "SELECT COUNT(*) FROM audit_entries WHERE action = $1 AND "
                                    "record_type = 'organisation'"
                                  : "SELECT COUNT(*) FROM audit_entries WHERE action = $1",
                      {action});
    });
    return rows ? rows->front().Int(0) : -1;
  }

  static NewUnit Unit(std::string parent, std::string name, std::string code) {
    return NewUnit{.parent_public_id = std::move(parent),
                   .name_sv = std::move(name),
                   .name_en = {},
                   .code = std::move(code),
                   .kind = OrganisationKind::kUnit};
  }

  base::FakeClock clock_{base::FromUnixMicros(1'700'000'000'000'000)};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<trust::audit::AuditLog> audit_;
  std::unique_ptr<OrganisationService> service_;
};

TEST_F(UnitAdministrationTest, AuthorityAdministratorCreatesAUnitInTheirAuthority) {
  auto created = service_->CreateUnit(AuthorityAdmin(), Unit("o11", " Team Öst ", "team-ost"));
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->name_sv, "Team Öst");
  EXPECT_EQ(created->name_en, "Team Öst");  // English defaults to the Swedish name
  EXPECT_EQ(created->code, "TEAM-OST");
  EXPECT_EQ(created->parent_public_id, "o11");

  // It is in the public tree and in the administrator's part of it, under its parent.
  auto tree = service_->ListTree(trust::Actor::Public(kTenant, "r"));
  ASSERT_TRUE(tree);
  EXPECT_NE(std::ranges::find(*tree, created->public_id, &Organisation::public_id), tree->end());
  auto managed = service_->ManagedTree(AuthorityAdmin());
  ASSERT_TRUE(managed);
  ASSERT_EQ(managed->size(), 3U);  // Nämnd > Enhet > Team Öst; not authority 2, not the partner
  EXPECT_EQ((*managed)[0].code, "AUTH");
  EXPECT_EQ((*managed)[2].public_id, created->public_id);
  EXPECT_EQ((*managed)[2].depth, 2);
  EXPECT_EQ(Entries("create", true), 1);
}

TEST_F(UnitAdministrationTest, AnotherAuthoritysParentIsRefusedAndTheDenialRecorded) {
  auto created = service_->CreateUnit(AuthorityAdmin(), Unit("o31", "Smyg", "SMYG"));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, base::ErrorCode::kInvalidInput);
  EXPECT_EQ(created.error().field, "parent");
  EXPECT_EQ(created.error().detail, "unknown_parent");
  // A parent that does not exist gets the very same answer.
  auto missing = service_->CreateUnit(AuthorityAdmin(), Unit("nope", "Smyg", "SMYG"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, created.error().message);
  EXPECT_EQ(missing.error().field, created.error().field);
  // Partners are outside every authority, also for a system administrator.
  auto partner = service_->CreateUnit(ActorWith("system_administrator", 10),
                                      Unit("o20", "Inne hos polisen", "POL-1"));
  ASSERT_FALSE(partner);
  EXPECT_EQ(partner.error().field, "parent");
  EXPECT_EQ(Entries("denied", false), 2);
  EXPECT_EQ(Entries("create", true), 0);
}

TEST_F(UnitAdministrationTest, SystemAdministratorCreatesUnitsInAnyAuthority) {
  auto created =
      service_->CreateUnit(ActorWith("system_administrator", 10), Unit("o30", "Ny", "NY-2"));
  ASSERT_TRUE(created) << created.error().message;
  auto managed = service_->ManagedTree(ActorWith("system_administrator", 10));
  ASSERT_TRUE(managed);
  EXPECT_EQ(managed->size(), 5U);  // both authorities, their units and the new one; no partner
}

TEST_F(UnitAdministrationTest, RolesWithoutManageOrganisationAreForbidden) {
  const trust::Actor worker = ActorWith("social_worker", 10);
  auto created = service_->CreateUnit(worker, Unit("o11", "Team", "TEAM"));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, base::ErrorCode::kForbidden);
  auto managed = service_->ManagedTree(worker);
  ASSERT_FALSE(managed);
  EXPECT_EQ(managed.error().code, base::ErrorCode::kForbidden);
  auto renamed =
      service_->Rename(worker, "o11", {.name_sv = "X", .name_en = {}, .expected_version = 1});
  ASSERT_FALSE(renamed);
  EXPECT_EQ(renamed.error().code, base::ErrorCode::kForbidden);
  EXPECT_EQ(Entries("denied", false), 3);
}

TEST_F(UnitAdministrationTest, BadInputIsAFieldError) {
  struct Case {
    NewUnit unit;
    std::string field;
    std::string detail;
  };
  const std::string too_long(201, 'a');
  NewUnit authority = Unit("o11", "Ny nämnd", "NN");
  authority.kind = OrganisationKind::kAuthority;
  NewUnit english_too_long = Unit("o11", "Ok", "OK");
  english_too_long.name_en = too_long;
  const std::vector<Case> cases = {
      {Unit("o11", "", "TEAM"), "name_sv", "unit_name_missing"},
      {Unit("o11", "  ", "TEAM"), "name_sv", "unit_name_missing"},
      {Unit("o11", too_long, "TEAM"), "name_sv", "unit_name_too_long"},
      {english_too_long, "name_en", "unit_name_too_long"},
      {Unit("o10", "enhet", "TEAM"), "name_sv", "unit_name_taken"},  // "Enhet" is under o10
      {Unit("o11", "Team", "X"), "code", "bad_unit_code"},
      {Unit("o11", "Team", "UNIT2"), "code", "unit_code_taken"},  // other authority's code
      {authority, "kind", "bad_kind"},
  };
  for (const Case& c : cases) {
    auto created = service_->CreateUnit(AuthorityAdmin(), c.unit);
    ASSERT_FALSE(created) << c.detail;
    EXPECT_EQ(created.error().code, base::ErrorCode::kInvalidInput) << c.detail;
    EXPECT_EQ(created.error().field, c.field) << c.detail;
    EXPECT_EQ(created.error().detail, c.detail);
  }
  // The same name under another parent is fine.
  EXPECT_TRUE(service_->CreateUnit(AuthorityAdmin(), Unit("o11", "Enhet", "ENHET-B")));
  EXPECT_EQ(Entries("create", true), 1);
}

TEST_F(UnitAdministrationTest, RenameChecksTheVersion) {
  auto created = service_->CreateUnit(AuthorityAdmin(), Unit("o11", "Team", "TEAM"));
  ASSERT_TRUE(created);
  auto renamed = service_->Rename(
      AuthorityAdmin(), created->public_id,
      {.name_sv = "Team Väst", .name_en = "Team West", .expected_version = created->version});
  ASSERT_TRUE(renamed) << renamed.error().message;
  EXPECT_EQ(renamed->version, created->version + 1);
  EXPECT_EQ(renamed->name_en, "Team West");
  auto stored = service_->Get(trust::Actor::Public(kTenant, "r"), created->public_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->name_sv, "Team Väst");
  EXPECT_EQ(stored->version, renamed->version);

  // A second administrator who saw the old version gets a conflict, and nothing changes.
  auto stale = service_->Rename(
      AuthorityAdmin(), created->public_id,
      {.name_sv = "Team Syd", .name_en = {}, .expected_version = created->version});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, base::ErrorCode::kConflict);
  stored = service_->Get(trust::Actor::Public(kTenant, "r"), created->public_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->name_sv, "Team Väst");
  EXPECT_EQ(Entries("update", true), 1);
}

TEST_F(UnitAdministrationTest, RenameOutsideTheScopeIsNotFound) {
  const UnitRename rename{.name_sv = "Kapad", .name_en = {}, .expected_version = 1};
  for (const char* id : {"o31", "o30", "o10", "o20", "nope"}) {
    // Another authority's unit, another authority, one's own authority (authorities come from
    // the import), a partner and a missing id: all the same answer, whatever the input.
    auto renamed = service_->Rename(AuthorityAdmin(), id, rename);
    ASSERT_FALSE(renamed) << id;
    EXPECT_EQ(renamed.error().code, base::ErrorCode::kNotFound) << id;
    EXPECT_EQ(renamed.error().message, "No such unit.");
    auto empty = service_->Rename(AuthorityAdmin(), id,
                                  {.name_sv = "", .name_en = {}, .expected_version = 1});
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, base::ErrorCode::kNotFound) << id;
  }
  auto untouched = db_->Read([](storage::Transaction& tx) {
    return tx.Query("SELECT name_sv, version FROM organisations WHERE organisation_id = 31");
  });
  ASSERT_TRUE(untouched);
  EXPECT_EQ(untouched->front().Text(0), "Enhet 2");
  EXPECT_EQ(untouched->front().Int(1), 1);
  EXPECT_EQ(Entries("denied", false), 10);
}

TEST_F(UnitAdministrationTest, RenameRefusesBadAndDuplicateNames) {
  auto a = service_->CreateUnit(AuthorityAdmin(), Unit("o11", "Team A", "TEAM-A"));
  auto b = service_->CreateUnit(AuthorityAdmin(), Unit("o11", "Team B", "TEAM-B"));
  ASSERT_TRUE(a && b);
  auto taken = service_->Rename(AuthorityAdmin(), b->public_id,
                                {.name_sv = "team a", .name_en = {}, .expected_version = 1});
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().field, "name_sv");
  EXPECT_EQ(taken.error().detail, "unit_name_taken");
  auto empty = service_->Rename(AuthorityAdmin(), b->public_id,
                                {.name_sv = " ", .name_en = {}, .expected_version = 1});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().detail, "unit_name_missing");
  // Keeping its own name (changing only the English one) is not a clash with itself.
  auto same = service_->Rename(AuthorityAdmin(), b->public_id,
                               {.name_sv = "Team B", .name_en = "Team Bee", .expected_version = 1});
  EXPECT_TRUE(same) << same.error().message;
}

// The public organisations page keeps its rendered body while the tree's fingerprint stays the
// same (pages/organisations_page_cache.h): every write here must change it.
TEST_F(UnitAdministrationTest, CreatingAndRenamingChangeTheTreeFingerprint) {
  const auto public_actor = trust::Actor::Public(kTenant, "r");
  auto before = service_->Fingerprint(public_actor);
  ASSERT_TRUE(before);
  auto created = service_->CreateUnit(AuthorityAdmin(), Unit("o11", "Team", "TEAM"));
  ASSERT_TRUE(created);
  auto added = service_->Fingerprint(public_actor);
  ASSERT_TRUE(added);
  EXPECT_NE(*added, *before);
  ASSERT_TRUE(service_->Rename(AuthorityAdmin(), created->public_id,
                               {.name_sv = "Team 2", .name_en = {}, .expected_version = 1}));
  auto renamed = service_->Fingerprint(public_actor);
  ASSERT_TRUE(renamed);
  EXPECT_NE(*renamed, *added);
  // A refused write leaves it as it was.
  ASSERT_FALSE(service_->Rename(AuthorityAdmin(), created->public_id,
                                {.name_sv = "Team 3", .name_en = {}, .expected_version = 1}));
  auto after = service_->Fingerprint(public_actor);
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, *renamed);
}

TEST_F(UnitAdministrationTest, AReadOnlyServiceRefusesWrites) {
  OrganisationService read_only(*db_);
  auto created = read_only.CreateUnit(AuthorityAdmin(), Unit("o11", "Team", "TEAM"));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, base::ErrorCode::kInternal);
}

}  // namespace
}  // namespace fyren::organisation
