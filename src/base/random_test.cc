#include "base/random.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace fyren::base {
namespace {

TEST(RandomTest, PublicIdsHaveTheDocumentedShapeAndDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewPublicId();
    EXPECT_TRUE(IsPublicId(id)) << id;
    EXPECT_TRUE(seen.insert(id).second);
  }
}

TEST(RandomTest, RejectsTamperedIds) {
  EXPECT_FALSE(IsPublicId(""));
  EXPECT_FALSE(IsPublicId("1"));
  EXPECT_FALSE(IsPublicId("abcdefghijklmnopqrstuvwxy0"));  // '0' is outside the alphabet
  EXPECT_FALSE(IsPublicId("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
  EXPECT_FALSE(IsPublicId("abcdefghijklmnopqrstuvwxyz2"));
  EXPECT_FALSE(IsPublicId("' OR 1=1 --aaaaaaaaaaaaaaa"));
}

TEST(RandomTest, RandomBytesHasRequestedLength) {
  EXPECT_EQ(RandomBytes(0).size(), 0U);
  EXPECT_EQ(RandomBytes(33).size(), 33U);
  EXPECT_NE(RandomBytes(32), RandomBytes(32));
}

// The per-thread pool refills every 4 KiB: requests that straddle a refill, are larger than the
// pool, or come from several threads must still get fresh bytes, never a repeat.
TEST(RandomTest, PoolRefillsAndThreadsNeverRepeatBytes) {
  std::set<std::string> seen;
  for (int i = 0; i < 600; ++i) EXPECT_TRUE(seen.insert(RandomBytes(24)).second);
  const std::string big = RandomBytes(10'000);
  EXPECT_EQ(big.size(), 10'000U);
  EXPECT_NE(big.substr(0, 4096), big.substr(4096, 4096));

  std::vector<std::string> from_threads(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < from_threads.size(); ++t) {
    threads.emplace_back([&from_threads, t] { from_threads[t] = RandomBytes(64); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& bytes : from_threads) EXPECT_TRUE(seen.insert(bytes).second);
}

}  // namespace
}  // namespace fyren::base
