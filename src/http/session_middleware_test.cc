#include "http/session_middleware.h"

#include <gtest/gtest.h>

namespace fyren::http {
namespace {

SessionView FullSession(std::string csrf) {
  SessionView view;
  view.user_id = 7;
  view.tenant_id = 1;
  view.csrf_token = std::move(csrf);
  view.mfa_verified = true;
  view.stage = "full";
  return view;
}

Response ErrorPage(const Request&, int status) { return Response::Text(status, "error"); }

SessionResolver Known(std::string token) {
  return
      [token](const Request&, std::string_view sent) -> base::Result<std::optional<SessionView>> {
        if (sent != token) return std::optional<SessionView>();
        return std::optional(FullSession("c"));
      };
}

Handler Who() {
  return [](Request& r) {
    return Response::Text(200, r.session ? std::to_string(r.session->user_id) : "anonymous");
  };
}

Request WithCookie(std::string cookie, std::string path = "/") {
  Request r;
  r.path = std::move(path);
  if (!cookie.empty()) r.headers.emplace_back("cookie", std::move(cookie));
  return r;
}

TEST(SessionMiddlewareTest, ResolvesTheCookieAndClearsAStaleOne) {
  Handler h = WithSession(Who(), {}, Known("good"), ErrorPage);
  Request good = WithCookie("fyren_session=good");
  Response response = h(good);
  EXPECT_EQ(response.body, "7");
  EXPECT_FALSE(response.Header("Set-Cookie"));

  Request forged = WithCookie("fyren_session=forged");
  response = h(forged);
  EXPECT_EQ(response.body, "anonymous");
  ASSERT_TRUE(response.Header("Set-Cookie"));
  EXPECT_TRUE(response.Header("Set-Cookie")->starts_with("fyren_session=;"));
  EXPECT_NE(response.Header("Set-Cookie")->find("Max-Age=0"), std::string_view::npos);

  Request none = WithCookie("");
  EXPECT_EQ(h(none).body, "anonymous");
}

TEST(SessionMiddlewareTest, SecureCookieHasTheHostPrefixAndFlags) {
  const std::string set = SessionSetCookie({.secure = true}, "tok");
  EXPECT_TRUE(set.starts_with("__Host-fyren_session=tok"));
  for (const char* flag : {"Path=/", "HttpOnly", "Secure", "SameSite=Strict"}) {
    EXPECT_NE(set.find(flag), std::string::npos) << flag;
  }
  EXPECT_EQ(set.find("Max-Age"), std::string::npos);
  Handler h = WithSession(Who(), {.secure = true}, Known("good"), ErrorPage);
  Request plain = WithCookie("fyren_session=good");  // the unprefixed name is not read
  EXPECT_EQ(h(plain).body, "anonymous");
  Request prefixed = WithCookie("__Host-fyren_session=good");
  EXPECT_EQ(h(prefixed).body, "7");
}

TEST(SessionMiddlewareTest, SkipsStaticFilesAndAnswers503WhenTheDatabaseIsDown) {
  int calls = 0;
  SessionResolver failing = [&calls](const Request&,
                                     std::string_view) -> base::Result<std::optional<SessionView>> {
    ++calls;
    return base::Fail(base::ErrorCode::kUnavailable, "down");
  };
  Handler h = WithSession(Who(), {}, failing, ErrorPage);
  Request file = WithCookie("fyren_session=x", "/static/fyren.css");
  EXPECT_EQ(h(file).status, 200);
  EXPECT_EQ(calls, 0);
  Request page = WithCookie("fyren_session=x", "/");
  EXPECT_EQ(h(page).status, 503);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace fyren::http
