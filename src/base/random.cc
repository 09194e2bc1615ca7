#include "base/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>
#include <string_view>

#include "base/bit_encoding.h"

namespace fyren::base {
namespace {

constexpr std::string_view kBase32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
constexpr std::size_t kPublicIdLength = 26;

}  // namespace

std::string RandomBytes(std::size_t count) {
  std::string out(count, '\0');
  std::size_t filled = 0;
  while (filled < count) {
    const ssize_t got = getrandom(out.data() + filled, count - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::abort();
    }
    filled += static_cast<std::size_t>(got);
  }
  return out;
}

std::string NewPublicId() { return EncodeWithAlphabet(RandomBytes(16), kBase32Alphabet); }

bool IsPublicId(std::string_view text) {
  if (text.size() != kPublicIdLength) return false;
  for (const char c : text) {
    if (kBase32Alphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace fyren::base
