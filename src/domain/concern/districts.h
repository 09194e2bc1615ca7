#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fyren::concern {

// A city district and the social committee (organisation code of an authority) whose intake
// receives reports of concern about children living there (content/districts.toml).
struct District {
  std::string code;
  std::string name;
  std::string committee;
};

inline constexpr std::string_view kDistrictsFile = "content/districts.toml";

// Parses and validates a districts file: at least one entry; codes unique, of [a-z0-9-]; name
// and committee present. kInvalidInput naming the file, the entry and the problem.
[[nodiscard]] base::Result<std::vector<District>> ParseDistricts(std::string_view text,
                                                                 std::string_view file);
// The embedded content/districts.toml, parsed.
[[nodiscard]] base::Result<std::vector<District>> LoadDistricts();

}  // namespace fyren::concern
