#pragma once

#include <string_view>

namespace fyren::trust::identity {

// The Luhn (modulus 10, weights 2-1-2-...) check digit, 0-9, for the nine digits YYMMDDNNN of
// a personnummer or samordningsnummer. Requires `nine_digits` to be exactly nine ASCII digits
// (a programmer error otherwise: the result is then meaningless, but defined). Pure; thread-safe.
[[nodiscard]] int LuhnCheckDigit(std::string_view nine_digits);

}  // namespace fyren::trust::identity
