#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fyren::concern {

// A length of time as content/deadlines.toml writes it. Days and months are counted on the
// Swedish calendar and end at local midnight; hours are exact.
struct DeadlineDuration {
  enum class Unit { kDays, kHours, kMonths };
  Unit unit = Unit::kDays;
  int amount = 0;  // "0d" is the end of the day of receipt
};

// "0d", "14d", "24h", "4mo"; nullopt for anything else (negative, empty, unknown unit, > 3650).
[[nodiscard]] std::optional<DeadlineDuration> ParseDuration(std::string_view text);

// What meets a deadline: an event recorded on the report.
enum class MetBy { kAssessment, kDecision, kClosed };
[[nodiscard]] std::string_view ToString(MetBy met_by);
[[nodiscard]] std::optional<MetBy> ParseMetBy(std::string_view text);

// One legal deadline for a report of concern (data, not code: content/deadlines.toml).
struct DeadlineRule {
  std::string code;
  DeadlineDuration duration;
  std::optional<DeadlineDuration> escalate_after;
  MetBy met_by = MetBy::kAssessment;
  std::string title_sv;
  std::string title_en;
  std::string legal_source_sv;
  std::string legal_source_en;

  [[nodiscard]] const std::string& Title(std::string_view locale) const {
    return locale == "en" ? title_en : title_sv;
  }
  [[nodiscard]] const std::string& LegalSource(std::string_view locale) const {
    return locale == "en" ? legal_source_en : legal_source_sv;
  }
};

inline constexpr std::string_view kDeadlinesFile = "content/deadlines.toml";

// Parses and validates a deadlines file. kInvalidInput whose message names the file, the entry
// (its number and code) and the problem, e.g. "content/deadlines.toml: deadline 2
// (investigation_decision): duration \"14x\" is not like 0d, 24h, 14d or 4mo". At least one
// entry; codes unique and of [a-z0-9_]; every text present.
[[nodiscard]] base::Result<std::vector<DeadlineRule>> ParseDeadlineRules(std::string_view text,
                                                                         std::string_view file);
// The embedded content/deadlines.toml, parsed.
[[nodiscard]] base::Result<std::vector<DeadlineRule>> LoadDeadlineRules();

// The instant (µs since the epoch, exclusive) by which `duration` after `from_us` has passed:
// for days and months the start of the following Swedish local day, so "0d" of a report received
// at 15:00 ends at local midnight the same day. Pure; thread-safe.
[[nodiscard]] std::int64_t DeadlineEnd(const DeadlineDuration& duration, std::int64_t from_us);

// How a deadline stands at a moment.
enum class DeadlineState { kOpen, kMet, kOverdue, kNotApplicable };
[[nodiscard]] std::string_view ToString(DeadlineState state);

// The state of a deadline due at `due_us` (exclusive), met at `met_us` if met, at `now_us`.
// Met late still counts as met (the page shows when).
[[nodiscard]] DeadlineState StateAt(std::int64_t due_us, std::optional<std::int64_t> met_us,
                                    bool waived, std::int64_t now_us);

}  // namespace fyren::concern
