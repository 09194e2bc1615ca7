#include "base/random.h"

#include <gtest/gtest.h>

#include <set>

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

}  // namespace
}  // namespace fyren::base
