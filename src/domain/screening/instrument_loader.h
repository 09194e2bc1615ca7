#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/screening/instrument.h"

namespace fyren::screening {

// Parses and validates one instrument file (format: docs/instruments.md). `source` names the file
// in messages and must end in "<id>.toml". On any problem the result is kInvalidInput whose
// message lists every problem, one a line, each naming the file, the item where there is one, and
// what is wrong, e.g. "content/instruments/youth.toml: item q7: weight for unknown answer 'maybe'".
// Pure; thread-safe.
[[nodiscard]] base::Result<Instrument> ParseInstrument(std::string_view text,
                                                       std::string_view source);

}  // namespace fyren::screening
