#include "base/bit_encoding.h"

#include <cstdint>
#include <stdexcept>

namespace fyren::base {

std::string EncodeWithAlphabet(std::string_view bytes, std::string_view alphabet) {
  int width = 0;
  if (alphabet.size() == 32) {
    width = 5;
  } else if (alphabet.size() == 64) {
    width = 6;
  } else {
    throw std::invalid_argument("alphabet must have 32 or 64 characters");
  }
  const std::uint32_t mask = (1U << width) - 1;
  std::string out;
  out.reserve((bytes.size() * 8 + static_cast<std::size_t>(width) - 1) /
              static_cast<std::size_t>(width));
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= width) {
      out += alphabet[(buffer >> (bits - width)) & mask];
      bits -= width;
    }
  }
  if (bits > 0) out += alphabet[(buffer << (width - bits)) & mask];
  return out;
}

}  // namespace fyren::base
