#include "domain/stats/stat_fact.h"

#include <gtest/gtest.h>

#include "base/swedish_time.h"

namespace fyren::stats {
namespace {

TEST(AgeBandTest, Bands) {
  EXPECT_EQ(AgeBand(std::nullopt, 2026), "unknown");
  EXPECT_EQ(AgeBand(2030, 2026), "unknown");
  EXPECT_EQ(AgeBand(1800, 2026), "unknown");
  EXPECT_EQ(AgeBand(2010, 2026), "0-17");
  EXPECT_EQ(AgeBand(2008, 2026), "18-24");
  EXPECT_EQ(AgeBand(2002, 2026), "18-24");
  EXPECT_EQ(AgeBand(2001, 2026), "25-34");
  EXPECT_EQ(AgeBand(1990, 2026), "35-44");
  EXPECT_EQ(AgeBand(1980, 2026), "45-54");
  EXPECT_EQ(AgeBand(1970, 2026), "55-64");
  EXPECT_EQ(AgeBand(1961, 2026), "65+");
}

TEST(ContinuityGuardCategoryTest, CodesJoined) {
  EXPECT_EQ(ContinuityGuardCategory("economic_assistance", "income_from_sex_buyer"),
            "continuity_guard.economic_assistance.income_from_sex_buyer");
  EXPECT_EQ(ContinuityGuardCategory("protected_housing", ""),
            "continuity_guard.protected_housing.none");
}

TEST(PeriodOfTest, SwedishMonth) {
  // 2026-01-31 23:30 UTC is already 1 February in Sweden.
  const std::int64_t us = base::FromSwedishLocal(
      {.year = 2026, .month = 2, .day = 1, .hour = 0, .minute = 30, .second = 0});
  EXPECT_EQ(PeriodOf(us), "2026-02");
  EXPECT_EQ(PeriodOf(us - 3'600'000'000), "2026-01");
}

}  // namespace
}  // namespace fyren::stats
