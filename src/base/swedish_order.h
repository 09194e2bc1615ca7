#pragma once

#include <string>
#include <string_view>

namespace fyren::base {

// A sort key that orders names as a Swedish reader expects: case-insensitive, with å, ä, ö after
// z (in that order) and é/ü next to e/y. Byte order would put ä before å. Covers the letters that
// appear in organisation and place names; other characters sort by code point after these.
std::string SwedishSortKey(std::string_view text);

}  // namespace fyren::base
