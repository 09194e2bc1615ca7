#include "http/csrf.h"

#include <gtest/gtest.h>

namespace fyren::http {
namespace {

SessionView View(std::string csrf) {
  SessionView view;
  view.user_id = 7;
  view.tenant_id = 1;
  view.csrf_token = std::move(csrf);
  view.mfa_verified = true;
  view.stage = "full";
  return view;
}

Response Page(const Request& request, int status) {
  return Response::Text(status, "error page for " + request.path);
}

Handler Echo() {
  return [](Request& request) { return Response::Text(200, "token=" + request.csrf_token); };
}

Request Make(Method method, std::string path, std::string body = {}) {
  Request r;
  r.method = method;
  r.path = std::move(path);
  r.body = std::move(body);
  return r;
}

std::string CookieValue(const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Set-Cookie" && value.starts_with("fyren_csrf=")) {
      return value.substr(11, value.find(';') - 11);
    }
  }
  return {};
}

TEST(CsrfTest, AnonymousGetReceivesAPreSessionTokenCookie) {
  Handler h = WithCsrf(Echo(), {}, Page);
  Request get = Make(Method::kGet, "/sign-in");
  Response response = h(get);
  const std::string token = CookieValue(response);
  ASSERT_EQ(token.size(), 43u);
  EXPECT_EQ(response.body, "token=" + token);
  EXPECT_NE(response.Header("Set-Cookie")->find("HttpOnly"), std::string_view::npos);
  EXPECT_NE(response.Header("Set-Cookie")->find("SameSite=Strict"), std::string_view::npos);

  // Double submit: cookie and form field must agree.
  Request post = Make(Method::kPost, "/sign-in", "csrf_token=" + token + "&username=a");
  post.headers.emplace_back("cookie", "fyren_csrf=" + token);
  EXPECT_EQ(h(post).status, 200);
  Request wrong = Make(Method::kPost, "/sign-in", "csrf_token=x" + token.substr(1));
  wrong.headers.emplace_back("cookie", "fyren_csrf=" + token);
  EXPECT_EQ(h(wrong).status, 403);
  Request missing = Make(Method::kPost, "/sign-in", "username=a");
  missing.headers.emplace_back("cookie", "fyren_csrf=" + token);
  EXPECT_EQ(h(missing).status, 403);
  Request no_cookie = Make(Method::kPost, "/sign-in", "csrf_token=" + token);
  Response refused = h(no_cookie);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(CookieValue(refused).size(), 43u);  // so that the next try can succeed
}

TEST(CsrfTest, SessionTokenIsRequiredForEveryStateChangingMethod) {
  Handler h = WithCsrf(Echo(), {}, Page);
  const std::string token(43, 'A');
  for (const Method method : {Method::kPost, Method::kPut, Method::kPatch, Method::kDelete}) {
    Request bad =
        Make(method, "/account/sign-out-everywhere", "csrf_token=" + std::string(43, 'B'));
    bad.session = View(token);
    EXPECT_EQ(h(bad).status, 403);
    Request good = Make(method, "/account/sign-out-everywhere", "csrf_token=" + token);
    good.session = View(token);
    EXPECT_EQ(h(good).status, 200);
  }
  // A pre-session cookie does not stand in for the session's token.
  Request mixed = Make(Method::kPost, "/sign-out", "csrf_token=" + std::string(43, 'C'));
  mixed.headers.emplace_back("cookie", "fyren_csrf=" + std::string(43, 'C'));
  mixed.session = View(token);
  EXPECT_EQ(h(mixed).status, 403);
}

TEST(CsrfTest, ApiAndSafeMethodsPass) {
  Handler h = WithCsrf(Echo(), {}, Page);
  Request api = Make(Method::kPost, "/api/v1/things", "{}");
  EXPECT_EQ(h(api).status, 200);
  Request get = Make(Method::kGet, "/");
  get.session = View(std::string(43, 'A'));
  Response response = h(get);
  EXPECT_EQ(response.body, "token=" + std::string(43, 'A'));
  EXPECT_FALSE(response.Header("Set-Cookie"));
}

TEST(CsrfTest, SecureCookieUsesTheHostPrefix) {
  Handler h = WithCsrf(Echo(), {.secure = true}, Page);
  Request get = Make(Method::kGet, "/sign-in");
  const Response response = h(get);
  const auto header = response.Header("Set-Cookie");
  ASSERT_TRUE(header);
  EXPECT_TRUE(header->starts_with("__Host-fyren_csrf="));
  EXPECT_NE(header->find("Secure"), std::string_view::npos);
  EXPECT_NE(header->find("Path=/"), std::string_view::npos);
}

TEST(CsrfTest, TokensEqualComparesWholeValues) {
  EXPECT_TRUE(TokensEqual("abc", "abc"));
  EXPECT_FALSE(TokensEqual("abc", "abd"));
  EXPECT_FALSE(TokensEqual("abc", "abcd"));
  EXPECT_TRUE(TokensEqual("", ""));
}

}  // namespace
}  // namespace fyren::http
