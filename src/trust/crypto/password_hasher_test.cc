#include "trust/crypto/password_hasher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <vector>

namespace fyren::trust::crypto {
namespace {

using base::ErrorCode;
using std::chrono::seconds;

PasswordHasherOptions TestOptions() {
  return {.threads = 2, .max_queued = 16, .cost = PasswordCost::Minimum()};
}

TEST(PasswordHasherTest, HashesAndVerifiesOffTheCallingThread) {
  PasswordHasher hasher(TestOptions());
  auto hash = hasher.Hash("hemligt").get();
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hasher.Verify(*hash, "hemligt").get().value_or(false));
  EXPECT_FALSE(hasher.Verify(*hash, "fel").get().value_or(true));
  EXPECT_FALSE(hasher.NeedsRehash(*hash));
}

TEST(PasswordHasherTest, UnknownUserIsAlwaysRejected) {
  PasswordHasher hasher(TestOptions());
  EXPECT_FALSE(hasher.VerifyUnknownUser("anything").get().value_or(true));
  EXPECT_FALSE(hasher.VerifyUnknownUser("").get().value_or(true));
}

TEST(PasswordHasherTest, FullQueueAnswersUnavailableAtOnce) {
  // Moderate-sized work on one thread with a queue of one: most of a burst must be refused.
  PasswordHasher hasher({.threads = 1, .max_queued = 1, .cost = PasswordCost::Interactive()});
  std::vector<std::future<base::Result<std::string>>> futures;
  for (int i = 0; i < 8; ++i) futures.push_back(hasher.Hash("pw"));
  int refused = 0;
  int hashed = 0;
  for (auto& f : futures) {
    auto result = f.get();
    if (result) {
      ++hashed;
    } else {
      EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
      ++refused;
    }
  }
  EXPECT_GE(hashed, 1);
  EXPECT_LE(hashed, 8);
  EXPECT_GE(refused, 1);
}

TEST(BoundedWorkerPoolTest, QueueBoundIsHonoured) {
  std::latch release(1);
  std::latch started(1);
  std::atomic<int> ran = 0;
  {
    BoundedWorkerPool pool(1, 2);
    // The first task occupies the only thread until released.
    ASSERT_TRUE(pool.TrySubmit([&] {
      started.count_down();
      release.wait();
      ++ran;
    }));
    started.wait();
    EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
    EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
    EXPECT_EQ(pool.queued(), 2U);
    EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));
    EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));
    release.count_down();
  }  // destruction finishes the queued tasks
  EXPECT_EQ(ran, 3);
}

TEST(BoundedWorkerPoolTest, RunsTasksOnSeveralThreads) {
  BoundedWorkerPool pool(3, 100);
  std::latch all_running(3);
  std::latch done(3);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(pool.TrySubmit([&] {
      all_running.arrive_and_wait();  // only completes if three run at once
      done.count_down();
    }));
  }
  done.wait();
}

}  // namespace
}  // namespace fyren::trust::crypto
