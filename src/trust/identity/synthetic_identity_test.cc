#include "trust/identity/synthetic_identity.h"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "trust/identity/identity_number.h"

namespace fyren::trust::identity {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

// The last day before the scheme stops being impossible: synthetic numbers are still refused.
const ParseOptions kProduction{.today = year_month_day{year{2089}, month{12}, day{31}}};
const ParseOptions kDemo{.today = year_month_day{year{2025}, month{6}, day{15}},
                         .allow_synthetic_future_dates = true};

TEST(SyntheticIdentityTest, KnownValues) {
  EXPECT_EQ(MakeSyntheticPersonnummer(0), "209001010017");
  EXPECT_EQ(MakeSyntheticPersonnummer(998).substr(0, 11), "20900101999");
  EXPECT_EQ(MakeSyntheticPersonnummer(999).substr(0, 11), "20900102001");
  EXPECT_EQ(MakeSyntheticPersonnummer(kSyntheticSerialCount - 1).substr(0, 11), "20991231999");
  EXPECT_EQ(MakeSyntheticSamordningsnummer(0).substr(0, 11), "20900161001");
}

TEST(SyntheticIdentityTest, ValidInDemoModeAndRefusedInProduction) {
  for (int serial = 0; serial < kSyntheticSerialCount; serial += 997) {
    for (const bool coordination : {false, true}) {
      const std::string digits =
          coordination ? MakeSyntheticSamordningsnummer(serial) : MakeSyntheticPersonnummer(serial);
      ASSERT_EQ(IdentityNumber::Parse(digits, kProduction).error(),
                IdentityNumberProblem::kFutureDate)
          << serial;
      const auto demo = IdentityNumber::Parse(digits, kDemo);
      ASSERT_TRUE(demo.has_value()) << serial << " " << ToString(demo.error());
      EXPECT_EQ(demo->Digits(), digits);
      EXPECT_GE(demo->BirthYear(), 2090);
      EXPECT_LE(demo->BirthYear(), 2099);
      EXPECT_EQ(demo->kind(), coordination ? IdentityNumberKind::kSamordningsnummer
                                           : IdentityNumberKind::kPersonnummer);
      EXPECT_TRUE(IdentityNumber::FromDigits(digits).has_value()) << serial;
    }
  }
}

TEST(SyntheticIdentityTest, SerialsGiveDistinctNumbers) {
  std::unordered_set<std::string> seen;
  for (int serial = 0; serial < 50'000; ++serial) {
    EXPECT_TRUE(seen.insert(MakeSyntheticPersonnummer(serial)).second) << serial;
  }
}

TEST(SyntheticIdentityTest, SerialOutOfRangeIsAProgrammerError) {
  EXPECT_THROW((void)MakeSyntheticPersonnummer(-1), std::out_of_range);
  EXPECT_THROW((void)MakeSyntheticPersonnummer(kSyntheticSerialCount), std::out_of_range);
}

}  // namespace
}  // namespace fyren::trust::identity
