#include "trust/crypto/key_ring.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "storage/migrator.h"
#include "trust/crypto/data_keys.h"

namespace fyren::trust::crypto {
namespace {

using base::ErrorCode;
using base::TenantId;

const TenantId kTenantA(1);
const TenantId kTenantB(2);

AssociatedData Ad(TenantId tenant, std::int64_t row) {
  return {.tenant = tenant, .table = "persons", .column = "name", .row_id = row};
}

// Keys for two tenants in an in-memory SQLite database with the real migrations.
class KeyRingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::OpenDatabase("sqlite::memory:", storage::DatabaseOptions{});
    ASSERT_TRUE(db) << db.error().detail;
    db_ = std::move(*db);
    auto migrations = storage::LoadMigrations(storage::Backend::kSqlite);
    ASSERT_TRUE(migrations);
    ASSERT_TRUE(storage::Migrate(*db_, *migrations));
    ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
      for (const auto& [id, slug] : {std::pair{1, "a"}, std::pair{2, "b"}}) {
        auto inserted = tx.Execute(
            "INSERT INTO tenants (tenant_id, public_id, slug, name, created_at) "
            "VALUES ($1, $2, $3, 'Test', 0)",
            {id, std::string_view(slug), std::string_view(slug)});
        if (!inserted) return std::unexpected(inserted.error());
      }
      return base::Ok();
    }));
    for (const TenantId tenant : {kTenantA, kTenantB}) {
      auto created = EnsureTenantKeys(*db_, master_source_, tenant);
      ASSERT_TRUE(created) << created.error().detail;
      EXPECT_EQ(*created, 2);
    }
    ring_ = std::make_unique<KeyRing>(
        *MasterKey::FromBytes(SecretBytes::CopyOf(master_source_.key().bytes())));
    ASSERT_TRUE(ring_->Reload(*db_));
  }

  MasterKey master_source_ = MasterKey::Generate();
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<KeyRing> ring_;
};

TEST_F(KeyRingTest, EnsureTenantKeysIsIdempotent) {
  auto again = EnsureTenantKeys(*db_, master_source_, kTenantA);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

TEST_F(KeyRingTest, EncryptDecryptRoundTrip) {
  auto sealed = ring_->Encrypt(kTenantA, Ad(kTenantA, 5), "Anna Andersson");
  ASSERT_TRUE(sealed);
  auto opened = ring_->Decrypt(kTenantA, Ad(kTenantA, 5), *sealed);
  ASSERT_TRUE(opened) << opened.error().detail;
  EXPECT_EQ(*opened, "Anna Andersson");
  EXPECT_EQ(SealedKeyId(*sealed).value_or(0),
            *ring_->ActiveKeyId(kTenantA, KeyPurpose::kEncryption));
}

TEST_F(KeyRingTest, OptionalFieldsStoreEmptyTextAsNothingAndSealTheRest) {
  auto empty = ring_->EncryptOptional(kTenantA, Ad(kTenantA, 5), "");
  ASSERT_TRUE(empty);
  EXPECT_FALSE(empty->has_value());
  auto opened_empty = ring_->DecryptOptional(kTenantA, Ad(kTenantA, 5), *empty);
  ASSERT_TRUE(opened_empty);
  EXPECT_EQ(*opened_empty, "");

  auto sealed = ring_->EncryptOptional(kTenantA, Ad(kTenantA, 5), "Ring efter 15");
  ASSERT_TRUE(sealed && sealed->has_value());
  EXPECT_EQ((*sealed)->find("Ring efter 15"), std::string::npos);
  auto opened = ring_->DecryptOptional(kTenantA, Ad(kTenantA, 5), *sealed);
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, "Ring efter 15");
  // Bound to its row like any sealed value, and the tenant check still applies.
  EXPECT_FALSE(ring_->DecryptOptional(kTenantA, Ad(kTenantA, 6), *sealed));
  EXPECT_FALSE(ring_->EncryptOptional(kTenantA, Ad(kTenantB, 5), "x"));
}

TEST_F(KeyRingTest, ValueFromAnotherRowOrTenantDoesNotDecrypt) {
  auto sealed = ring_->Encrypt(kTenantA, Ad(kTenantA, 5), "secret");
  ASSERT_TRUE(sealed);
  EXPECT_FALSE(ring_->Decrypt(kTenantA, Ad(kTenantA, 6), *sealed));
  // Tenant B's key ids overlap A's (both start at 1), but B's key is a different key.
  auto other = ring_->Decrypt(kTenantB, Ad(kTenantB, 5), *sealed);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kInternal);
  EXPECT_EQ(other.error().message, kOpenFailedMessage);
}

TEST_F(KeyRingTest, MismatchedTenantInAssociatedDataIsRefused) {
  EXPECT_FALSE(ring_->Encrypt(kTenantA, Ad(kTenantB, 5), "x"));
}

TEST_F(KeyRingTest, UnknownKeyIdIsRefused) {
  auto sealed = ring_->Encrypt(kTenantA, Ad(kTenantA, 5), "secret");
  ASSERT_TRUE(sealed);
  std::string relabelled = *sealed;
  relabelled[4] = static_cast<char>(99);
  auto opened = ring_->Decrypt(kTenantA, Ad(kTenantA, 5), relabelled);
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().detail.find("unknown encryption key id 99"), std::string::npos);
}

TEST_F(KeyRingTest, UnknownTenantHasNoKeys) {
  const TenantId unknown(3);
  EXPECT_FALSE(ring_->Encrypt(unknown, Ad(unknown, 1), "x"));
  EXPECT_FALSE(ring_->BlindIndex(unknown, "199001011234"));
  EXPECT_FALSE(ring_->ActiveKeyId(unknown, KeyPurpose::kEncryption));
}

TEST_F(KeyRingTest, BlindIndexIsDeterministicPerTenantAndDiffersAcrossTenants) {
  auto a1 = ring_->BlindIndex(kTenantA, "199001011234");
  auto a2 = ring_->BlindIndex(kTenantA, "199001011234");
  auto a3 = ring_->BlindIndex(kTenantA, "199001011235");
  auto b1 = ring_->BlindIndex(kTenantB, "199001011234");
  ASSERT_TRUE(a1 && a2 && a3 && b1);
  EXPECT_EQ(a1->size(), 32U);
  EXPECT_EQ(*a1, *a2);
  EXPECT_NE(*a1, *a3);
  EXPECT_NE(*a1, *b1);
  auto other_field = ring_->BlindIndex(kTenantA, "phone", "199001011234");
  ASSERT_TRUE(other_field);
  EXPECT_NE(*a1, *other_field);
}

TEST_F(KeyRingTest, BlindIndexSurvivesReloadAndEncryptionKeyRotation) {
  auto before = ring_->BlindIndex(kTenantA, "199001011234");
  ASSERT_TRUE(before);
  auto rotated = AddEncryptionKey(*db_, master_source_, kTenantA);
  ASSERT_TRUE(rotated);
  ASSERT_TRUE(ring_->Reload(*db_));
  EXPECT_EQ(ring_->BlindIndex(kTenantA, "199001011234").value_or(""), *before);
}

TEST_F(KeyRingTest, OldValuesStillDecryptAfterAddingAKey) {
  auto old_sealed = ring_->Encrypt(kTenantA, Ad(kTenantA, 5), "old");
  ASSERT_TRUE(old_sealed);
  const auto old_id = ring_->ActiveKeyId(kTenantA, KeyPurpose::kEncryption);
  auto new_id = AddEncryptionKey(*db_, master_source_, kTenantA);
  ASSERT_TRUE(new_id);
  ASSERT_TRUE(ring_->Reload(*db_));
  EXPECT_EQ(ring_->ActiveKeyId(kTenantA, KeyPurpose::kEncryption), *new_id);
  EXPECT_NE(old_id, *new_id);
  auto new_sealed = ring_->Encrypt(kTenantA, Ad(kTenantA, 5), "new");
  ASSERT_TRUE(new_sealed);
  EXPECT_EQ(SealedKeyId(*new_sealed).value_or(0), *new_id);
  EXPECT_EQ(ring_->Decrypt(kTenantA, Ad(kTenantA, 5), *old_sealed).value_or(""), "old");
}

TEST_F(KeyRingTest, WrongMasterKeyIsReportedByFingerprint) {
  KeyRing wrong(MasterKey::Generate());
  const auto loaded = wrong.Reload(*db_);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(loaded.error().message.find(master_source_.fingerprint()), std::string::npos);
}

TEST_F(KeyRingTest, FailedReloadKeepsThePreviousKeys) {
  ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
    auto changed = tx.Execute(
        "UPDATE data_keys SET wrapped_key = $1 WHERE tenant_id = 1",
        {storage::BlobView{std::string_view("garbage-garbage-garbage-garbage-garbage-garbage")}});
    if (!changed) return std::unexpected(changed.error());
    return base::Ok();
  }));
  const auto reloaded = ring_->Reload(*db_);
  ASSERT_FALSE(reloaded);
  EXPECT_EQ(reloaded.error().code, ErrorCode::kInternal);
  EXPECT_TRUE(ring_->Encrypt(kTenantA, Ad(kTenantA, 1), "still works"));
}

TEST_F(KeyRingTest, ConcurrentUseWithReloadIsSafe) {
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const AssociatedData ad = Ad(kTenantA, t * 1000 + i);
        auto sealed = ring_->Encrypt(kTenantA, ad, "value");
        if (!sealed || ring_->Decrypt(kTenantA, ad, *sealed).value_or("") != "value") ++failures;
        if (!ring_->BlindIndex(kTenantB, "x")) ++failures;
      }
    });
  }
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(ring_->Reload(*db_));
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace fyren::trust::crypto
