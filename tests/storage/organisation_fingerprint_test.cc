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
  EXPECT_EQ(one.rows, 1);
  EXPECT_NE(one, empty);

  // An update as every writer does it: version bumped, updated_at set.
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
    return tx.Execute(
        "UPDATE organisations SET name_sv = $1, version = version + 1, updated_at = $2 "
        "WHERE tenant_id = $3 AND organisation_id = $4",
        {"Ny enhet", std::int64_t{100}, std::int64_t{1}, std::int64_t{1}});
  }));
  const TreeFingerprint renamed = fingerprint();
  EXPECT_NE(renamed, one);

  FYREN_ASSERT_OK(db_->Write(
      [&](Transaction& tx) { return OrganisationStore::Insert(tx, tenant, Unit(2, "B"), 50); }));
  EXPECT_NE(fingerprint(), renamed);
  EXPECT_EQ(fingerprint().rows, 2);
}

}  // namespace
}  // namespace fyren::storage::testing
