#include "storage/optimistic.h"

#include <gtest/gtest.h>

namespace fyren::storage {
namespace {

using base::ErrorCode;

TEST(ExpectOneRowUpdatedTest, OneRowIsOk) { EXPECT_TRUE(ExpectOneRowUpdated(1)); }

TEST(ExpectOneRowUpdatedTest, NoRowIsAConflict) {
  const auto status = ExpectOneRowUpdated(0);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_NE(status.error().message.find("changed by someone else"), std::string::npos);
}

TEST(ExpectOneRowUpdatedTest, SeveralRowsIsABug) {
  const auto status = ExpectOneRowUpdated(2);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInternal);
}

TEST(ExpectOneRowUpdatedTest, ErrorsPassThrough) {
  const auto status = ExpectOneRowUpdated(base::Fail(ErrorCode::kUnavailable, "down"));
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(status.error().message, "down");
}

}  // namespace
}  // namespace fyren::storage
