#include "pages/static_files.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fyren::pages {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  static http::Request Get(std::string path, std::string if_none_match = "") {
    http::Request request;
    request.path = std::move(path);
    request.target = request.path;
    request.request_id = "r";
    if (!if_none_match.empty()) request.headers.emplace_back("if-none-match", if_none_match);
    return request;
  }

  render::TemplateSet templates_ = std::move(*render::TemplateSet::LoadEmbedded());
  ErrorPages errors_{templates_, SiteInfo{}};
  StaticFiles files_{errors_};
};

TEST_F(StaticFilesTest, ServesEmbeddedFilesWithTypeCacheAndETag) {
  auto css = Get("/static/fyren.css");
  const http::Response response = files_.Serve(css);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Content-Type").value_or(""), "text/css; charset=utf-8");
  EXPECT_EQ(response.Header("Cache-Control").value_or(""), "public, max-age=3600");
  const std::string etag(response.Header("ETag").value_or(""));
  EXPECT_EQ(etag.size(), 18u);
  EXPECT_EQ(etag.front(), '"');
  EXPECT_NE(response.body.find("@media print"), std::string::npos);

  auto svg = Get("/static/favicon.svg");
  EXPECT_EQ(files_.Serve(svg).Header("Content-Type").value_or(""), "image/svg+xml");
}

TEST_F(StaticFilesTest, MatchingIfNoneMatchGets304WithoutBody) {
  auto first = Get("/static/fyren.css");
  const std::string etag(files_.Serve(first).Header("ETag").value_or(""));
  for (const std::string& header : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    auto again = Get("/static/fyren.css", header);
    const http::Response response = files_.Serve(again);
    EXPECT_EQ(response.status, 304) << header;
    EXPECT_TRUE(response.body.empty());
    EXPECT_EQ(response.Header("ETag").value_or(""), etag);
  }
  auto stale = Get("/static/fyren.css", "\"0000000000000000\"");
  EXPECT_EQ(files_.Serve(stale).status, 200);
}

TEST_F(StaticFilesTest, UnknownAndTraversalPathsAre404) {
  for (const auto* path :
       {"/static/nope.css", "/static/../CMakeLists.txt", "/static/%2e%2e/CMakeLists.txt",
        "/static/..%2fCMakeLists.txt", "/static/", "/static", "/static//fyren.css",
        "/static/fyren.css/", "/static/./fyren.css", "/web/static/fyren.css",
        "/static/../web/templates/layout_header.mustache", "/static/FYREN.CSS"}) {
    auto request = Get(path);
    const http::Response response = files_.Serve(request);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_NE(response.body.find("<h1>"), std::string::npos) << path;
  }
}

TEST_F(StaticFilesTest, OnlyKnownTypesUnderWebStaticAreServed) {
  const std::vector<base::EmbeddedFile> files = {
      {"web/static/app.js", "x"},
      {"web/static/notes.txt", "secret"},
      {"web/templates/error.mustache", "t"},
      {"migrations/sqlite/0001.sql", "s"},
  };
  const StaticFiles only(errors_, files);
  EXPECT_EQ(only.size(), 1u);
  auto js = Get("/static/app.js");
  EXPECT_EQ(only.Serve(js).Header("Content-Type").value_or(""), "text/javascript; charset=utf-8");
  auto txt = Get("/static/notes.txt");
  EXPECT_EQ(only.Serve(txt).status, 404);
}

}  // namespace
}  // namespace fyren::pages
