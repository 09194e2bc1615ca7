// Conformance: the data-key store, the key ring and key rotation behave the same on both backends
// (migrations/*/0002_keys.sql, src/trust/crypto).

#include "trust/crypto/key_store.h"

#include <limits>
#include <map>

#include "storage_fixture.h"
#include "trust/crypto/aead.h"
#include "trust/crypto/data_keys.h"
#include "trust/crypto/encrypted_column_store.h"
#include "trust/crypto/key_ring.h"
#include "trust/crypto/key_rotation.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;
using base::TenantId;
namespace crypto = trust::crypto;

const TenantId kTenantA(101);
const TenantId kTenantB(102);

// A small table standing in for a domain module's encrypted column.
constexpr std::string_view kSqliteDemoTable = R"sql(
CREATE TABLE crypto_demo (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  demo_id BIGINT NOT NULL,
  secret BLOB,
  PRIMARY KEY (tenant_id, demo_id)
))sql";
constexpr std::string_view kPostgresDemoTable = R"sql(
CREATE TABLE crypto_demo (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  demo_id BIGINT NOT NULL,
  secret BYTEA,
  PRIMARY KEY (tenant_id, demo_id)
))sql";
constexpr crypto::EncryptedColumn kDemoColumns[] = {{"crypto_demo", "secret", "demo_id"}};

crypto::MasterKey Copy(const crypto::MasterKey& key) {
  return *crypto::MasterKey::FromBytes(crypto::SecretBytes::CopyOf(key.key().bytes()));
}

crypto::AssociatedData DemoAd(TenantId tenant, std::int64_t row_id) {
  return {.tenant = tenant, .table = "crypto_demo", .column = "secret", .row_id = row_id};
}

std::string DemoPlaintext(TenantId tenant, std::int64_t row_id) {
  return "value " + std::to_string(tenant.value()) + "/" + std::to_string(row_id);
}

class KeyStoreTest : public StorageTest {
 protected:
  // Migrations, two tenants with keys, a loaded ring and the demo table.
  void SetUpKeys() {
    auto applied = Migrate(*db_, migrations());
    ASSERT_TRUE(applied) << applied.error().detail;
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> Status {
      if (auto a = InsertTenant(tx, kTenantA.value(), "a"); !a) return a;
      if (auto b = InsertTenant(tx, kTenantB.value(), "b"); !b) return b;
      return tx.ExecuteScript(backend() == Backend::kSqlite ? kSqliteDemoTable
                                                            : kPostgresDemoTable);
    }));
    for (const TenantId tenant : {kTenantA, kTenantB}) {
      auto created = crypto::EnsureTenantKeys(*db_, master_, tenant);
      ASSERT_TRUE(created) << created.error().detail;
      ASSERT_EQ(*created, 2);
    }
    ring_ = std::make_unique<crypto::KeyRing>(Copy(master_));
    FYREN_ASSERT_OK(ring_->Reload(*db_));
  }

  // Rows 1..count for `tenant`, row `null_row` (if any) NULL, the rest sealed by the ring.
  void InsertDemoRows(TenantId tenant, int count, int null_row = 0) {
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> Status {
      for (std::int64_t id = 1; id <= count; ++id) {
        std::optional<std::string> sealed;
        if (id != null_row) {
          auto s = ring_->Encrypt(tenant, DemoAd(tenant, id), DemoPlaintext(tenant, id));
          if (!s) return std::unexpected(s.error());
          sealed = std::move(*s);
        }
        auto inserted =
            tx.Execute("INSERT INTO crypto_demo (tenant_id, demo_id, secret) VALUES ($1, $2, $3)",
                       {tenant.value(), id, sealed ? Param(BlobView{*sealed}) : Param(nullptr)});
        if (!inserted) return std::unexpected(inserted.error());
      }
      return base::Ok();
    }));
  }

  // Key id of each non-NULL demo row of `tenant`, by row id.
  std::map<std::int64_t, std::uint32_t> DemoKeyIds(TenantId tenant) {
    std::map<std::int64_t, std::uint32_t> out;
    auto rows = db_->Read([&](Transaction& tx) {
      return tx.Query(
          "SELECT demo_id, secret FROM crypto_demo WHERE tenant_id = $1 AND secret IS NOT NULL",
          {tenant.value()});
    });
    EXPECT_TRUE(rows);
    if (!rows) return out;
    for (const Row& row : *rows) {
      out[row.Int(0)] = crypto::SealedKeyId(row.Bytes(1)).value_or(0);
    }
    return out;
  }

  // Every non-NULL demo row of `tenant` decrypts with `ring` to its original value.
  void ExpectDemoRowsReadable(TenantId tenant, const crypto::KeyRing& ring) {
    auto rows = db_->Read([&](Transaction& tx) {
      return tx.Query(
          "SELECT demo_id, secret FROM crypto_demo WHERE tenant_id = $1 AND secret IS NOT NULL",
          {tenant.value()});
    });
    ASSERT_TRUE(rows);
    for (const Row& row : *rows) {
      auto opened = ring.Decrypt(tenant, DemoAd(tenant, row.Int(0)), row.Bytes(1));
      ASSERT_TRUE(opened) << "row " << row.Int(0) << ": " << opened.error().detail;
      EXPECT_EQ(*opened, DemoPlaintext(tenant, row.Int(0)));
    }
  }

  crypto::MasterKey master_ = crypto::MasterKey::Generate();
  std::unique_ptr<crypto::KeyRing> ring_;
};

TEST_P(KeyStoreTest, EnsureTenantKeysStoresOnlyWrappedKeys) {
  SetUpKeys();
  auto again = crypto::EnsureTenantKeys(*db_, master_, kTenantA);
  FYREN_ASSERT_OK(again);
  EXPECT_EQ(*again, 0);

  auto keys = db_->Read([](Transaction& tx) { return crypto::KeyStore::ListAll(tx); });
  FYREN_ASSERT_OK(keys);
  ASSERT_EQ(keys->size(), 4U);
  int encryption = 0;
  int blind_index = 0;
  for (const crypto::StoredDataKey& key : *keys) {
    EXPECT_TRUE(key.active());
    EXPECT_EQ(key.master_key_id, master_.fingerprint());
    EXPECT_EQ(key.wrapped_key.size(), crypto::kKeyBytes + crypto::kSealedOverhead);
    EXPECT_GT(key.created_at, 0);
    (key.purpose == crypto::KeyPurpose::kEncryption ? encryption : blind_index)++;
  }
  EXPECT_EQ(encryption, 2);
  EXPECT_EQ(blind_index, 2);
}

TEST_P(KeyStoreTest, OnlyOneActiveKeyPerTenantAndPurpose) {
  SetUpKeys();
  const auto status = db_->Write([&](Transaction& tx) {
    return crypto::KeyStore::Insert(
        tx, crypto::StoredDataKey{.tenant = kTenantA,
                                  .key_id = 77,
                                  .purpose = crypto::KeyPurpose::kEncryption,
                                  .wrapped_key = "x",
                                  .master_key_id = master_.fingerprint(),
                                  .created_at = 1,
                                  .retired_at = std::nullopt});
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
}

TEST_P(KeyStoreTest, KeyRingEncryptsAndIndexesPerTenant) {
  SetUpKeys();
  InsertDemoRows(kTenantA, 3);
  ExpectDemoRowsReadable(kTenantA, *ring_);
  // A fresh ring (a second server) reads the same keys.
  crypto::KeyRing other(Copy(master_));
  FYREN_ASSERT_OK(other.Reload(*db_));
  ExpectDemoRowsReadable(kTenantA, other);
  EXPECT_EQ(other.BlindIndex(kTenantA, "199001011234").value_or("a"),
            ring_->BlindIndex(kTenantA, "199001011234").value_or("b"));
  EXPECT_NE(ring_->BlindIndex(kTenantA, "199001011234").value_or("a"),
            ring_->BlindIndex(kTenantB, "199001011234").value_or("a"));
}

TEST_P(KeyStoreTest, MasterKeyRotationRewrapsEveryKey) {
  SetUpKeys();
  InsertDemoRows(kTenantA, 3);
  const auto index_before = ring_->BlindIndex(kTenantA, "199001011234");
  ASSERT_TRUE(index_before);
  const crypto::MasterKey new_master = crypto::MasterKey::Generate();

  auto report = crypto::RotateMasterKey(*db_, master_, new_master);
  FYREN_ASSERT_OK(report);
  EXPECT_EQ(report->rewrapped, 4);
  EXPECT_EQ(report->already_current, 0);

  crypto::KeyRing with_old(Copy(master_));
  const auto old_loaded = with_old.Reload(*db_);
  ASSERT_FALSE(old_loaded);
  EXPECT_EQ(old_loaded.error().code, ErrorCode::kInvalidInput);

  crypto::KeyRing with_new(Copy(new_master));
  FYREN_ASSERT_OK(with_new.Reload(*db_));
  ExpectDemoRowsReadable(kTenantA, with_new);
  EXPECT_EQ(with_new.BlindIndex(kTenantA, "199001011234").value_or(""), *index_before);

  // Running it again (e.g. after a crash before the operator swapped files) changes nothing.
  auto again = crypto::RotateMasterKey(*db_, master_, new_master);
  FYREN_ASSERT_OK(again);
  EXPECT_EQ(again->rewrapped, 0);
  EXPECT_EQ(again->already_current, 4);

  // The same key as old and new is refused.
  auto same = crypto::RotateMasterKey(*db_, new_master, new_master);
  ASSERT_FALSE(same);
  EXPECT_EQ(same.error().code, ErrorCode::kInvalidInput);
}

TEST_P(KeyStoreTest, MasterKeyRotationIsAllOrNothing) {
  SetUpKeys();
  // Corrupt the last key the rotation will reach, so it fails after re-wrapping the others.
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> Status {
    auto changed = tx.Execute(
        "UPDATE data_keys SET wrapped_key = $1 WHERE tenant_id = $2 AND key_id = "
        "(SELECT MAX(key_id) FROM data_keys WHERE tenant_id = $2)",
        {BlobView{std::string(crypto::kKeyBytes + crypto::kSealedOverhead, '\x01')},
         kTenantB.value()});
    if (!changed) return std::unexpected(changed.error());
    return base::Ok();
  }));
  const crypto::MasterKey new_master = crypto::MasterKey::Generate();
  auto report = crypto::RotateMasterKey(*db_, master_, new_master);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::kInternal);

  auto keys = db_->Read([](Transaction& tx) { return crypto::KeyStore::ListAll(tx); });
  FYREN_ASSERT_OK(keys);
  for (const crypto::StoredDataKey& key : *keys) {
    EXPECT_EQ(key.master_key_id, master_.fingerprint()) << "tenant " << key.tenant.value();
  }
  // A key under an unknown master key is refused by name, and nothing changes either.
  const crypto::MasterKey stranger = crypto::MasterKey::Generate();
  auto unknown = crypto::RotateMasterKey(*db_, stranger, new_master);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(unknown.error().message.find(master_.fingerprint()), std::string::npos);
}

TEST_P(KeyStoreTest, DataKeyRotationReencryptsEveryValueOfTheTenant) {
  SetUpKeys();
  InsertDemoRows(kTenantA, 25, /*null_row=*/7);
  InsertDemoRows(kTenantB, 5);
  const auto old_a = *ring_->ActiveKeyId(kTenantA, crypto::KeyPurpose::kEncryption);
  const auto keys_b_before = DemoKeyIds(kTenantB);
  const auto index_before = ring_->BlindIndex(kTenantA, "199001011234");
  ASSERT_TRUE(index_before);

  int batches = 0;
  auto report = crypto::RotateDataKey(*db_, *ring_, kTenantA, kDemoColumns,
                                      {.batch_size = 4, .after_batch = [&](const auto&) {
                                         ++batches;
                                         return base::Ok();
                                       }});
  FYREN_ASSERT_OK(report);
  EXPECT_NE(report->new_key_id, old_a);
  EXPECT_EQ(report->reencrypt.scanned, 25);
  EXPECT_EQ(report->reencrypt.reencrypted, 24);
  EXPECT_EQ(report->reencrypt.already_current, 1);  // the NULL row
  EXPECT_EQ(report->reencrypt.changed_meanwhile, 0);
  EXPECT_EQ(batches, 7);  // 6 full batches of 4, then the last one

  for (const auto& [row, key_id] : DemoKeyIds(kTenantA)) {
    EXPECT_EQ(key_id, report->new_key_id) << "row " << row;
  }
  ExpectDemoRowsReadable(kTenantA, *ring_);
  EXPECT_EQ(DemoKeyIds(kTenantB), keys_b_before);  // another tenant is untouched
  ExpectDemoRowsReadable(kTenantB, *ring_);
  // The blind-index key is not part of data-key rotation.
  EXPECT_EQ(ring_->BlindIndex(kTenantA, "199001011234").value_or(""), *index_before);

  // The old key is retired, not deleted, and a second run finds nothing to do.
  auto keys =
      db_->Read([](Transaction& tx) { return crypto::KeyStore::ListForTenant(tx, kTenantA); });
  FYREN_ASSERT_OK(keys);
  ASSERT_EQ(keys->size(), 3U);
  auto again = crypto::ReencryptColumns(*db_, *ring_, kTenantA, kDemoColumns);
  FYREN_ASSERT_OK(again);
  EXPECT_EQ(again->reencrypted, 0);
  EXPECT_EQ(again->already_current, 25);
}

TEST_P(KeyStoreTest, DataKeyRotationResumesAfterAFailureMidWay) {
  SetUpKeys();
  InsertDemoRows(kTenantA, 24);
  int batches = 0;
  const crypto::ReencryptOptions failing{
      .batch_size = 5, .after_batch = [&](const crypto::ReencryptProgress&) -> Status {
        if (++batches == 2) return base::Fail(ErrorCode::kUnavailable, "injected failure");
        return base::Ok();
      }};
  auto failed = crypto::RotateDataKey(*db_, *ring_, kTenantA, kDemoColumns, failing);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "injected failure");

  const auto new_key = *ring_->ActiveKeyId(kTenantA, crypto::KeyPurpose::kEncryption);
  int moved = 0;
  for (const auto& [row, key_id] : DemoKeyIds(kTenantA)) moved += key_id == new_key ? 1 : 0;
  EXPECT_EQ(moved, 10);  // the two committed batches
  // Half-way, every value is still readable: old ones with the retired key.
  ExpectDemoRowsReadable(kTenantA, *ring_);

  // A server that starts now (fresh ring) can read everything too.
  crypto::KeyRing restarted(Copy(master_));
  FYREN_ASSERT_OK(restarted.Reload(*db_));
  auto resumed = crypto::ReencryptColumns(*db_, restarted, kTenantA, kDemoColumns,
                                          {.batch_size = 5, .after_batch = nullptr});
  FYREN_ASSERT_OK(resumed);
  EXPECT_EQ(resumed->reencrypted, 14);
  EXPECT_EQ(resumed->already_current, 10);
  for (const auto& [row, key_id] : DemoKeyIds(kTenantA)) EXPECT_EQ(key_id, new_key);
  ExpectDemoRowsReadable(kTenantA, restarted);
}

TEST_P(KeyStoreTest, ReencryptionNeverOverwritesAChangedValue) {
  SetUpKeys();
  InsertDemoRows(kTenantA, 1);
  auto replaced = db_->Write([&](Transaction& tx) {
    return crypto::EncryptedColumnStore::ReplaceIfUnchanged(tx, kDemoColumns[0], kTenantA, 1,
                                                            "not the stored value", "new");
  });
  FYREN_ASSERT_OK(replaced);
  EXPECT_FALSE(*replaced);
  ExpectDemoRowsReadable(kTenantA, *ring_);
}

TEST_P(KeyStoreTest, AddingAKeyNeedsAnExistingOne) {
  SetUpKeys();
  const TenantId without_keys(103);
  FYREN_ASSERT_OK(
      db_->Write([&](Transaction& tx) { return InsertTenant(tx, without_keys.value(), "c"); }));
  auto added = crypto::AddEncryptionKey(*db_, master_, without_keys);
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, KeyStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return std::string(ToString(param_info.param));
                         });

}  // namespace
}  // namespace fyren::storage::testing
