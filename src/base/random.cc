#include "base/random.h"

#include <sys/random.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "base/bit_encoding.h"

namespace fyren::base {
namespace {

constexpr std::string_view kBase32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
constexpr std::size_t kPublicIdLength = 26;

void FillFromKernel(char* out, std::size_t count) {
  std::size_t filled = 0;
  while (filled < count) {
    const ssize_t got = getrandom(out + filled, count - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::abort();
    }
    filled += static_cast<std::size_t>(got);
  }
}

// Every request takes a request id and often a CSRF token; one getrandom(2) per 4 KiB instead of
// one per id keeps the kernel out of the hot path. The pool is per thread (no lock), each byte is
// handed out once and wiped as it is taken, so a later reader of this memory finds no secret.
// Fyren never forks without exec, so a child cannot inherit and repeat the parent's pool.
class ThreadRandomPool {
 public:
  void Take(char* out, std::size_t count) {
    while (count > 0) {
      if (next_ == buffer_.size()) {
        FillFromKernel(buffer_.data(), buffer_.size());
        next_ = 0;
      }
      const std::size_t n = std::min(count, buffer_.size() - next_);
      std::memcpy(out, buffer_.data() + next_, n);
      std::memset(buffer_.data() + next_, 0, n);
      next_ += n;
      out += n;
      count -= n;
    }
  }

 private:
  std::array<char, 4096> buffer_{};
  std::size_t next_ = buffer_.size();
};

}  // namespace

std::string RandomBytes(std::size_t count) {
  thread_local ThreadRandomPool pool;
  std::string out(count, '\0');
  pool.Take(out.data(), count);
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
