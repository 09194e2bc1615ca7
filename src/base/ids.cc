#include "base/ids.h"

#include <atomic>
#include <chrono>
#include <cstring>

#include "base/random.h"

namespace fyren::base {

std::int64_t NewRowId() {
  constexpr std::int64_t kEpoch2020Ms = 1'577'836'800'000;
  const std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  const std::string random = RandomBytes(4);
  std::uint32_t bits = 0;
  std::memcpy(&bits, random.data(), sizeof bits);
  const auto ms = static_cast<std::uint64_t>(now_ms - kEpoch2020Ms) & ((1ULL << 41) - 1);
  const auto drawn = static_cast<std::int64_t>((ms << 22) | (bits & ((1U << 22) - 1)));
  // The process's last id: the one piece of state two inserts in the same millisecond share.
  static std::atomic<std::int64_t> last{0};
  std::int64_t previous = last.load(std::memory_order_relaxed);
  while (true) {
    const std::int64_t next = drawn > previous ? drawn : previous + 1;
    if (last.compare_exchange_weak(previous, next, std::memory_order_relaxed)) return next;
  }
}

}  // namespace fyren::base
