#include "http/message.h"

#include <gtest/gtest.h>

namespace fyren::http {
namespace {

TEST(MethodTest, ParsesExactTokens) {
  for (const Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                         Method::kDelete, Method::kOptions}) {
    EXPECT_EQ(ParseMethod(ToString(m)), m);
  }
  EXPECT_EQ(ParseMethod("get"), Method::kOther);
  EXPECT_EQ(ParseMethod("TRACE"), Method::kOther);
}

TEST(RequestTest, HeaderLookupIgnoresCase) {
  Request request;
  request.headers = {{"x-request-id", "abc"}, {"cookie", "a=1"}, {"cookie", "b=2"}};
  EXPECT_EQ(request.Header("x-request-id"), "abc");
  EXPECT_EQ(request.Header("X-Request-Id"), "abc");
  EXPECT_FALSE(request.Header("host"));
  EXPECT_EQ(request.Cookie("b"), "2");
  EXPECT_FALSE(request.Cookie("c"));
}

TEST(RequestTest, QueryParamDecodes) {
  Request request;
  request.query = "lang=en&q=%C3%A5+b&bad=%zz&l%61x=1";
  EXPECT_EQ(request.QueryParam("lang"), "en");
  EXPECT_EQ(request.QueryParam("q"), "\xC3\xA5 b");
  EXPECT_FALSE(request.QueryParam("bad"));
  EXPECT_EQ(request.QueryParam("lax"), "1");
  EXPECT_FALSE(request.QueryParam("missing"));
}

TEST(RequestTest, PathParamAndIsApi) {
  Request request;
  request.path_params.emplace("id", "abc");
  EXPECT_EQ(request.PathParam("id"), "abc");
  EXPECT_EQ(request.PathParam("other"), "");
  for (const char* path : {"/api", "/api/", "/api/v1/cases"}) {
    request.path = path;
    EXPECT_TRUE(request.IsApi()) << path;
  }
  for (const char* path : {"/apis", "/", "/cases/api"}) {
    request.path = path;
    EXPECT_FALSE(request.IsApi()) << path;
  }
}

TEST(ResponseTest, FactoriesSetContentType) {
  EXPECT_EQ(Response::Html(200, "x").Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(Response::Json(201, "{}").Header("Content-Type"), "application/json");
  EXPECT_EQ(Response::Text(404, "x").Header("Content-Type"), "text/plain; charset=utf-8");
  const Response redirect = Response::Redirect("/cases");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.Header("Location"), "/cases");
}

TEST(ResponseTest, SetHeaderReplacesAddHeaderAppends) {
  Response response;
  response.AddHeader("Set-Cookie", "a=1");
  response.AddHeader("Set-Cookie", "b=2");
  EXPECT_EQ(response.headers.size(), 2U);
  response.SetHeader("set-cookie", "c=3");
  ASSERT_EQ(response.headers.size(), 1U);
  EXPECT_EQ(response.Header("Set-Cookie"), "c=3");
}

TEST(ReasonPhraseTest, KnowsTheStatusesFyrenUses) {
  EXPECT_EQ(ReasonPhrase(404), "Not Found");
  EXPECT_EQ(ReasonPhrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(ReasonPhrase(799), "Unknown");
}

}  // namespace
}  // namespace fyren::http
