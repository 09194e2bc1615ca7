#include "trust/audit/bulk_access.h"

#include <gtest/gtest.h>

namespace fyren::trust::audit {
namespace {

constexpr std::int64_t kMinute = 60'000'000;
const BulkRule kRule{.threshold = 3, .window = std::chrono::minutes(10)};

// `count` accesses by `user` to persons first_person.. one minute apart from `start_minute`.
void Reads(std::vector<PersonAccess>& out, std::int64_t user, std::int64_t start_minute, int count,
           std::int64_t first_person = 1) {
  for (int i = 0; i < count; ++i) {
    out.push_back({.user_id = user,
                   .occurred_at = (start_minute + i) * kMinute,
                   .person_id = first_person + i});
  }
}

TEST(BulkAccessTest, AtTheThresholdIsNotBulk) {
  std::vector<PersonAccess> accesses;
  Reads(accesses, 1, 0, 3);
  EXPECT_TRUE(FindBulkAccess(accesses, kRule).empty());
}

TEST(BulkAccessTest, OneMoreThanTheThresholdInsideTheWindowIs) {
  std::vector<PersonAccess> accesses;
  Reads(accesses, 1, 0, 4);
  EXPECT_EQ(FindBulkAccess(accesses, kRule),
            (std::vector<BulkAccess>{
                {.user_id = 1, .from_us = 0, .to_us = 3 * kMinute, .distinct_persons = 4}}));
}

TEST(BulkAccessTest, RereadingTheSamePersonCountsOnce) {
  std::vector<PersonAccess> accesses;
  for (int i = 0; i < 50; ++i) accesses.push_back({.user_id = 1, .occurred_at = i, .person_id = 9});
  Reads(accesses, 1, 1, 2, 10);
  EXPECT_TRUE(FindBulkAccess(accesses, kRule).empty());
}

TEST(BulkAccessTest, SpreadOverMoreThanTheWindowIsNot) {
  std::vector<PersonAccess> accesses;
  for (int i = 0; i < 8; ++i) {
    accesses.push_back({.user_id = 1, .occurred_at = i * 4 * kMinute, .person_id = 100 + i});
  }
  // Any 10 minutes hold at most 3 reads (t, t+4, t+8).
  EXPECT_TRUE(FindBulkAccess(accesses, kRule).empty());
}

TEST(BulkAccessTest, OverlappingWindowsMergeAndUsersStayApart) {
  std::vector<PersonAccess> accesses;
  Reads(accesses, 1, 0, 8);    // minutes 0..7, eight persons: one run
  Reads(accesses, 1, 100, 4);  // a second, later run
  Reads(accesses, 2, 0, 3);    // user 2 stays under the threshold
  Reads(accesses, 3, 50, 5, 1);
  const auto runs = FindBulkAccess(accesses, kRule);
  ASSERT_EQ(runs.size(), 3U);
  EXPECT_EQ(
      runs[0],
      (BulkAccess{
          .user_id = 1, .from_us = 100 * kMinute, .to_us = 103 * kMinute, .distinct_persons = 4}));
  EXPECT_EQ(
      runs[1],
      (BulkAccess{
          .user_id = 3, .from_us = 50 * kMinute, .to_us = 54 * kMinute, .distinct_persons = 5}));
  EXPECT_EQ(runs[2],
            (BulkAccess{.user_id = 1, .from_us = 0, .to_us = 7 * kMinute, .distinct_persons = 8}));
}

TEST(BulkAccessTest, EmptyInput) { EXPECT_TRUE(FindBulkAccess({}, kRule).empty()); }

}  // namespace
}  // namespace fyren::trust::audit
