#include "base/ids.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <vector>

namespace fyren::base {
namespace {

// Regression: a demo-data load now and then failed with a unique-key conflict, two rows of one
// burst having drawn the same id in the same millisecond. Four threads draw far more ids a
// millisecond than any load makes; none may repeat, and each thread's ids only grow.
TEST(RowIdTest, IdsOfOneProcessNeverRepeatAndOnlyGrow) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50'000;
  std::vector<std::vector<std::int64_t>> drawn(kThreads);
  {
    std::vector<std::jthread> threads;
    for (auto& ids : drawn) {
      threads.emplace_back([&ids] {
        ids.reserve(kPerThread);
        for (int i = 0; i < kPerThread; ++i) ids.push_back(NewRowId());
      });
    }
  }
  std::vector<std::int64_t> all;
  for (const auto& ids : drawn) {
    EXPECT_TRUE(std::ranges::is_sorted(ids));
    EXPECT_GT(ids.front(), 0);
    all.insert(all.end(), ids.begin(), ids.end());
  }
  std::ranges::sort(all);
  EXPECT_EQ(std::ranges::adjacent_find(all), all.end());
}

}  // namespace
}  // namespace fyren::base
