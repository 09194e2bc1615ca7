#include "trust/identity/luhn.h"

namespace fyren::trust::identity {

int LuhnCheckDigit(std::string_view nine_digits) {
  int sum = 0;
  bool doubled = true;  // the first of the nine digits has weight 2
  for (const char c : nine_digits) {
    // Masking keeps the result defined (0-9 per step) even for a non-digit byte.
    int value = (static_cast<unsigned char>(c) - '0') & 0x0F;
    value = value > 9 ? 9 : value;
    if (doubled) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    doubled = !doubled;
  }
  return (10 - sum % 10) % 10;
}

}  // namespace fyren::trust::identity
