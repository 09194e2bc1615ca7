#include "domain/tasks/task_scheduler.h"

#include <gtest/gtest.h>

#include "base/swedish_time.h"

namespace fyren::tasks {
namespace {

std::int64_t Local(int year, int month, int day, int hour) {
  return base::FromSwedishLocal(
      {.year = year, .month = month, .day = day, .hour = hour, .minute = 0, .second = 0});
}

TEST(SwedishDatePlusDaysTest, CountsSwedishCalendarDays) {
  EXPECT_EQ(SwedishDatePlusDays(Local(2026, 3, 10, 12), 0), "2026-03-10");
  EXPECT_EQ(SwedishDatePlusDays(Local(2026, 3, 10, 12), 7), "2026-03-17");
  // Across the spring switch, just after local midnight: still calendar days.
  EXPECT_EQ(SwedishDatePlusDays(Local(2026, 3, 25, 0), 7), "2026-04-01");
  EXPECT_EQ(SwedishDatePlusDays(Local(2026, 12, 28, 23), 14), "2027-01-11");
  EXPECT_EQ(SwedishDatePlusDays(Local(2028, 2, 28, 10), 1), "2028-02-29");
}

}  // namespace
}  // namespace fyren::tasks
