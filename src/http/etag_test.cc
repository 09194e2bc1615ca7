#include "http/etag.h"

#include <gtest/gtest.h>

namespace fyren::http {
namespace {

Request WithHeader(std::string name, std::string value) {
  Request request;
  request.headers.emplace_back(std::move(name), std::move(value));
  return request;
}

TEST(ETagTest, IsStrongAndQuoted) { EXPECT_EQ(ETagForVersion("abc", 7), "\"abc.7\""); }

TEST(ETagTest, IfMatchRequiresAndComparesStrongly) {
  const std::string tag = ETagForVersion("abc", 7);
  EXPECT_EQ(CheckIfMatch(Request{}, tag), 428);
  EXPECT_EQ(CheckIfMatch(WithHeader("if-match", "\"abc.7\""), tag), std::nullopt);
  EXPECT_EQ(CheckIfMatch(WithHeader("if-match", "\"x\", \"abc.7\""), tag), std::nullopt);
  EXPECT_EQ(CheckIfMatch(WithHeader("if-match", "*"), tag), std::nullopt);
  EXPECT_EQ(CheckIfMatch(WithHeader("if-match", "\"abc.6\""), tag), 412);
  EXPECT_EQ(CheckIfMatch(WithHeader("if-match", "W/\"abc.7\""), tag), 412);
}

TEST(ETagTest, IfNoneMatchComparesWeakly) {
  const std::string tag = ETagForVersion("abc", 7);
  EXPECT_FALSE(IsNotModified(Request{}, tag));
  EXPECT_TRUE(IsNotModified(WithHeader("if-none-match", "W/\"abc.7\""), tag));
  EXPECT_TRUE(IsNotModified(WithHeader("if-none-match", "\"abc.7\""), tag));
  EXPECT_TRUE(IsNotModified(WithHeader("if-none-match", "*"), tag));
  EXPECT_FALSE(IsNotModified(WithHeader("if-none-match", "\"abc.6\""), tag));
  const Response response = NotModified(tag);
  EXPECT_EQ(response.status, 304);
  EXPECT_EQ(response.Header("ETag"), tag);
  EXPECT_TRUE(response.body.empty());
}

}  // namespace
}  // namespace fyren::http
