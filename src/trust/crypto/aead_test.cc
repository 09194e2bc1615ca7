#include "trust/crypto/aead.h"

#include <gtest/gtest.h>

#include <set>

namespace fyren::trust::crypto {
namespace {

using base::ErrorCode;
using base::TenantId;

const AssociatedData kAd{.tenant = TenantId(7), .table = "persons", .column = "name", .row_id = 42};

TEST(AeadTest, RoundTripsWithTheSameKeyAndAssociatedData) {
  const SecretBytes key = SecretBytes::Random(kKeyBytes);
  for (const std::string& plaintext : {std::string(), std::string("Anna Andersson"),
                                       std::string(100000, 'x'), std::string("a\0b", 3)}) {
    auto sealed = Seal(key, 3, kAd.Canonical(), plaintext);
    ASSERT_TRUE(sealed);
    EXPECT_EQ(sealed->size(), plaintext.size() + kSealedOverhead);
    EXPECT_EQ(SealedKeyId(*sealed).value_or(0), 3U);
    auto opened = Open(key, 3, kAd.Canonical(), *sealed);
    ASSERT_TRUE(opened) << opened.error().detail;
    EXPECT_EQ(*opened, plaintext);
  }
}

TEST(AeadTest, CiphertextDoesNotContainThePlaintextAndNoncesDiffer) {
  const SecretBytes key = SecretBytes::Random(kKeyBytes);
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    auto sealed = Seal(key, 1, kAd.Canonical(), "199001011234");
    ASSERT_TRUE(sealed);
    EXPECT_EQ(sealed->find("199001011234"), std::string::npos);
    seen.insert(*sealed);
  }
  EXPECT_EQ(seen.size(), 20U);
}

void ExpectOpenFails(const base::Result<std::string>& opened) {
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kInternal);
  EXPECT_EQ(opened.error().message, kOpenFailedMessage);
}

TEST(AeadTest, WrongAssociatedDataFails) {
  const SecretBytes key = SecretBytes::Random(kKeyBytes);
  auto sealed = Seal(key, 1, kAd.Canonical(), "secret");
  ASSERT_TRUE(sealed);
  const AssociatedData others[] = {
      {.tenant = TenantId(8), .table = "persons", .column = "name", .row_id = 42},
      {.tenant = TenantId(7), .table = "cases", .column = "name", .row_id = 42},
      {.tenant = TenantId(7), .table = "persons", .column = "note", .row_id = 42},
      {.tenant = TenantId(7), .table = "persons", .column = "name", .row_id = 43},
  };
  for (const AssociatedData& other : others) {
    ExpectOpenFails(Open(key, 1, other.Canonical(), *sealed));
  }
}

TEST(AeadTest, TamperedCiphertextFailsAtEveryByte) {
  const SecretBytes key = SecretBytes::Random(kKeyBytes);
  auto sealed = Seal(key, 1, kAd.Canonical(), "secret value");
  ASSERT_TRUE(sealed);
  for (std::size_t i = 0; i < sealed->size(); ++i) {
    std::string tampered = *sealed;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    ExpectOpenFails(Open(key, SealedKeyId(tampered).value_or(1), kAd.Canonical(), tampered));
  }
  ExpectOpenFails(Open(key, 1, kAd.Canonical(), sealed->substr(0, sealed->size() - 1)));
  ExpectOpenFails(Open(key, 1, kAd.Canonical(), sealed->substr(0, kSealedOverhead - 1)));
  ExpectOpenFails(Open(key, 1, kAd.Canonical(), ""));
}

TEST(AeadTest, WrongKeyOrKeyIdFails) {
  const SecretBytes key = SecretBytes::Random(kKeyBytes);
  const SecretBytes other = SecretBytes::Random(kKeyBytes);
  auto sealed = Seal(key, 1, kAd.Canonical(), "secret");
  ASSERT_TRUE(sealed);
  ExpectOpenFails(Open(other, 1, kAd.Canonical(), *sealed));
  ExpectOpenFails(Open(key, 2, kAd.Canonical(), *sealed));

  // Rewriting the header's key id is detected too, because the header is authenticated.
  std::string relabelled = *sealed;
  relabelled[4] = 2;
  ExpectOpenFails(Open(key, 2, kAd.Canonical(), relabelled));
}

TEST(AeadTest, ErrorsNeverEchoThePlaintext) {
  const SecretBytes key = SecretBytes::Random(kKeyBytes);
  auto sealed = Seal(key, 1, kAd.Canonical(), "Anna Andersson");
  ASSERT_TRUE(sealed);
  const SecretBytes other = SecretBytes::Random(kKeyBytes);
  auto opened = Open(other, 1, kAd.Canonical(), *sealed);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().message.find("Anna"), std::string::npos);
  EXPECT_EQ(opened.error().detail.find("Anna"), std::string::npos);
}

TEST(AeadTest, WrongKeySizeIsRefused) {
  const SecretBytes short_key = SecretBytes::Random(16);
  auto sealed = Seal(short_key, 1, kAd.Canonical(), "x");
  ASSERT_FALSE(sealed);
  EXPECT_EQ(sealed.error().code, ErrorCode::kInternal);
}

TEST(AeadTest, UnknownVersionIsRefused) {
  const SecretBytes key = SecretBytes::Random(kKeyBytes);
  auto sealed = Seal(key, 1, kAd.Canonical(), "x");
  ASSERT_TRUE(sealed);
  (*sealed)[0] = 2;
  EXPECT_FALSE(SealedKeyId(*sealed));
}

TEST(AeadTest, OpenSecretReturnsLockedBytes) {
  const SecretBytes key = SecretBytes::Random(kKeyBytes);
  const SecretBytes payload = SecretBytes::Random(kKeyBytes);
  auto sealed = Seal(key, 9, kAd.Canonical(),
                     std::string_view(reinterpret_cast<const char*>(payload.data()), 32));
  ASSERT_TRUE(sealed);
  auto opened = OpenSecret(key, 9, kAd.Canonical(), *sealed);
  ASSERT_TRUE(opened);
  EXPECT_TRUE(opened->Equals(payload));
}

TEST(AssociatedDataTest, CanonicalFormIsUnambiguous) {
  // Moving characters between table and column must change the bytes.
  const AssociatedData a{.tenant = TenantId(1), .table = "ab", .column = "c", .row_id = 1};
  const AssociatedData b{.tenant = TenantId(1), .table = "a", .column = "bc", .row_id = 1};
  EXPECT_NE(a.Canonical(), b.Canonical());
  const AssociatedData c{.tenant = TenantId(1), .table = "a", .column = "bc", .row_id = 1};
  EXPECT_EQ(b.Canonical(), c.Canonical());
  const AssociatedData d{.tenant = TenantId(256), .table = "a", .column = "bc", .row_id = 1};
  EXPECT_NE(c.Canonical(), d.Canonical());
}

}  // namespace
}  // namespace fyren::trust::crypto
