#include "trust/accounts/totp.h"

#include <gtest/gtest.h>

#include "trust/accounts/recovery_codes.h"

namespace fyren::trust::accounts {
namespace {

using std::chrono::seconds;

// RFC 6238 appendix B: the SHA-1 secret is the ASCII "12345678901234567890".
const std::string kRfcSecret = "12345678901234567890";

base::TimePoint At(std::int64_t unix_seconds) {
  return base::FromUnixMicros(unix_seconds * 1'000'000);
}

TEST(TotpTest, MatchesTheRfc6238TestVectors) {
  // The RFC lists 8-digit codes; the 6-digit code is their last six digits.
  EXPECT_EQ(TotpCode(kRfcSecret, At(59)), "287082");
  EXPECT_EQ(TotpCode(kRfcSecret, At(1111111109)), "081804");
  EXPECT_EQ(TotpCode(kRfcSecret, At(2000000000)), "279037");
}

TEST(TotpTest, AcceptsOneStepEitherWayAndNoMore) {
  const base::TimePoint now = At(1'700'000'015);
  const std::int64_t step = TotpStep(now);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now), now, 0), step);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now - seconds(30)), now, 0), step - 1);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now + seconds(30)), now, 0), step + 1);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now - seconds(90)), now, 0), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now + seconds(90)), now, 0), std::nullopt);
}

TEST(TotpTest, RefusesAReplayedCodeOrAnOlderOne) {
  const base::TimePoint now = At(1'700'000'015);
  const std::string code = TotpCode(kRfcSecret, now);
  const auto step = MatchTotp(kRfcSecret, code, now, 0);
  ASSERT_TRUE(step);
  EXPECT_EQ(MatchTotp(kRfcSecret, code, now, *step), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now - seconds(30)), now, *step),
            std::nullopt);
}

TEST(TotpTest, RefusesMalformedCodes) {
  const base::TimePoint now = At(1'700'000'015);
  for (std::string_view bad : {"", "12345", "1234567", "abcdef", "12 34 5x", "-12345"}) {
    EXPECT_EQ(MatchTotp(kRfcSecret, bad, now, 0), std::nullopt) << bad;
  }
  const std::string code = TotpCode(kRfcSecret, now);
  EXPECT_TRUE(MatchTotp(kRfcSecret, code.substr(0, 3) + " " + code.substr(3), now, 0));
}

TEST(TotpTest, Base32RoundTripsAndProvisioningUriIsEncoded) {
  EXPECT_EQ(EncodeBase32("Hello!\xde\xad\xbe\xef"), "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(DecodeBase32("jbsw y3dp-ehpk 3pxp"), "Hello!\xde\xad\xbe\xef");
  EXPECT_EQ(DecodeBase32("not base32!"), std::nullopt);
  const std::string secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), kTotpSecretBytes);
  EXPECT_EQ(DecodeBase32(EncodeBase32(secret)), secret);
  EXPECT_EQ(TotpProvisioningUri("Fyren Demo", "anna", "Hello!\xde\xad\xbe\xef"),
            "otpauth://totp/Fyren%20Demo:anna?secret=JBSWY3DPEHPK3PXP&issuer=Fyren%20Demo"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(RecoveryCodesTest, TenDistinctCodesThatNormalise) {
  const auto codes = NewRecoveryCodes();
  ASSERT_EQ(codes.size(), 10u);
  for (const auto& code : codes) {
    EXPECT_EQ(code.size(), 19u) << code;
    const auto canonical = NormaliseRecoveryCode(code);
    ASSERT_TRUE(canonical) << code;
    std::string upper = code;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(NormaliseRecoveryCode(upper), canonical);
  }
  EXPECT_EQ(NormaliseRecoveryCode("123456"), std::nullopt);
  EXPECT_EQ(NormaliseRecoveryCode("abcd-efgh-ijkl-mno1"), std::nullopt);  // 1 is not base32
}

}  // namespace
}  // namespace fyren::trust::accounts
