// Every signed-in request learns the user's authority from their unit (AccountStore::FindUnit):
// the nearest organisation of kind authority at or above the unit. Access decisions rest on it,
// so each shape of the tree is checked on both backends.
#include <algorithm>
#include <vector>

#include "base/random.h"
#include "domain/organisation/organisation_store.h"
#include "storage_fixture.h"
#include "trust/accounts/account_store.h"

namespace fyren::storage::testing {
namespace {

using organisation::Organisation;
using organisation::OrganisationKind;
using organisation::OrganisationStore;
using trust::accounts::AccountStore;

Organisation Org(std::int64_t id, OrganisationKind kind, std::optional<std::int64_t> parent) {
  Organisation org;
  org.id = base::OrganisationId(id);
  org.public_id = base::NewPublicId();
  org.code = "ORG" + std::to_string(id);
  org.name_sv = "Organisation";
  org.name_en = "Organisation";
  org.kind = kind;
  if (parent) org.parent = base::OrganisationId(*parent);
  return org;
}

// A user of `unit` with no usable password (these tests never sign in).
trust::accounts::UserRecord TestUser(base::TenantId tenant, std::int64_t id, std::int64_t unit,
                                     bool demo) {
  trust::accounts::UserRecord u;
  u.tenant = tenant;
  u.user_id = id;
  u.public_id = base::NewPublicId();
  u.username = "user" + std::to_string(id);
  u.display_name = "User";
  u.unit = base::OrganisationId(unit);
  u.password_hash = "not a hash: this test never checks a password";
  u.is_demo = demo;
  return u;
}

TEST_P(StorageTest, AUnitsAuthorityIsTheNearestAuthorityAtOrAboveIt) {
  MigrateAndCreateTestTable();
  const base::TenantId tenant(1);
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
    if (auto ok = InsertTenant(tx, 1, "test"); !ok) return ok;
    for (const Organisation& org :
         {Org(1, OrganisationKind::kAuthority, std::nullopt),
          Org(2, OrganisationKind::kDepartment, 1), Org(3, OrganisationKind::kUnit, 2),
          Org(4, OrganisationKind::kUnit, 1), Org(5, OrganisationKind::kAuthority, 2),
          Org(6, OrganisationKind::kUnit, 5), Org(7, OrganisationKind::kPartner, std::nullopt),
          Org(8, OrganisationKind::kUnit, 7)}) {
      if (auto ok = OrganisationStore::Insert(tx, tenant, org, 100); !ok) return ok;
    }
    return base::Ok();
  }));
  const auto authority_of = [&](std::int64_t unit) -> std::optional<std::int64_t> {
    auto found = db_->Read([&](Transaction& tx) {
      return AccountStore::FindUnit(tx, tenant, base::OrganisationId(unit));
    });
    EXPECT_TRUE(found) << found.error().detail;
    if (!found || !*found || !(*found)->authority) return std::nullopt;
    EXPECT_EQ((*found)->id.value(), unit);
    return (*found)->authority->value();
  };
  EXPECT_EQ(authority_of(1), 1);             // the authority itself
  EXPECT_EQ(authority_of(4), 1);             // a unit right under it
  EXPECT_EQ(authority_of(3), 1);             // a unit under a department
  EXPECT_EQ(authority_of(6), 5);             // the nearest authority wins
  EXPECT_EQ(authority_of(8), std::nullopt);  // a partner's unit: no authority above
  auto missing = db_->Read([&](Transaction& tx) {
    return AccountStore::FindUnit(tx, tenant, base::OrganisationId(99));
  });
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
  auto by_code =
      db_->Read([&](Transaction& tx) { return AccountStore::FindUnitByCode(tx, tenant, "ORG3"); });
  ASSERT_TRUE(by_code && *by_code);
  EXPECT_EQ((*by_code)->authority, base::OrganisationId(1));
}

// The user facts every signed-in request reads (AccountService::ResolveSession): one row per
// role from one statement, and no credential columns.
TEST_P(StorageTest, FindSessionUserReadsTheGateAndEveryRoleInOneStatement) {
  MigrateAndCreateTestTable();
  const base::TenantId tenant(1);
  const base::TimePoint at = base::FromUnixMicros(1767225600000000);
  const auto user = [&](std::int64_t id, bool demo) { return TestUser(tenant, id, 4, demo); };
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
    if (auto ok = InsertTenant(tx, 1, "test"); !ok) return ok;
    for (const Organisation& org :
         {Org(1, OrganisationKind::kAuthority, std::nullopt), Org(4, OrganisationKind::kUnit, 1)}) {
      if (auto ok = OrganisationStore::Insert(tx, tenant, org, 100); !ok) return ok;
    }
    for (const auto& u : {user(10, false), user(11, true)}) {
      if (auto ok = AccountStore::Insert(tx, u, at); !ok) return ok;
    }
    const trust::accounts::Role roles[] = {trust::accounts::Role::kCoordinator,
                                           trust::accounts::Role::kSocialWorker};
    if (auto ok = AccountStore::ReplaceRoles(tx, tenant, 10, roles, 1, at); !ok) return ok;
    return AccountStore::SetLocked(tx, tenant, 11, at, at);
  }));
  const auto find = [&](std::int64_t id) {
    auto found =
        db_->Read([&](Transaction& tx) { return AccountStore::FindSessionUser(tx, tenant, id); });
    EXPECT_TRUE(found) << found.error().detail;
    return found ? *found : std::nullopt;
  };
  const auto coordinator = find(10);
  ASSERT_TRUE(coordinator);
  EXPECT_EQ(coordinator->unit, base::OrganisationId(4));
  EXPECT_TRUE(coordinator->active);
  EXPECT_FALSE(coordinator->locked);
  EXPECT_FALSE(coordinator->is_demo);
  std::vector<trust::accounts::Role> roles = coordinator->roles;
  std::ranges::sort(roles);
  EXPECT_EQ(roles, (std::vector{trust::accounts::Role::kCoordinator,
                                trust::accounts::Role::kSocialWorker}));
  const auto locked_demo = find(11);
  ASSERT_TRUE(locked_demo);
  EXPECT_TRUE(locked_demo->locked);
  EXPECT_TRUE(locked_demo->is_demo);
  EXPECT_TRUE(locked_demo->roles.empty());  // no roles: one row with a NULL role
  EXPECT_FALSE(find(99));
}

// The numbers that say whether a kept session user is still right (migrations 0018, 0020) move
// with every change FindSessionUser can show: the user's row (lock, deactivation, unit), a role
// granted or taken away, the organisation tree; and only the changed user's number moves.
TEST_P(StorageTest, SessionUserGenerationsMoveWithEveryChangeASessionUserShows) {
  MigrateAndCreateTestTable();
  const base::TenantId tenant(1);
  const base::TimePoint at = base::FromUnixMicros(1767225600000000);
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
    if (auto ok = InsertTenant(tx, 1, "test"); !ok) return ok;
    for (const Organisation& org :
         {Org(1, OrganisationKind::kAuthority, std::nullopt), Org(4, OrganisationKind::kUnit, 1),
          Org(5, OrganisationKind::kUnit, 1)}) {
      if (auto ok = OrganisationStore::Insert(tx, tenant, org, 100); !ok) return ok;
    }
    for (const std::int64_t id : {10, 11}) {
      if (auto ok = AccountStore::Insert(tx, TestUser(tenant, id, 4, false), at); !ok) return ok;
    }
    return base::Ok();
  }));
  const auto read = [&](std::int64_t user) {
    auto found = db_->Read([&](Transaction& tx) {
      return AccountStore::FindSessionUserGenerations(tx, tenant, user);
    });
    EXPECT_TRUE(found) << found.error().detail;
    return found ? *found : trust::accounts::SessionUserGenerations{-1, -1};
  };
  trust::accounts::SessionUserGenerations last = read(10);
  const trust::accounts::SessionUserGenerations other = read(11);
  EXPECT_GT(last.organisations, 0);
  const auto change = [&](std::string_view sql, bool tree, const char* what) {
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) { return tx.Execute(sql); }));
    const auto now = read(10);
    if (tree) {
      EXPECT_GT(now.organisations, last.organisations) << what;
    } else {
      EXPECT_GT(now.user, last.user) << what;
      EXPECT_EQ(now.organisations, last.organisations) << what;
      EXPECT_EQ(read(11).user, other.user) << what;
    }
    last = now;
  };
  change("INSERT INTO user_roles (tenant_id, user_id, role) VALUES (1, 10, 'coordinator')", false,
         "a role granted");
  change("DELETE FROM user_roles WHERE user_id = 10", false, "a role taken away");
  change("UPDATE users SET locked_at = 5 WHERE user_id = 10", false, "a lock");
  change("UPDATE users SET active = 0 WHERE user_id = 10", false, "a deactivation");
  change("UPDATE users SET unit_id = 5 WHERE user_id = 10", false, "a move to another unit");
  change("UPDATE organisations SET parent_id = NULL WHERE organisation_id = 5", true, "the tree");
}

// The authority a signed-in request gets with its user must be the one FindUnit walks to, for
// every shape of the tree: within the statement's reach, past it, none at all. (A user's unit
// always exists: the foreign key sees to it.)
TEST_P(StorageTest, FindSessionUserGivesTheSameAuthorityAsTheWalkUpTheTree) {
  MigrateAndCreateTestTable();
  const base::TenantId tenant(1);
  const base::TimePoint at = base::FromUnixMicros(1767225600000000);
  const std::vector<std::int64_t> units = {1, 2, 3, 4, 6, 8, 12, 13};
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> base::Status {
    if (auto ok = InsertTenant(tx, 1, "test"); !ok) return ok;
    for (const Organisation& org :
         {Org(1, OrganisationKind::kAuthority, std::nullopt),
          Org(2, OrganisationKind::kDepartment, 1), Org(3, OrganisationKind::kUnit, 2),
          Org(4, OrganisationKind::kUnit, 1), Org(5, OrganisationKind::kAuthority, 2),
          Org(6, OrganisationKind::kUnit, 5), Org(7, OrganisationKind::kPartner, std::nullopt),
          Org(8, OrganisationKind::kUnit, 7), Org(10, OrganisationKind::kDepartment, 2),
          Org(11, OrganisationKind::kDepartment, 10), Org(12, OrganisationKind::kUnit, 11),
          Org(13, OrganisationKind::kUnit, 12)}) {
      if (auto ok = OrganisationStore::Insert(tx, tenant, org, 100); !ok) return ok;
    }
    for (const std::int64_t unit : units) {
      if (auto ok = AccountStore::Insert(tx, TestUser(tenant, 100 + unit, unit, false), at); !ok) {
        return ok;
      }
    }
    return base::Ok();
  }));
  for (const std::int64_t unit : units) {
    auto both = db_->Read(
        [&](Transaction& tx) -> base::Result<std::pair<std::optional<trust::accounts::SessionUser>,
                                                       std::optional<trust::accounts::UnitInfo>>> {
          auto user = AccountStore::FindSessionUser(tx, tenant, 100 + unit);
          if (!user) return std::unexpected(user.error());
          auto walked = AccountStore::FindUnit(tx, tenant, base::OrganisationId(unit));
          if (!walked) return std::unexpected(walked.error());
          return std::pair(std::move(*user), std::move(*walked));
        });
    ASSERT_TRUE(both) << both.error().detail;
    const auto& [user, walked] = *both;
    ASSERT_TRUE(user) << unit;
    EXPECT_EQ(user->unit_exists, walked.has_value()) << unit;
    EXPECT_EQ(user->authority, walked ? walked->authority : std::nullopt) << unit;
  }
  // Spelled out for the shapes that matter.
  const auto authority_of = [&](std::int64_t unit) {
    auto user = db_->Read(
        [&](Transaction& tx) { return AccountStore::FindSessionUser(tx, tenant, 100 + unit); });
    return user && *user ? (*user)->authority : std::nullopt;
  };
  EXPECT_EQ(authority_of(13), base::OrganisationId(1));  // five levels below
  EXPECT_EQ(authority_of(6), base::OrganisationId(5));   // the nearest authority wins
  EXPECT_EQ(authority_of(8), std::nullopt);              // a partner's unit
}

}  // namespace
}  // namespace fyren::storage::testing
