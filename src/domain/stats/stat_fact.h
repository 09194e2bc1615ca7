#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fyren::stats {

// A de-identified fact for follow-up statistics (DESIGN.md, Data protection): what happened,
// when (a month), where (authority, district) and to whom in broad bands — never who. Domain
// services write one in the same transaction as the event they count; statistics read only
// these, never personal data. Published tables suppress small counts.
struct StatFact {
  std::string period;  // 'YYYY-MM', Swedish calendar month of the event
  std::int64_t authority_id = 0;
  std::optional<std::string> district;  // a district code, when the module knows one
  std::string age_band;                 // AgeBand()
  std::string gender;                   // persons.gender code
  // A dotted code naming the event, e.g. "continuity_guard.economic_assistance.ended".
  std::string category;
};

// The age band of someone born in `birth_year` during `year`: "0-17", "18-24", "25-34",
// "35-44", "45-54", "55-64", "65+", or "unknown" when the birth year is not known or not
// plausible. Bands, not ages, so a fact alone does not single anyone out.
[[nodiscard]] std::string_view AgeBand(std::optional<int> birth_year, int year);

// The category of a continuity-guard fact: "continuity_guard.<catalogue code>.<reason>", the
// reason "none" when there is none (an intervention removed from the plan).
[[nodiscard]] std::string ContinuityGuardCategory(std::string_view catalogue_code,
                                                  std::string_view reason_code);

// 'YYYY-MM' of the Swedish calendar month at `unix_us`.
[[nodiscard]] std::string PeriodOf(std::int64_t unix_us);

}  // namespace fyren::stats
