#include "http/cookie.h"

#include <gtest/gtest.h>

namespace fyren::http {
namespace {

TEST(FindCookieTest, FindsByExactName) {
  EXPECT_EQ(FindCookie("a=1; fyren_lang=en; b=2", "fyren_lang"), "en");
  EXPECT_EQ(FindCookie("a=1;b=2", "b"), "2");
  EXPECT_EQ(FindCookie("  a = 1 ", "a"), "1");
  EXPECT_EQ(FindCookie("a=\"quoted\"", "a"), "quoted");
  EXPECT_EQ(FindCookie("a=1; a=2", "a"), "1");
  EXPECT_EQ(FindCookie("a=", "a"), "");
}

TEST(FindCookieTest, IsCaseSensitiveAndSkipsJunk) {
  EXPECT_FALSE(FindCookie("A=1", "a"));
  EXPECT_FALSE(FindCookie("xa=1", "a"));
  EXPECT_EQ(FindCookie("junk; ;=; a=1", "a"), "1");
  EXPECT_FALSE(FindCookie("", "a"));
}

TEST(FormatSetCookieTest, WritesAttributes) {
  const CookieAttributes attributes{.path = "/",
                                    .max_age = std::chrono::seconds(60),
                                    .http_only = true,
                                    .secure = true,
                                    .same_site = SameSite::kLax};
  EXPECT_EQ(FormatSetCookie("fyren_lang", "en", attributes),
            "fyren_lang=en; Path=/; Max-Age=60; Secure; HttpOnly; SameSite=Lax");
  EXPECT_EQ(FormatSetCookie("s", "v", CookieAttributes{}),
            "s=v; Path=/; HttpOnly; SameSite=Strict");
}

TEST(FormatSetCookieTest, RefusesInjection) {
  EXPECT_FALSE(FormatSetCookie("a;b", "v", {}));
  EXPECT_FALSE(FormatSetCookie("", "v", {}));
  EXPECT_FALSE(FormatSetCookie("a", "v; Domain=evil", {}));
  EXPECT_FALSE(FormatSetCookie("a", "v\r\nX: y", {}));
  CookieAttributes bad_path;
  bad_path.path = "/; Domain=evil";
  EXPECT_FALSE(FormatSetCookie("a", "v", bad_path));
}

}  // namespace
}  // namespace fyren::http
