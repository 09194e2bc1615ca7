// The organisations page serves a cached body while the tree's fingerprint stays the same, so the
// fingerprint must change on every kind of change, on both backends.
#include "base/random.h"
#include "domain/organisation/organisation_store.h"
#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using organisation::Organisation;
using organisation::OrganisationStore;
using organisation::TreeFingerprint;

Organisation Unit(std::int64_t id, std::string code) {
  Organisation org;
  org.id = base::OrganisationId(id);
  org.public_id = base::NewPublicId();
  org.code = std::move(code);
  org.name_sv = "Enhet";
  org.name_en = "Unit";
  return org;
}

TEST_P(StorageTest, OrganisationFingerprintChangesWithEveryChange) {
  MigrateAndCreateTestTable();
  const base::TenantId tenant(1);
  const auto fingerprint = [&] {
    auto read =
        db_->Read([&](Transaction& tx) { return OrganisationStore::Fingerprint(tx, tenant); });
    EXPECT_TRUE(read) << read.error().detail;
    return read.value_or(TreeFingerprint{});
  };
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) { return InsertTenant(tx, 1, "test"); }));
  const TreeFingerprint empty = fingerprint();
  EXPECT_EQ(empty, TreeFingerprint{});

  FYREN_ASSERT_OK(db_->Write(
      [&](Transaction& tx) { return OrganisationStore::Insert(tx, tenant, Unit(1, "A"), 100); }));
  const TreeFingerprint one = fingerprint();
  EXPECT_NE(one, empty);

  // An update that bumps neither version nor updated_at (a writer's slip) still counts: the
  // generation is moved by a trigger, not by the writer.
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
    return tx.Execute(
        "UPDATE organisations SET name_sv = $1 WHERE tenant_id = $2 "
        "AND organisation_id = $3",
        {"Ny enhet", std::int64_t{1}, std::int64_t{1}});
  }));
  const TreeFingerprint renamed = fingerprint();
  EXPECT_NE(renamed, one);

  FYREN_ASSERT_OK(db_->Write(
      [&](Transaction& tx) { return OrganisationStore::Insert(tx, tenant, Unit(2, "B"), 50); }));
  const TreeFingerprint added = fingerprint();
  EXPECT_NE(added, renamed);

  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
    return tx.Execute("DELETE FROM organisations WHERE tenant_id = $1 AND organisation_id = $2",
                      {std::int64_t{1}, std::int64_t{2}});
  }));
  EXPECT_NE(fingerprint(), added);

  // Another tenant's tree is counted apart.
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) { return InsertTenant(tx, 2, "other"); }));
  auto other = db_->Read(
      [&](Transaction& tx) { return OrganisationStore::Fingerprint(tx, base::TenantId(2)); });
  ASSERT_TRUE(other);
  EXPECT_EQ(*other, TreeFingerprint{});
}

}  // namespace
}  // namespace fyren::storage::testing
