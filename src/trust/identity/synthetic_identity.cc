#include "trust/identity/synthetic_identity.h"

#include <chrono>
#include <stdexcept>

#include "trust/identity/luhn.h"

namespace fyren::trust::identity {

namespace {

std::string MakeSynthetic(int serial, int day_offset) {
  if (serial < 0 || serial >= kSyntheticSerialCount) {
    throw std::out_of_range("synthetic identity serial out of range");
  }
  using namespace std::chrono;
  const year_month_day date{sys_days{2090y / January / 1} + days{serial / 999}};
  const int birth_number = serial % 999 + 1;
  std::string nine;
  const auto append_two = [&nine](int value) {
    nine += static_cast<char>('0' + value / 10);
    nine += static_cast<char>('0' + value % 10);
  };
  append_two(static_cast<int>(date.year()) % 100);
  append_two(static_cast<int>(unsigned{date.month()}));
  append_two(static_cast<int>(unsigned{date.day()}) + day_offset);
  nine += static_cast<char>('0' + birth_number / 100);
  append_two(birth_number % 100);
  std::string digits = "20" + nine;
  digits += static_cast<char>('0' + LuhnCheckDigit(nine));
  return digits;
}

}  // namespace

std::string MakeSyntheticPersonnummer(int serial) { return MakeSynthetic(serial, 0); }

std::string MakeSyntheticSamordningsnummer(int serial) { return MakeSynthetic(serial, 60); }

}  // namespace fyren::trust::identity
