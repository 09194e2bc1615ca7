#include "http/middleware.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "base/random.h"

namespace fyren::http {
namespace {

Response Ok(Request&) { return Response::Text(200, "ok"); }

TEST(RequestIdTest, AcceptsAWellFormedIdAndEchoesIt) {
  Request seen;
  const Handler handler = WithRequestId([&seen](Request& request) {
    seen = request;
    return Response::Text(200, "");
  });
  Request request;
  request.headers.emplace_back("x-request-id", "proxy-1234-abcd");
  const Response response = handler(request);
  EXPECT_EQ(seen.request_id, "proxy-1234-abcd");
  EXPECT_EQ(response.Header("X-Request-Id"), "proxy-1234-abcd");
}

TEST(RequestIdTest, ReplacesMalformedIds) {
  const Handler handler = WithRequestId(Ok);
  for (const char* bad : {"short", "has space in it", "semi;colon-123", "<script>alert</script>",
                          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}) {
    Request request;
    request.headers.emplace_back("x-request-id", bad);
    const Response response = handler(request);
    EXPECT_TRUE(base::IsPublicId(request.request_id)) << bad;
    EXPECT_EQ(response.Header("X-Request-Id"), request.request_id);
  }
}

TEST(SecurityHeadersTest, SetsTheFullSet) {
  Request request;
  const Response response = WithSecurityHeaders(Ok, {})(request);
  EXPECT_EQ(response.Header("Content-Security-Policy"), kContentSecurityPolicy);
  EXPECT_EQ(response.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.Header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(response.Header("X-Frame-Options"), "DENY");
  EXPECT_EQ(response.Header("Cross-Origin-Opener-Policy"), "same-origin");
  EXPECT_EQ(response.Header("Permissions-Policy"), "camera=(), microphone=(), geolocation=()");
  EXPECT_EQ(response.Header("Cache-Control"), "no-store");
  EXPECT_FALSE(response.Header("Strict-Transport-Security"));
}

TEST(SecurityHeadersTest, KeepsHandlerCacheControlAndAddsHstsBehindTls) {
  const Handler handler = WithSecurityHeaders(
      [](Request&) {
        Response response = Response::Text(200, "css");
        response.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
        return response;
      },
      {.behind_tls = true});
  Request request;
  const Response response = handler(request);
  EXPECT_EQ(response.Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_TRUE(response.Header("Strict-Transport-Security"));
}

TEST(ExceptionBarrierTest, TurnsExceptionsInto500) {
  int calls = 0;
  const Handler handler =
      WithExceptionBarrier([](Request&) -> Response { throw std::runtime_error("boom"); },
                           [&calls](const Request&, int status) {
                             ++calls;
                             return Response::Text(status, "sorry");
                           });
  Request request;
  const Response response = handler(request);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body, "sorry");
  EXPECT_EQ(calls, 1);
}

TEST(ExceptionBarrierTest, SurvivesAThrowingErrorPage) {
  const Handler handler = WithExceptionBarrier([](Request&) -> Response { throw 42; },
                                               [](const Request&, int) -> Response { throw 43; });
  Request request;
  EXPECT_EQ(handler(request).status, 500);
}

TEST(MetricsMiddlewareTest, RecordsTheRoutePattern) {
  Metrics metrics({"/cases/{id}"});
  const Handler handler = WithMetrics(
      [](Request& request) {
        request.route = "/cases/{id}";
        return Response::Text(404, "");
      },
      metrics);
  Request request;
  (void)handler(request);
  EXPECT_NE(metrics.Render().find("route=\"/cases/{id}\",method=\"GET\",status=\"404\"} 1"),
            std::string::npos);
}

TEST(AccessLogTest, PassesTheResponseThrough) {
  Request request;
  EXPECT_EQ(WithAccessLog(Ok)(request).body, "ok");
}

std::string LocaleOf(const Handler& handler, Request& request, Response* out = nullptr) {
  std::string seen;
  const Response response = handler(request);
  if (out != nullptr) *out = response;
  return response.body;
}

TEST(LocaleTest, ChoosesFromQueryThenCookieThenDefault) {
  const Handler handler =
      WithLocale([](Request& request) { return Response::Text(200, request.locale); }, {});
  Request plain;
  Response response;
  EXPECT_EQ(LocaleOf(handler, plain, &response), "sv");
  EXPECT_FALSE(response.Header("Set-Cookie"));

  Request with_cookie;
  with_cookie.headers.emplace_back("cookie", "fyren_lang=en");
  EXPECT_EQ(LocaleOf(handler, with_cookie), "en");

  Request bad_cookie;
  bad_cookie.headers.emplace_back("cookie", "fyren_lang=de");
  EXPECT_EQ(LocaleOf(handler, bad_cookie), "sv");

  Request with_query;
  with_query.query = "lang=en";
  with_query.headers.emplace_back("cookie", "fyren_lang=sv");
  EXPECT_EQ(LocaleOf(handler, with_query, &response), "en");
  EXPECT_EQ(response.Header("Set-Cookie"),
            "fyren_lang=en; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");

  Request bad_query;
  bad_query.query = "lang=en%0d%0aX:y";
  EXPECT_EQ(LocaleOf(handler, bad_query, &response), "sv");
  EXPECT_FALSE(response.Header("Set-Cookie"));
}

TEST(LocaleTest, SecureCookieBehindTls) {
  const Handler handler = WithLocale(Ok, {.supported = {"sv", "en"}, .behind_tls = true});
  Request request;
  request.query = "lang=sv";
  const Response response = handler(request);
  EXPECT_EQ(response.Header("Set-Cookie"),
            "fyren_lang=sv; Path=/; Max-Age=31536000; Secure; HttpOnly; SameSite=Lax");
}

}  // namespace
}  // namespace fyren::http
