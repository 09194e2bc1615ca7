#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace fyren::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Response::Text(200, name); };
}

std::string Call(const Router& router, Method method, std::string path, Request* out = nullptr) {
  Request request;
  request.method = method;
  request.path = std::move(path);
  const Router::Match match = router.Find(request);
  if (out != nullptr) *out = request;
  if (match.handler == nullptr) return match.allowed_methods.empty() ? "404" : "405";
  return (*match.handler)(request).body;
}

Router Table() {
  Router router;
  router.Add({.pattern = "/", .method = Method::kGet, .permission = "public", .summary = ""},
             Named("root"));
  router.Add(
      {.pattern = "/organisations", .method = Method::kGet, .permission = "p", .summary = ""},
      Named("list"));
  router.Add(
      {.pattern = "/organisations", .method = Method::kPost, .permission = "p", .summary = ""},
      Named("create"));
  router.Add(
      {.pattern = "/organisations/{id}", .method = Method::kGet, .permission = "p", .summary = ""},
      Named("show"));
  router.Add(
      {.pattern = "/organisations/new", .method = Method::kGet, .permission = "p", .summary = ""},
      Named("new"));
  router.Add({.pattern = "/organisations/{id}/units/{unit}",
              .method = Method::kGet,
              .permission = "p",
              .summary = ""},
             Named("unit"));
  return router;
}

TEST(RouterTest, MatchesLiteralAndParameters) {
  const Router router = Table();
  Request request;
  EXPECT_EQ(Call(router, Method::kGet, "/"), "root");
  EXPECT_EQ(Call(router, Method::kGet, "/organisations"), "list");
  EXPECT_EQ(Call(router, Method::kPost, "/organisations"), "create");
  EXPECT_EQ(Call(router, Method::kGet, "/organisations/abc", &request), "show");
  EXPECT_EQ(request.PathParam("id"), "abc");
  EXPECT_EQ(request.route, "/organisations/{id}");
  EXPECT_EQ(Call(router, Method::kGet, "/organisations/a/units/b", &request), "unit");
  EXPECT_EQ(request.PathParam("id"), "a");
  EXPECT_EQ(request.PathParam("unit"), "b");
}

TEST(RouterTest, ExactSegmentsWinOverParameters) {
  const Router router = Table();
  EXPECT_EQ(Call(router, Method::kGet, "/organisations/new"), "new");
}

TEST(RouterTest, DoesNotNormaliseTrailingSlashesOrEmptySegments) {
  const Router router = Table();
  EXPECT_EQ(Call(router, Method::kGet, "/organisations/"), "404");
  EXPECT_EQ(Call(router, Method::kGet, "//organisations"), "404");
  EXPECT_EQ(Call(router, Method::kGet, "/organisations//units/b"), "404");
  EXPECT_EQ(Call(router, Method::kGet, ""), "404");
  EXPECT_EQ(Call(router, Method::kGet, "/nothing"), "404");
}

TEST(RouterTest, WrongMethodGives405WithAllowedMethods) {
  const Router router = Table();
  Request request;
  request.method = Method::kDelete;
  request.path = "/organisations";
  const Router::Match match = router.Find(request);
  EXPECT_EQ(match.info, nullptr);
  EXPECT_EQ(match.allowed_methods,
            (std::vector<Method>{Method::kGet, Method::kHead, Method::kPost}));
  EXPECT_EQ(request.route, "/organisations");
}

TEST(RouterTest, HeadUsesTheGetRoute) {
  const Router router = Table();
  EXPECT_EQ(Call(router, Method::kHead, "/organisations/x"), "show");
}

TEST(RouterTest, RejectsBadPatternsAndDuplicates) {
  Router router;
  EXPECT_THROW(router.Add({.pattern = "x", .method = Method::kGet, .permission = "", .summary = ""},
                          Named("")),
               std::invalid_argument);
  EXPECT_THROW(
      router.Add({.pattern = "/{}", .method = Method::kGet, .permission = "", .summary = ""},
                 Named("")),
      std::invalid_argument);
  EXPECT_THROW(
      router.Add({.pattern = "/a{b}", .method = Method::kGet, .permission = "", .summary = ""},
                 Named("")),
      std::invalid_argument);
  router.Add({.pattern = "/a", .method = Method::kGet, .permission = "", .summary = ""}, Named(""));
  EXPECT_THROW(
      router.Add({.pattern = "/a", .method = Method::kGet, .permission = "", .summary = ""},
                 Named("")),
      std::invalid_argument);
}

TEST(RouterTest, MatchPointersSurviveLaterAdds) {
  Router router;
  router.Add({.pattern = "/first", .method = Method::kGet, .permission = "", .summary = ""},
             Named("first"));
  Request request;
  request.path = "/first";
  const Router::Match match = router.Find(request);
  for (int i = 0; i < 100; ++i) {
    router.Add({.pattern = "/r" + std::to_string(i),
                .method = Method::kGet,
                .permission = "",
                .summary = ""},
               Named("x"));
  }
  EXPECT_EQ(match.info->pattern, "/first");
  EXPECT_EQ((*match.handler)(request).body, "first");
  EXPECT_EQ(router.routes().size(), 101U);
}

}  // namespace
}  // namespace fyren::http
