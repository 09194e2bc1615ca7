#include "domain/stats/stat_fact.h"

#include <cstdio>

#include "base/swedish_time.h"

namespace fyren::stats {

std::string_view AgeBand(std::optional<int> birth_year, int year) {
  if (!birth_year) return "unknown";
  const int age = year - *birth_year;
  if (age < 0 || age > 120) return "unknown";
  if (age < 18) return "0-17";
  if (age < 25) return "18-24";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  if (age < 55) return "45-54";
  if (age < 65) return "55-64";
  return "65+";
}

std::string ContinuityGuardCategory(std::string_view catalogue_code, std::string_view reason_code) {
  return "continuity_guard." + std::string(catalogue_code) + "." +
         std::string(reason_code.empty() ? "none" : reason_code);
}

std::string PeriodOf(std::int64_t unix_us) {
  const base::SwedishLocalTime local = base::ToSwedishLocal(unix_us);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", local.year, local.month);
  return text;
}

}  // namespace fyren::stats
