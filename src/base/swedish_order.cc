#include "base/swedish_order.h"

#include <cctype>

#include "base/utf8.h"

namespace fyren::base {
namespace {

// Keys are bytes: ASCII letters map to themselves (lower-case), å/ä/ö to bytes just after 'z'.
char KeyForTwoByteLetter(unsigned char b0, unsigned char b1) {
  if (b0 != 0xC3) return 0;
  switch (b1) {
    case 0xA5:  // å
    case 0x85:  // Å
      return '{';
    case 0xA4:  // ä
    case 0x84:  // Ä
    case 0xA6:  // æ
    case 0x86:  // Æ
      return '|';
    case 0xB6:  // ö
    case 0x96:  // Ö
    case 0xB8:  // ø
    case 0x98:  // Ø
      return '}';
    case 0xA9:  // é
    case 0x89:  // É
    case 0xA8:  // è
      return 'e';
    case 0xBC:  // ü
    case 0x9C:  // Ü
      return 'y';
    default:
      return 0;
  }
}

}  // namespace

std::string SwedishSortKey(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      key.push_back(static_cast<char>(std::tolower(c)));
      ++i;
      continue;
    }
    const std::size_t len = Utf8SequenceLength(text, i);
    if (len == 2) {
      if (const char k = KeyForTwoByteLetter(c, static_cast<unsigned char>(text[i + 1]))) {
        key.push_back(k);
        i += 2;
        continue;
      }
    }
    // Everything else sorts after the Swedish alphabet, by its bytes.
    key.push_back('\x7f');
    key.append(text.substr(i, len == 0 ? 1 : len));
    i += len == 0 ? 1 : len;
  }
  return key;
}

}  // namespace fyren::base
