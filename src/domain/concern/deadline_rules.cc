#include "domain/concern/deadline_rules.h"

#include <toml++/toml.h>

#include <array>
#include <charconv>
#include <chrono>
#include <set>

#include "base/embedded.h"
#include "base/swedish_time.h"

namespace fyren::concern {
namespace {

constexpr std::array<std::string_view, 3> kMetByCodes = {"assessment", "decision", "closed"};
constexpr std::array<std::string_view, 4> kStateCodes = {"open", "met", "overdue",
                                                         "not_applicable"};
constexpr int kMaxAmount = 3650;
constexpr std::int64_t kMicrosPerHour = 3'600'000'000;

bool IsCode(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (const char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// The Swedish local date of `unix_us` moved by `days` and `months` (the day clamped to the
// month's last day, so 31 Oct + 4 months is 28/29 Feb).
std::chrono::year_month_day LocalDate(std::int64_t unix_us, int days, int months) {
  const base::SwedishLocalTime local = base::ToSwedishLocal(unix_us);
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  std::chrono::year_month ym = year(local.year) / month(static_cast<unsigned>(local.month));
  ym += std::chrono::months(months);
  const auto last = std::chrono::year_month_day_last(ym.year(), ym.month() / std::chrono::last);
  const unsigned d = std::min(static_cast<unsigned>(local.day), unsigned(last.day()));
  const std::chrono::sys_days date =
      std::chrono::sys_days(ym.year() / ym.month() / day(d)) + std::chrono::days(days);
  return std::chrono::year_month_day(date);
}

std::int64_t StartOfLocalDay(const std::chrono::year_month_day& date) {
  return base::FromSwedishLocal(base::SwedishLocalTime{.year = int(date.year()),
                                                       .month = int(unsigned(date.month())),
                                                       .day = int(unsigned(date.day())),
                                                       .hour = 0,
                                                       .minute = 0,
                                                       .second = 0});
}

}  // namespace

std::optional<DeadlineDuration> ParseDuration(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 4) return std::nullopt;
  int amount = 0;
  std::from_chars(text.data(), text.data() + digits, amount);
  if (amount > kMaxAmount) return std::nullopt;
  const std::string_view unit = text.substr(digits);
  DeadlineDuration out{.unit = DeadlineDuration::Unit::kDays, .amount = amount};
  if (unit == "d") return out;
  if (unit == "h") {
    out.unit = DeadlineDuration::Unit::kHours;
    return out;
  }
  if (unit == "mo") {
    out.unit = DeadlineDuration::Unit::kMonths;
    return out;
  }
  return std::nullopt;
}

std::string_view ToString(MetBy met_by) { return kMetByCodes.at(static_cast<std::size_t>(met_by)); }

std::optional<MetBy> ParseMetBy(std::string_view text) {
  for (std::size_t i = 0; i < kMetByCodes.size(); ++i) {
    if (kMetByCodes[i] == text) return static_cast<MetBy>(i);
  }
  return std::nullopt;
}

std::string_view ToString(DeadlineState state) {
  return kStateCodes.at(static_cast<std::size_t>(state));
}

base::Result<std::vector<DeadlineRule>> ParseDeadlineRules(std::string_view text,
                                                           std::string_view file) {
  const auto bad = [&](std::string what) {
    return base::Fail(base::ErrorCode::kInvalidInput, std::string(file) + ": " + std::move(what));
  };
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return bad("line " + std::to_string(e.source().begin.line) + ": " +
               std::string(e.description()));
  }
  const toml::array* entries = root["deadline"].as_array();
  if (entries == nullptr || entries->empty()) return bad("needs at least one [[deadline]] entry");
  std::vector<DeadlineRule> rules;
  std::set<std::string, std::less<>> codes;
  int number = 0;
  for (const toml::node& node : *entries) {
    ++number;
    const toml::table* entry = node.as_table();
    if (entry == nullptr) return bad("deadline " + std::to_string(number) + " is not a table");
    const auto text_of = [&](std::string_view key) {
      return (*entry)[key].value_or(std::string());
    };
    DeadlineRule rule;
    rule.code = text_of("code");
    const std::string where =
        "deadline " + std::to_string(number) + (rule.code.empty() ? "" : " (" + rule.code + ")");
    const auto problem = [&](std::string what) { return bad(where + ": " + std::move(what)); };
    if (!IsCode(rule.code)) return problem("code must be a-z, 0-9 or _ (1 to 64 characters)");
    if (!codes.insert(rule.code).second) return problem("code is used by an earlier entry");
    if (text_of("from") != "received") return problem("from must be \"received\"");
    const std::string duration = text_of("duration");
    const auto parsed = ParseDuration(duration);
    if (!parsed) {
      return problem("duration \"" + duration + "\" is not like 0d, 24h, 14d or 4mo");
    }
    rule.duration = *parsed;
    if (entry->contains("escalate_after")) {
      const std::string escalate = text_of("escalate_after");
      rule.escalate_after = ParseDuration(escalate);
      if (!rule.escalate_after) {
        return problem("escalate_after \"" + escalate + "\" is not like 0d, 24h, 14d or 4mo");
      }
    }
    const std::string met_by = text_of("met_by");
    const auto met = ParseMetBy(met_by);
    if (!met) return problem("met_by \"" + met_by + "\" is not assessment, decision or closed");
    rule.met_by = *met;
    for (const auto& [key, target] :
         {std::pair{"title_sv", &rule.title_sv}, std::pair{"title_en", &rule.title_en},
          std::pair{"legal_source_sv", &rule.legal_source_sv},
          std::pair{"legal_source_en", &rule.legal_source_en}}) {
      *target = text_of(key);
      if (target->empty()) return problem(std::string(key) + " is missing");
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

base::Result<std::vector<DeadlineRule>> LoadDeadlineRules() {
  const auto text = base::FindEmbedded(kDeadlinesFile);
  if (!text) {
    return base::Fail(base::ErrorCode::kInternal,
                      std::string(kDeadlinesFile) + " is missing from this build");
  }
  return ParseDeadlineRules(*text, kDeadlinesFile);
}

std::int64_t DeadlineEnd(const DeadlineDuration& duration, std::int64_t from_us) {
  switch (duration.unit) {
    case DeadlineDuration::Unit::kHours:
      return from_us + duration.amount * kMicrosPerHour;
    case DeadlineDuration::Unit::kDays:
      return StartOfLocalDay(LocalDate(from_us, duration.amount + 1, 0));
    case DeadlineDuration::Unit::kMonths:
      return StartOfLocalDay(LocalDate(from_us, 1, duration.amount));
  }
  return from_us;
}

DeadlineState StateAt(std::int64_t due_us, std::optional<std::int64_t> met_us, bool waived,
                      std::int64_t now_us) {
  if (waived) return DeadlineState::kNotApplicable;
  if (met_us) return DeadlineState::kMet;
  return now_us >= due_us ? DeadlineState::kOverdue : DeadlineState::kOpen;
}

}  // namespace fyren::concern
