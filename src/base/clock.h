#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace fyren::base {

using TimePoint = std::chrono::system_clock::time_point;

// Wall-clock time behind an interface so that deadlines, sessions and retention can be tested
// with a fake clock. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that only moves when told to.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_us_(ToMicros(start)) {}
  [[nodiscard]] TimePoint Now() const override { return FromMicros(now_us_.load()); }
  void Advance(std::chrono::microseconds by) { now_us_ += by.count(); }
  void Set(TimePoint to) { now_us_ = ToMicros(to); }

 private:
  static std::int64_t ToMicros(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  }
  static TimePoint FromMicros(std::int64_t us) {
    return TimePoint(
        std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(us)));
  }
  std::atomic<std::int64_t> now_us_;
};

// Timestamps are stored as microseconds since the Unix epoch (UTC) in both backends.
inline std::int64_t ToUnixMicros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}
inline TimePoint FromUnixMicros(std::int64_t us) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(us)));
}

}  // namespace fyren::base
