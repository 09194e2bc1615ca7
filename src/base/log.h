#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace fyren::base::log {

// Structured logging as JSON lines on stderr (spdlog underneath, so writes are thread-safe and
// line-atomic). Rule for every caller: ids, codes, counts and durations only. Names, identity
// numbers, contact details and free text never go into a log; strong personal types have no
// conversion to a log Value, so the compiler helps to keep them out.

enum class Level { kDebug, kInfo, kWarn, kError };

struct Value {
  // NOLINTBEGIN(google-explicit-constructor): fields read like a JSON object literal.
  Value(std::string_view v) : v_(v) {}
  Value(const char* v) : v_(std::string_view(v)) {}
  Value(const std::string& v) : v_(std::string_view(v)) {}
  Value(std::int64_t v) : v_(v) {}
  Value(int v) : v_(static_cast<std::int64_t>(v)) {}
  Value(unsigned v) : v_(static_cast<std::int64_t>(v)) {}
  Value(std::uint64_t v) : v_(static_cast<std::int64_t>(v)) {}
  Value(double v) : v_(v) {}
  Value(bool v) : v_(v) {}
  // NOLINTEND(google-explicit-constructor)
  std::variant<std::string_view, std::int64_t, double, bool> v_;
};

struct Field {
  std::string_view key;
  Value value;
};

// Configures the process logger once, from app/. Before Init, messages at kInfo and above go to
// stderr with the same format.
void Init(Level min_level);
Level ParseLevel(std::string_view name, Level fallback);

// Waits until every line logged so far is written to stderr. Lines below kWarn are written by a
// background thread within moments; call this before exiting or before reading stderr back.
void Flush();

void Write(Level level, std::string_view event, std::initializer_list<Field> fields = {});
inline void Debug(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kDebug, e, f);
}
inline void Info(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kInfo, e, f);
}
inline void Warn(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kWarn, e, f);
}
inline void Error(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kError, e, f);
}

// The JSON line for an event, without the trailing newline; exposed for tests.
std::string FormatLine(Level level, std::string_view event, std::initializer_list<Field> fields);

// Appends `text` to `out` as the inside of a JSON string (quotes not included). Invalid UTF-8 is
// replaced by U+FFFD so a log line is always valid JSON.
void AppendJsonEscaped(std::string& out, std::string_view text);

}  // namespace fyren::base::log
