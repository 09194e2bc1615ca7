#include "trust/identity/identity_number.h"

#include <gtest/gtest.h>

#include <chrono>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "trust/identity/luhn.h"

// The past-dated numbers below are constructed (a date, a birth number and its check digit) to
// exercise the parser. They are test inputs only: never stored, logged or used as demo data,
// which uses synthetic_identity.h.

namespace fyren::trust::identity {

// gtest would otherwise print a failing value as raw bytes, i.e. the whole number.
void PrintTo(const IdentityNumber& number, std::ostream* os) { *os << number.Masked(); }

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;
using Problem = IdentityNumberProblem;

template <typename T>
concept Streamable = requires(std::ostream& os, const T& value) {
  os << value;
};
static_assert(!Streamable<IdentityNumber>, "an identity number must not be printable");
static_assert(!std::is_convertible_v<IdentityNumber, std::string>);
static_assert(!std::is_convertible_v<IdentityNumber, std::string_view>);
static_assert(!std::is_default_constructible_v<IdentityNumber>);

constexpr year_month_day kToday{year{2025}, month{6}, day{15}};
const ParseOptions kProduction{.today = kToday, .allow_synthetic_future_dates = false};
const ParseOptions kDemo{.today = kToday, .allow_synthetic_future_dates = true};

// `nine` digits YYMMDDNNN followed by their Luhn check digit.
std::string WithCheck(std::string_view nine) {
  return std::string(nine) + static_cast<char>('0' + LuhnCheckDigit(nine));
}
// As WithCheck, with the separator inserted before the last four digits.
std::string WithCheck(std::string_view nine, std::string_view separator) {
  const std::string ten = WithCheck(nine);
  return ten.substr(0, 6) + std::string(separator) + ten.substr(6);
}
// A 12-digit form: century + WithCheck(nine).
std::string Long(std::string_view century, std::string_view nine, std::string_view sep = "") {
  const std::string ten = WithCheck(nine);
  return std::string(century) + ten.substr(0, 6) + std::string(sep) + ten.substr(6);
}

TEST(LuhnTest, KnownCheckDigits) {
  // Published examples (Skatteverket's worked example, Wikipedia, python-stdnum's doctests).
  EXPECT_EQ(LuhnCheckDigit("640823323"), 4);
  EXPECT_EQ(LuhnCheckDigit("811228987"), 4);
  EXPECT_EQ(LuhnCheckDigit("880320001"), 6);
  EXPECT_EQ(LuhnCheckDigit("890102328"), 6);
  EXPECT_EQ(LuhnCheckDigit("000000000"), 0);
}

// Test names by position: the inputs themselves make poor (and non-identifier) names.
struct CaseNumber {
  template <typename T>
  std::string operator()(const ::testing::TestParamInfo<T>& param) const {
    return "Case" + std::to_string(param.index);
  }
};

struct ValidCase {
  std::string input;
  std::string digits;
  IdentityNumberKind kind;
};

class ValidTest : public ::testing::TestWithParam<ValidCase> {};

TEST_P(ValidTest, ParsesToNormalisedForm) {
  const ValidCase& c = GetParam();
  const auto parsed = IdentityNumber::Parse(c.input, kProduction);
  ASSERT_TRUE(parsed.has_value()) << ToString(parsed.error());
  EXPECT_EQ(parsed->Digits(), c.digits);
  EXPECT_EQ(parsed->kind(), c.kind);
  // The normalised form reads back to the same number, both as input and from storage.
  EXPECT_EQ(IdentityNumber::Parse(parsed->Digits(), kProduction), parsed);
  EXPECT_EQ(IdentityNumber::FromDigits(parsed->Digits()), parsed);
}

constexpr auto kPn = IdentityNumberKind::kPersonnummer;
constexpr auto kSn = IdentityNumberKind::kSamordningsnummer;

INSTANTIATE_TEST_SUITE_P(
    Forms, ValidTest,
    ::testing::Values(ValidCase{"811228-9874", "198112289874", kPn},
                      ValidCase{"8112289874", "198112289874", kPn},
                      ValidCase{"19811228-9874", "198112289874", kPn},
                      ValidCase{"198112289874", "198112289874", kPn},
                      ValidCase{"880320-0016", "198803200016", kPn},
                      ValidCase{"640823-3234", "196408233234", kPn},
                      // `+`: turns 100 or more this year.
                      ValidCase{"811228+9874", "188112289874", kPn},
                      // Surrounding whitespace, and dashes pasted from a word processor.
                      ValidCase{"  811228-9874 \t\r\n", "198112289874", kPn},
                      ValidCase{"811228\u20139874", "198112289874", kPn},  // en dash
                      ValidCase{"811228\u20109874", "198112289874", kPn},  // hyphen
                      ValidCase{"811228\u22129874", "198112289874", kPn},  // minus sign
                      ValidCase{"19811228\u20149874", "198112289874", kPn},
                      // Samordningsnummer: day + 60.
                      ValidCase{WithCheck("811288987"), "19" + WithCheck("811288987"), kSn},
                      ValidCase{WithCheck("810161123", "-"), "19" + WithCheck("810161123"), kSn},
                      ValidCase{WithCheck("810191123", "+"), "18" + WithCheck("810191123"), kSn},
                      ValidCase{Long("20", "240289123"), "20" + WithCheck("240289123"), kSn},
                      // The oldest century Skatteverket uses.
                      ValidCase{Long("18", "991231123"), "18" + WithCheck("991231123"), kPn}),
    CaseNumber());

struct CenturyCase {
  std::string input;
  int birth_year;
};

class CenturyTest : public ::testing::TestWithParam<CenturyCase> {};

TEST_P(CenturyTest, ResolvesTheBirthYearFromToday) {
  const CenturyCase& c = GetParam();
  const auto parsed = IdentityNumber::Parse(c.input, kProduction);
  ASSERT_TRUE(parsed.has_value()) << ToString(parsed.error());
  EXPECT_EQ(parsed->BirthYear(), c.birth_year);
}

// Today is 2025-06-15.
INSTANTIATE_TEST_SUITE_P(
    AroundToday, CenturyTest,
    ::testing::Values(CenturyCase{WithCheck("250615123", "-"), 2025},  // born today
                      CenturyCase{WithCheck("250614123", "-"), 2025},
                      // Later this year would be a future date: the person turns 100 this year.
                      CenturyCase{WithCheck("250616123", "-"), 1925},
                      CenturyCase{WithCheck("251231123"), 1925},
                      CenturyCase{WithCheck("260101123", "-"), 1926},
                      CenturyCase{WithCheck("000101123", "-"), 2000},
                      CenturyCase{WithCheck("991231123", "-"), 1999},
                      // `+` is used from 1 January of the year the person turns 100.
                      CenturyCase{WithCheck("250615123", "+"), 1925},
                      CenturyCase{WithCheck("250616123", "+"), 1925},
                      CenturyCase{WithCheck("251231123", "+"), 1925},
                      CenturyCase{WithCheck("250101123", "+"), 1925},
                      CenturyCase{WithCheck("260101123", "+"), 1826},
                      CenturyCase{WithCheck("240101123", "+"), 1924},
                      // Samordningsnummer compare the real day with today.
                      CenturyCase{WithCheck("250675123", "-"), 2025},
                      CenturyCase{WithCheck("250676123", "-"), 1925}),
    CaseNumber());

TEST(CenturyTest, NewYearsDayOfACentury) {
  const ParseOptions first_day{.today = year_month_day{year{2000}, month{1}, day{1}}};
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("000101123", "-"), first_day)->BirthYear(), 2000);
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("000102123", "-"), first_day)->BirthYear(), 1900);
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("991231123", "-"), first_day)->BirthYear(), 1999);
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("000101123", "+"), first_day)->BirthYear(), 1900);
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("991231123", "+"), first_day)->BirthYear(), 1899);

  const ParseOptions last_day{.today = year_month_day{year{1999}, month{12}, day{31}}};
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("991231123", "-"), last_day)->BirthYear(), 1999);
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("000101123", "-"), last_day)->BirthYear(), 1900);
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("000101123", "+"), last_day)->BirthYear(), 1800);
}

struct InvalidCase {
  std::string input;
  Problem problem;
};

class InvalidTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidTest, IsRefusedWithTheSpecificProblem) {
  const InvalidCase& c = GetParam();
  const auto parsed = IdentityNumber::Parse(c.input, kProduction);
  ASSERT_FALSE(parsed.has_value()) << parsed->Masked();
  EXPECT_EQ(parsed.error(), c.problem) << ToString(parsed.error());
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, InvalidTest,
    ::testing::Values(
        InvalidCase{"", Problem::kEmpty}, InvalidCase{" \t\r\n ", Problem::kEmpty},
        InvalidCase{"81122a-9874", Problem::kBadCharacters},
        InvalidCase{"811228 9874", Problem::kBadCharacters},  // inner space
        InvalidCase{"811228/9874", Problem::kBadCharacters},
        InvalidCase{"811228_9874", Problem::kBadCharacters},
        InvalidCase{"811228.9874", Problem::kBadCharacters},
        InvalidCase{"811228:9874", Problem::kBadCharacters},
        InvalidCase{std::string("811228-987\0"
                                "4",
                                12),
                    Problem::kBadCharacters},
        InvalidCase{"811228-9874\xff", Problem::kBadCharacters},
        InvalidCase{"811228\xe2\x80-9874", Problem::kBadCharacters},  // truncated UTF-8
        InvalidCase{"811228\u00a09874", Problem::kBadCharacters},     // no-break space
        InvalidCase{"\u00a0811228-9874", Problem::kBadCharacters},
        // Unicode digits look like digits and are not.
        InvalidCase{"\uff18\uff11\uff11\uff12\uff12\uff18\uff19\uff18\uff17\uff14",
                    Problem::kBadCharacters},  // fullwidth
        InvalidCase{"\u0668\u0661\u0661\u0662\u0662\u0668-\u0669\u0668\u0667\u0664",
                    Problem::kBadCharacters},  // Arabic-Indic
        InvalidCase{"811228-987\u0664", Problem::kBadCharacters},
        InvalidCase{"\u0968\u0966811228-9874", Problem::kBadCharacters},  // Devanagari
        InvalidCase{"-", Problem::kBadLength}, InvalidCase{"81122-9874", Problem::kBadLength},
        InvalidCase{"81122898741", Problem::kBadLength},
        InvalidCase{"1981122898745", Problem::kBadLength},
        InvalidCase{"811228-98741", Problem::kBadLength},
        InvalidCase{"8112-289874", Problem::kBadSeparator},
        InvalidCase{"811228--9874", Problem::kBadSeparator},
        InvalidCase{"811228-+9874", Problem::kBadSeparator},
        InvalidCase{"8112289874-", Problem::kBadSeparator},
        InvalidCase{"-8112289874", Problem::kBadSeparator},
        InvalidCase{"1981-1228-9874", Problem::kBadSeparator},
        InvalidCase{"19811228+9874", Problem::kBadSeparator}),
    CaseNumber());

INSTANTIATE_TEST_SUITE_P(
    Dates, InvalidTest,
    ::testing::Values(
        // Leap days: 2000 is a leap year, 1900 and 2100 are not.
        InvalidCase{Long("19", "000229123"), Problem::kBadDate},
        InvalidCase{WithCheck("000229123", "+"), Problem::kBadDate},  // 1900-02-29
        InvalidCase{Long("20", "230229123"), Problem::kBadDate},
        InvalidCase{WithCheck("230229123", "-"), Problem::kBadDate},
        InvalidCase{WithCheck("810230123", "-"), Problem::kBadDate},
        InvalidCase{WithCheck("810431123", "-"), Problem::kBadDate},
        InvalidCase{WithCheck("810001123", "-"), Problem::kBadDate},
        InvalidCase{WithCheck("811301123", "-"), Problem::kBadDate},
        InvalidCase{WithCheck("810100123", "-"), Problem::kBadDate},
        InvalidCase{WithCheck("810132123", "-"), Problem::kBadDate},
        // Samordningsnummer: day 61-91 only, and still a real date.
        InvalidCase{WithCheck("810160123", "-"), Problem::kBadDate},
        InvalidCase{WithCheck("810159123", "-"), Problem::kBadDate},
        InvalidCase{WithCheck("810192123", "-"), Problem::kBadDate},
        InvalidCase{WithCheck("810289123", "-"), Problem::kBadDate},  // 1981-02-29
        InvalidCase{WithCheck("810199123", "-"), Problem::kBadDate},
        InvalidCase{Long("17", "991231123"), Problem::kBadCentury},
        InvalidCase{Long("21", "000101123"), Problem::kBadCentury},
        InvalidCase{Long("00", "850101123"), Problem::kBadCentury},
        InvalidCase{Long("20", "250616123"), Problem::kFutureDate},
        InvalidCase{Long("20", "250676123"), Problem::kFutureDate},
        InvalidCase{Long("20", "990101123"), Problem::kFutureDate},
        InvalidCase{WithCheck("811228000", "-"), Problem::kBadBirthNumber},
        InvalidCase{"811228-9875", Problem::kBadChecksum},
        InvalidCase{"811228-9784", Problem::kBadChecksum},  // swapped digits
        InvalidCase{"19811228-9870", Problem::kBadChecksum},
        InvalidCase{"811228+9870", Problem::kBadChecksum}),
    CaseNumber());

TEST(LeapDayTest, ValidLeapDays) {
  EXPECT_EQ(IdentityNumber::Parse(Long("20", "000229123"), kProduction)->BirthDate(),
            year_month_day(year{2000}, month{2}, day{29}));
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("000229123", "-"), kProduction)->BirthYear(), 2000);
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("240229123", "-"), kProduction)->BirthYear(), 2024);
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("960289123", "-"), kProduction)->BirthDate(),
            year_month_day(year{1996}, month{2}, day{29}));
}

TEST(ChecksumTest, EveryOtherCheckDigitIsRefused) {
  const std::string good = WithCheck("811228987");
  for (char check = '0'; check <= '9'; ++check) {
    std::string input = good;
    input.back() = check;
    const auto parsed = IdentityNumber::Parse(input, kProduction);
    if (check == good.back()) {
      EXPECT_TRUE(parsed.has_value());
    } else {
      EXPECT_EQ(parsed.error(), Problem::kBadChecksum) << check;
    }
  }
}

TEST(LongInputTest, IsRefusedAtOnce) {
  EXPECT_EQ(IdentityNumber::Parse(std::string(65, '1'), kProduction).error(), Problem::kBadLength);
  // Padding past the bound is refused even around a valid number: no unbounded scan.
  EXPECT_EQ(IdentityNumber::Parse(std::string(60, ' ') + "811228-9874", kProduction).error(),
            Problem::kBadLength);
  EXPECT_TRUE(IdentityNumber::Parse(std::string(50, ' ') + "811228-9874", kProduction));

  const std::string huge(16 << 20, '8');  // 16 MiB
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(IdentityNumber::Parse(huge, kProduction).error(), Problem::kBadLength);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(100));
}

TEST(AccessorTest, BirthDateKindAndMask) {
  const auto pn = IdentityNumber::Parse("811228-9874", kProduction);
  ASSERT_TRUE(pn.has_value());
  EXPECT_EQ(pn->BirthDate(), year_month_day(year{1981}, month{12}, day{28}));
  EXPECT_EQ(pn->BirthYear(), 1981);
  EXPECT_EQ(pn->kind(), IdentityNumberKind::kPersonnummer);
  EXPECT_EQ(pn->Masked(), "19811228-XXXX");

  const auto sn = IdentityNumber::Parse(WithCheck("811288987", "-"), kProduction);
  ASSERT_TRUE(sn.has_value());
  EXPECT_EQ(sn->BirthDate(), year_month_day(year{1981}, month{12}, day{28}));
  EXPECT_EQ(sn->kind(), IdentityNumberKind::kSamordningsnummer);
  EXPECT_EQ(sn->Masked(), "19811288-XXXX");
}

TEST(EqualityTest, SameNumberWhateverTheWrittenForm) {
  const auto a = IdentityNumber::Parse("811228-9874", kProduction);
  const auto b = IdentityNumber::Parse(" 198112289874", kProduction);
  const auto c = IdentityNumber::Parse("811228+9874", kProduction);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);  // a century apart
}

TEST(SyntheticOptionTest, FutureDatesOnlyInDemoMode) {
  const std::string future = Long("20", "950101123");
  EXPECT_EQ(IdentityNumber::Parse(future, kProduction).error(), Problem::kFutureDate);
  const auto demo = IdentityNumber::Parse(future, kDemo);
  ASSERT_TRUE(demo.has_value());
  EXPECT_EQ(demo->BirthYear(), 2095);
  // A 10-digit form never resolves to the future, demo mode or not.
  EXPECT_EQ(IdentityNumber::Parse(WithCheck("950101123", "-"), kDemo)->BirthYear(), 1995);
  // Demo mode relaxes nothing else.
  EXPECT_EQ(IdentityNumber::Parse(Long("21", "000101123"), kDemo).error(), Problem::kBadCentury);
  EXPECT_EQ(IdentityNumber::Parse(Long("20", "950230123"), kDemo).error(), Problem::kBadDate);
}

TEST(FromDigitsTest, ReadsOnlyTheNormalisedForm) {
  EXPECT_TRUE(IdentityNumber::FromDigits("198112289874"));
  EXPECT_TRUE(IdentityNumber::FromDigits(Long("20", "950101123")));  // stored demo data
  EXPECT_EQ(IdentityNumber::FromDigits("8112289874").error(), Problem::kBadLength);
  EXPECT_EQ(IdentityNumber::FromDigits("19811228-987").error(), Problem::kBadCharacters);
  EXPECT_EQ(IdentityNumber::FromDigits(" 19811228987").error(), Problem::kBadCharacters);
  EXPECT_EQ(IdentityNumber::FromDigits("198112289875").error(), Problem::kBadChecksum);
  EXPECT_EQ(IdentityNumber::FromDigits("198102299874").error(), Problem::kBadDate);
  EXPECT_EQ(IdentityNumber::FromDigits("218112289874").error(), Problem::kBadCentury);
}

}  // namespace
}  // namespace fyren::trust::identity
