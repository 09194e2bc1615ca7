// Writes generated identity-number inputs, each with Fyren's verdict, for the differential check
// against python-stdnum (check_against_stdnum.py). Deterministic for a given seed and today.
//
//   identity_differential_generator --seed N --count N --today YYYY-MM-DD --out FILE
//
// One line per input: hex(input bytes) TAB category TAB verdict TAB digits, where verdict is "ok"
// or the problem code (ToString) and digits the normalised form or "-". Inputs are hex-encoded
// because junk may contain tabs, newlines and non-ASCII bytes.
//
// The mix: valid numbers in 10- and 12-digit forms with every separator; near misses (one digit
// changed, two swapped, the separator changed or moved); impossible dates; 28/29 February and
// 1 March around leap and century years; the current year (whose century depends on today);
// samordningsnummer; whitespace and dash variants; random junk. All numbers are generated here
// from random dates and birth numbers: test inputs, never stored.
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trust/identity/identity_number.h"

namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;
namespace identity = fyren::trust::identity;

// Kept separate from Fyren's luhn.cc so that a bug there cannot hide itself.
char CheckDigit(std::string_view nine) {
  int sum = 0;
  for (std::size_t i = 0; i < nine.size(); ++i) {
    int product = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += product / 10 + product % 10;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string TwoDigits(int value) {
  return {static_cast<char>('0' + value / 10 % 10), static_cast<char>('0' + value % 10)};
}

class Generator {
 public:
  Generator(std::uint64_t seed, year_month_day today) : rng_(seed), today_(today) {}

  struct Sample {
    std::string_view category;
    std::string input;
  };

  Sample Next() {
    const int pick = Uniform(0, 99);
    if (pick < 22) return {"valid10", Valid10()};
    if (pick < 40) return {"valid12", Valid12()};
    if (pick < 60) return {"near_miss", NearMiss()};
    if (pick < 67) return {"bad_date", BadDate()};
    if (pick < 74) return {"leap_day", LeapDay()};
    if (pick < 80) return {"current_year", CurrentYear()};
    if (pick < 84) return {"samordningsnummer", Samordningsnummer()};
    if (pick < 90) return {"variant", Variant()};
    if (pick < 95) return {"digits", RandomDigits()};
    return {"junk", Junk()};
  }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Uniform(0, 99) < percent; }
  int ThisYear() const { return static_cast<int>(today_.year()); }

  year_month_day RandomDate(int first_year, int last_year) {
    const sys_days first{year{first_year} / 1 / 1};
    sys_days last{year{last_year} / 12 / 31};
    if (last > sys_days{today_}) last = sys_days{today_};
    return year_month_day{first + days{Uniform(0, static_cast<int>((last - first).count()))}};
  }

  // YYMMDDNNN for a date (day + day_offset) and a random birth number 001-999.
  std::string Nine(int y, int m, int d) {
    return TwoDigits(y % 100) + TwoDigits(m) + TwoDigits(d) + BirthNumber();
  }
  // 001-999, and now and then the never-assigned 000.
  std::string BirthNumber() {
    const int n = Chance(1) ? 0 : Uniform(1, 999);
    return std::string(1, static_cast<char>('0' + n / 100)) + TwoDigits(n % 100);
  }
  static std::string Ten(const std::string& nine) { return nine + CheckDigit(nine); }
  static std::string With(const std::string& ten, std::string_view separator) {
    return ten.substr(0, 6) + std::string(separator) + ten.substr(6);
  }

  // The separator the law prescribes for this birth year, sometimes another.
  std::string_view SeparatorFor(int birth_year) {
    if (Chance(5)) return Chance(50) ? "+" : "-";
    if (ThisYear() - birth_year >= 100) return "+";
    return Chance(50) ? "-" : "";
  }

  std::string Valid10() {
    const year_month_day date = RandomDate(ThisYear() - 125, ThisYear());
    const int y = static_cast<int>(date.year());
    const std::string ten = Ten(
        Nine(y, static_cast<int>(unsigned{date.month()}), static_cast<int>(unsigned{date.day()})));
    return With(ten, SeparatorFor(y));
  }

  std::string Valid12() {
    const year_month_day date = RandomDate(Chance(10) ? 1800 : 1900, ThisYear());
    const int y = static_cast<int>(date.year());
    const std::string ten = Ten(
        Nine(y, static_cast<int>(unsigned{date.month()}), static_cast<int>(unsigned{date.day()})));
    std::string_view separator = Chance(50) ? "-" : "";
    if (Chance(5)) separator = "+";
    return TwoDigits(y / 100) + With(ten, separator);
  }

  std::string NearMiss() {
    std::string text = Chance(50) ? Valid10() : Valid12();
    const int kind = Uniform(0, 9);
    std::vector<std::size_t> digit_positions;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] >= '0' && text[i] <= '9') digit_positions.push_back(i);
    }
    if (kind < 6) {
      const std::size_t at = digit_positions[Uniform(0, int(digit_positions.size()) - 1)];
      text[at] = static_cast<char>('0' + (text[at] - '0' + Uniform(1, 9)) % 10);
    } else if (kind < 8) {
      const int i = Uniform(0, int(digit_positions.size()) - 2);
      std::swap(text[digit_positions[i]], text[digit_positions[i + 1]]);
    } else if (kind < 9) {
      const std::size_t sep = text.find_first_of("-+");
      if (sep == std::string::npos) {
        text.insert(text.size() - 4, Chance(50) ? "+" : "-");
      } else {
        text[sep] = text[sep] == '-' ? '+' : '-';
      }
    } else {
      const std::size_t sep = text.find_first_of("-+");
      const char separator = sep == std::string::npos ? '-' : text[sep];
      if (sep != std::string::npos) text.erase(sep, 1);
      text.insert(static_cast<std::size_t>(Uniform(0, int(text.size()))), 1, separator);
    }
    return text;
  }

  // A Luhn-valid number whose date part is impossible.
  std::string BadDate() {
    const int y = Uniform(1800, ThisYear());
    int m = Uniform(1, 12);
    int d = Uniform(1, 28);
    switch (Uniform(0, 4)) {
      case 0:
        m = Chance(50) ? 0 : Uniform(13, 99);
        break;
      case 1:
        d = Chance(50) ? 0 : Uniform(32, 60);
        break;
      case 2:
        d = 31, m = std::array{2, 4, 6, 9, 11}[Uniform(0, 4)];
        break;
      case 3:
        m = 2, d = 30;
        break;
      default:
        d = Uniform(92, 99);
        break;
    }
    const std::string ten = Ten(Nine(y, m, d));
    if (Chance(50)) return With(ten, Chance(50) ? "-" : "");
    return TwoDigits(y / 100) + ten;
  }

  std::string LeapDay() {
    static constexpr int kYears[] = {1800, 1804, 1896, 1900, 1904, 1996, 2000, 2004, 2020, 2024};
    int y = Chance(50) ? kYears[Uniform(0, 9)] : Uniform(1800, ThisYear());
    if (y > ThisYear()) y -= 100;
    const int which = Uniform(0, 2);
    const int m = which == 2 ? 3 : 2;
    const int d = which == 0 ? 28 : which == 1 ? 29 : 1;
    const std::string ten = Ten(Nine(y, m, d));
    if (Chance(50)) return TwoDigits(y / 100) + With(ten, Chance(50) ? "-" : "");
    return With(ten, Chance(50) ? SeparatorFor(y) : (Chance(50) ? "-" : "+"));
  }

  // Dates in this year and the next: whether they are past or future depends on today.
  std::string CurrentYear() {
    const int y = ThisYear() + (Chance(80) ? 0 : 1);
    const int m = Uniform(1, 12);
    const int d = Uniform(1, 31);
    const std::string ten = Ten(Nine(y, m, d));
    if (Chance(30)) return TwoDigits(y / 100) + ten;
    const int s = Uniform(0, 2);
    return With(ten, s == 0 ? "-" : s == 1 ? "+" : "");
  }

  std::string Samordningsnummer() {
    const year_month_day date = RandomDate(ThisYear() - 120, ThisYear());
    const int y = static_cast<int>(date.year());
    const std::string ten = Ten(Nine(y, static_cast<int>(unsigned{date.month()}),
                                     static_cast<int>(unsigned{date.day()}) + 60));
    if (Chance(50)) return TwoDigits(y / 100) + ten;
    return With(ten, SeparatorFor(y));
  }

  std::string Variant() {
    std::string text = Chance(50) ? Valid10() : Valid12();
    static constexpr std::string_view kPads[] = {" ", "  ", "\t", "\n", "\r\n", " \t"};
    static constexpr std::string_view kDashes[] = {"\u2013", "\u2010", "\u2212", "\u2014",
                                                   "\uff0d", "\u00af", " ",      ":"};
    switch (Uniform(0, 3)) {
      case 0:
        return std::string(kPads[Uniform(0, 5)]) + text + std::string(kPads[Uniform(0, 5)]);
      case 1: {
        const std::size_t sep = text.find_first_of("-+");
        if (sep != std::string::npos) text.erase(sep, 1);
        text.insert(text.size() - 4, kDashes[Uniform(0, 7)]);
        return text;
      }
      case 2:
        text.insert(static_cast<std::size_t>(Uniform(0, int(text.size()))), Chance(50) ? " " : ":");
        return text;
      default:
        return std::string(Uniform(50, 70), ' ') + text;
    }
  }

  std::string RandomDigits() {
    std::string text;
    const int length = Chance(50) ? 10 : 12;
    for (int i = 0; i < length; ++i) text += static_cast<char>('0' + Uniform(0, 9));
    if (Chance(40)) text.insert(text.size() - 4, Chance(50) ? "-" : "+");
    return text;
  }

  std::string Junk() {
    static constexpr std::string_view kPieces[] = {
        "0", "1",  "2",      "3",      "4",      "5",      "6",      "7",     "8", "9",
        "0", "1",  "9",      "-",      "+",      " ",      ":",      "a",     "X", ".",
        "/", "\t", "\u2013", "\uff11", "\u0661", "\u0968", "\u00a0", "\u00e5"};
    std::string text;
    const int length = Uniform(0, 18);
    for (int i = 0; i < length; ++i) text += kPieces[Uniform(0, std::size(kPieces) - 1)];
    return text;
  }

  std::mt19937_64 rng_;
  year_month_day today_;
};

std::string Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    out += kHex[static_cast<unsigned char>(c) >> 4];
    out += kHex[static_cast<unsigned char>(c) & 0x0F];
  }
  return out;
}

int Usage() {
  std::cerr << "usage: identity_differential_generator --seed N --count N --today YYYY-MM-DD "
               "--out FILE\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t seed = 0;
  int count = 0;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  std::string out_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--seed") {
      seed = std::strtoull(value, nullptr, 10);
    } else if (flag == "--count") {
      count = std::atoi(value);
    } else if (flag == "--today") {
      if (std::sscanf(value, "%d-%u-%u", &y, &m, &d) != 3) return Usage();
    } else if (flag == "--out") {
      out_path = value;
    } else {
      return Usage();
    }
  }
  const year_month_day today{year{y}, month{m}, day{d}};
  if (count <= 0 || out_path.empty() || !today.ok()) return Usage();

  std::ofstream out(out_path, std::ios::binary);
  Generator generator(seed, today);
  const identity::ParseOptions options{.today = today, .allow_synthetic_future_dates = false};
  for (int i = 0; i < count; ++i) {
    const auto [category, input] = generator.Next();
    const auto parsed = identity::IdentityNumber::Parse(input, options);
    out << Hex(input) << '\t' << category << '\t'
        << (parsed ? std::string_view("ok") : identity::ToString(parsed.error())) << '\t'
        << (parsed ? parsed->Digits() : std::string_view("-")) << '\n';
  }
  out.close();
  if (!out) {
    std::cerr << "could not write " << out_path << '\n';
    return 1;
  }
  return 0;
}
