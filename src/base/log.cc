#include "base/log.h"

#include <spdlog/sinks/sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <thread>

#include "base/utf8.h"

namespace fyren::base::log {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::kInfo)};

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

void AppendTimestamp(std::string& out) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1'000'000;
  // "YYYY-MM-DDTHH:MM:SS." changes once a second; a busy server logs tens of thousands of lines
  // in it, so each thread formats it once (gmtime and snprintf were ~1 % of a page view).
  thread_local std::time_t cached_second = -1;
  thread_local std::array<char, 24> cached_prefix{};
  thread_local std::size_t cached_length = 0;
  if (seconds != cached_second) {
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    const int n = std::snprintf(cached_prefix.data(), cached_prefix.size(),
                                "%04d-%02d-%02dT%02d:%02d:%02d.", utc.tm_year + 1900,
                                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
    cached_length = n > 0 ? static_cast<std::size_t>(n) : 0;
    cached_second = seconds;
  }
  out.append(cached_prefix.data(), cached_length);
  char digits[6];
  auto rest = static_cast<long long>(micros < 0 ? micros + 1'000'000 : micros);
  for (int i = 5; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  }
  out.append(digits, sizeof digits);
  out.push_back('Z');
}

// Writes lines to stderr from a thread of its own. Callers append to a buffer and return; the
// writer takes everything that has queued up and writes it with one write(2). An idle server
// writes each line within microseconds; a busy one (tens of thousands of access-log lines a
// second) pays one system call per batch instead of one per line, which on a 2-core machine is
// the difference between the server's CPU going to requests or to the kernel. flush() waits until
// everything queued so far is written: warnings and errors are flushed at once (flush_on), and so
// is everything at exit.
class BatchingStderrSink final : public spdlog::sinks::sink {
 public:
  BatchingStderrSink() : writer_([this] { WriterLoop(); }) {}
  ~BatchingStderrSink() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    wake_writer_.notify_one();
    writer_.join();
  }
  BatchingStderrSink(const BatchingStderrSink&) = delete;
  BatchingStderrSink& operator=(const BatchingStderrSink&) = delete;

  void log(const spdlog::details::log_msg& msg) override {
    bool wake = false;
    {
      std::lock_guard lock(mu_);
      pending_.append(msg.payload.data(), msg.payload.size());
      pending_.push_back('\n');
      ++queued_;
      wake = writer_idle_;
      writer_idle_ = false;
    }
    if (wake) wake_writer_.notify_one();
  }

  void flush() override {
    std::unique_lock lock(mu_);
    const std::uint64_t target = queued_;
    written_cv_.wait(lock, [&] { return written_ >= target || stopping_; });
  }

  void set_pattern(const std::string& /*pattern*/) override {}
  void set_formatter(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

 private:
  void WriterLoop() {
    std::string batch;
    std::unique_lock lock(mu_);
    for (;;) {
      while (pending_.empty() && !stopping_) {
        writer_idle_ = true;
        wake_writer_.wait(lock);
      }
      writer_idle_ = false;
      if (pending_.empty() && stopping_) return;
      batch.swap(pending_);
      const std::uint64_t upto = queued_;
      lock.unlock();
      WriteAll(batch);
      batch.clear();
      lock.lock();
      written_ = upto;
      written_cv_.notify_all();
      if (stopping_) continue;
      // Let the next lines gather. Loggers only wake an idle writer, so while it pauses here they
      // append without a system call; an idle server still writes each line at once.
      lock.unlock();
      std::this_thread::sleep_for(kGatherTime);
      lock.lock();
    }
  }

  static void WriteAll(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::write(STDERR_FILENO, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return;  // stderr is gone: nothing better to do with a log line than drop it
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  static constexpr std::chrono::microseconds kGatherTime{500};

  std::mutex mu_;
  std::condition_variable wake_writer_;
  std::condition_variable written_cv_;
  std::string pending_;        // guarded by mu_
  std::uint64_t queued_ = 0;   // lines appended so far; guarded by mu_
  std::uint64_t written_ = 0;  // lines written so far; guarded by mu_
  bool stopping_ = false;      // guarded by mu_
  bool writer_idle_ = false;   // the writer waits for a wake-up; guarded by mu_
  std::thread writer_;         // last: starts after the members it uses exist
};

std::shared_ptr<spdlog::logger> MakeLogger() {
  auto logger = std::make_shared<spdlog::logger>("fyren", std::make_shared<BatchingStderrSink>());
  logger->set_level(spdlog::level::trace);
  logger->flush_on(spdlog::level::warn);
  return logger;
}

spdlog::logger& Logger() {
  static const std::shared_ptr<spdlog::logger> logger = MakeLogger();
  return *logger;
}

}  // namespace

void Init(Level min_level) {
  g_min_level = static_cast<int>(min_level);
  Logger();
}

Level ParseLevel(std::string_view name, Level fallback) {
  if (name == "debug") return Level::kDebug;
  if (name == "info") return Level::kInfo;
  if (name == "warn") return Level::kWarn;
  if (name == "error") return Level::kError;
  return fallback;
}

void AppendJsonEscaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (c < 0x20 || c == 0x7F) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out += buffer;
          } else {
            out.push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    const std::size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
}

std::string FormatLine(Level level, std::string_view event, std::initializer_list<Field> fields) {
  std::string line;
  line.reserve(160);
  line += "{\"ts\":\"";
  AppendTimestamp(line);
  line += "\",\"level\":\"";
  line += LevelName(level);
  line += "\",\"event\":\"";
  AppendJsonEscaped(line, event);
  line += '"';
  for (const Field& field : fields) {
    line += ",\"";
    AppendJsonEscaped(line, field.key);
    line += "\":";
    std::visit(
        [&line](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::string_view>) {
            line += '"';
            AppendJsonEscaped(line, v);
            line += '"';
          } else if constexpr (std::is_same_v<V, bool>) {
            line += v ? "true" : "false";
          } else if constexpr (std::is_same_v<V, double>) {
            char buffer[32];
            const auto written =
                std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed, 3);
            if (std::isfinite(v) && written.ec == std::errc()) {
              line.append(buffer, written.ptr);
            } else {
              line += "null";  // NaN and infinities are not JSON numbers
            }
          } else {
            line += std::to_string(v);
          }
        },
        field.value.v_);
  }
  line += '}';
  return line;
}

void Write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  if (static_cast<int>(level) < g_min_level.load(std::memory_order_relaxed)) return;
  const std::string line = FormatLine(level, event, fields);
  Logger().log(level >= Level::kWarn ? spdlog::level::warn : spdlog::level::info,
               spdlog::string_view_t(line.data(), line.size()));
}

void Flush() { Logger().flush(); }

}  // namespace fyren::base::log
