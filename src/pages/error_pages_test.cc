#include "pages/error_pages.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace fyren::pages {
namespace {

class ErrorPagesTest : public ::testing::Test {
 protected:
  render::TemplateSet templates_ = std::move(*render::TemplateSet::LoadEmbedded());
  ErrorPages errors_{templates_, SiteInfo{.tenant_id = base::TenantId(1),
                                          .tenant_name = "Exempelstad",
                                          .version = "t",
                                          .demo_mode = false}};
};

TEST_F(ErrorPagesTest, EveryStatusHasItsOwnPageInBothLanguages) {
  for (const int status : ErrorPages::Statuses()) {
    for (const auto* locale : {"sv", "en"}) {
      SCOPED_TRACE(std::to_string(status) + " " + locale);
      http::Request request;
      request.locale = locale;
      request.request_id = "req-42";
      const http::Response response = errors_.Render(status, request);
      const auto& catalog = templates_.catalog(locale);
      const std::string title(catalog.Get("error.title_" + std::to_string(status)));
      EXPECT_EQ(response.status, status);
      EXPECT_NE(response.body.find("<html lang=\"" + std::string(locale) + "\" dir=\"ltr\">"),
                std::string::npos);
      EXPECT_NE(response.body.find("<h1>" + title + "</h1>"), std::string::npos);
      EXPECT_NE(response.body.find(std::string(catalog.Get("error.home_link"))), std::string::npos);
      EXPECT_NE(response.body.find("<code>req-42</code>"), std::string::npos);
      EXPECT_NE(response.body.find("<title>" + title), std::string::npos);
      EXPECT_EQ(response.Header("Cache-Control").value_or(""), "no-store");
    }
  }
}

TEST_F(ErrorPagesTest, TitlesDifferBetweenStatuses) {
  std::set<std::string> titles;
  for (const int status : ErrorPages::Statuses()) {
    titles.emplace(templates_.catalog("sv").Get("error.title_" + std::to_string(status)));
  }
  EXPECT_EQ(titles.size(), ErrorPages::Statuses().size());
}

TEST_F(ErrorPagesTest, WithoutARequestTheServerStillGetsASwedishPage) {
  const http::Response response = errors_.Render(431, std::string_view("/x"));
  EXPECT_EQ(response.status, 431);
  EXPECT_NE(response.body.find("<html lang=\"sv\" dir=\"ltr\">"), std::string::npos);
  EXPECT_EQ(response.body.find("<code>"), std::string::npos);
}

TEST_F(ErrorPagesTest, OtherStatusesFallBackToTheGeneralText) {
  const http::Response teapot = errors_.Render(418, "en", "r");
  EXPECT_EQ(teapot.status, 418);
  EXPECT_NE(teapot.body.find(std::string(templates_.catalog("en").Get("error.title_400"))),
            std::string::npos);
  const http::Response gateway = errors_.Render(502, "en", "r");
  EXPECT_NE(gateway.body.find(std::string(templates_.catalog("en").Get("error.title_500"))),
            std::string::npos);
}

TEST_F(ErrorPagesTest, ServiceErrorsMapToStatusesWithoutLeakingDetail) {
  http::Request request;
  request.locale = "en";
  request.request_id = "req-1";
  const auto page = [&](base::ErrorCode code) {
    return errors_.ForError(
        base::Error{.code = code, .message = "m", .detail = "secret-internal-detail", .field = {}},
        request);
  };
  EXPECT_EQ(page(base::ErrorCode::kUnavailable).status, 503);
  EXPECT_EQ(page(base::ErrorCode::kNotFound).status, 404);
  EXPECT_EQ(page(base::ErrorCode::kForbidden).status, 403);
  EXPECT_EQ(page(base::ErrorCode::kConflict).status, 409);
  // Without a field it is a malformed request (400); a form field error is 422 (http::HttpStatus).
  EXPECT_EQ(page(base::ErrorCode::kInvalidInput).status, 400);
  EXPECT_EQ(page(base::ErrorCode::kInternal).status, 500);
  EXPECT_EQ(page(base::ErrorCode::kInternal).body.find("secret-internal-detail"),
            std::string::npos);
  EXPECT_EQ(page(base::ErrorCode::kUnavailable).Header("Retry-After").value_or(""), "5");
}

}  // namespace
}  // namespace fyren::pages
