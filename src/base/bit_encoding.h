#pragma once

#include <string>
#include <string_view>

namespace fyren::base {

// Encodes `bytes` with a 32- or 64-character alphabet (5 or 6 bits a character, most significant
// bits first, no padding): base32 for public ids and TOTP secrets, base64url for tokens.
// Requires alphabet.size() to be 32 or 64 (a programming error otherwise: std::invalid_argument).
std::string EncodeWithAlphabet(std::string_view bytes, std::string_view alphabet);

}  // namespace fyren::base
