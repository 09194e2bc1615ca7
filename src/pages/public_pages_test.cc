#include "pages/public_pages.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "storage/database.h"

namespace fyren::pages {
namespace {

// A database that cannot be reached, as when PostgreSQL is down.
class UnreachableDatabase final : public storage::Database {
 public:
  [[nodiscard]] storage::Backend backend() const override { return storage::Backend::kSqlite; }
  [[nodiscard]] base::Result<std::unique_ptr<storage::TransactionHandle>> Begin(
      storage::TxMode /*mode*/) override {
    return base::Fail(base::ErrorCode::kUnavailable, "database unreachable", "detail-for-log-only");
  }
  [[nodiscard]] base::Status Ping() override {
    return base::Fail(base::ErrorCode::kUnavailable, "database unreachable");
  }
  [[nodiscard]] storage::PoolStats Stats() const override { return {}; }
  void Close() override {}
};

render::TemplateSet LoadTemplates() {
  auto set = render::TemplateSet::LoadEmbedded();
  EXPECT_TRUE(set.has_value()) << set.error().message;
  return std::move(*set);
}

class PublicPagesTest : public ::testing::Test {
 protected:
  PublicPagesTest() : service_(db_) {}

  PublicPages Pages(bool demo) {
    return PublicPages(templates_, service_,
                       SiteInfo{.tenant_id = base::TenantId(1),
                                .tenant_name = "Exempelstad",
                                .version = "0.1.0-test",
                                .demo_mode = demo});
  }
  static http::Request Get(std::string path, std::string locale) {
    http::Request request;
    request.path = std::move(path);
    request.target = request.path;
    request.locale = std::move(locale);
    request.request_id = "req-7f3a";
    return request;
  }

  render::TemplateSet templates_ = LoadTemplates();
  UnreachableDatabase db_;
  organisation::OrganisationService service_;
};

int Count(std::string_view text, std::string_view needle) {
  int count = 0;
  for (auto pos = text.find(needle); pos != std::string_view::npos;
       pos = text.find(needle, pos + 1)) {
    ++count;
  }
  return count;
}

struct PageCase {
  const char* path;
  const char* nav_href;
  http::Response (PublicPages::*handler)(http::Request&) const;
  const char* heading_key;
};

TEST_F(PublicPagesTest, EveryPageRendersInBothLanguagesWithOneH1AndItsLandmarks) {
  const PageCase cases[] = {
      {"/", "/", &PublicPages::Start, "start.heading"},
      {"/glossary", "/glossary", &PublicPages::Glossary, "glossary.heading"},
      {"/about", "/about", &PublicPages::About, "about.heading"},
  };
  const PublicPages pages = Pages(false);
  for (const auto& page : cases) {
    for (const auto* locale : {"sv", "en"}) {
      SCOPED_TRACE(std::string(page.path) + " " + locale);
      auto request = Get(page.path, locale);
      const http::Response response = (pages.*page.handler)(request);
      const std::string& html = response.body;
      EXPECT_EQ(response.status, 200);
      EXPECT_EQ(response.Header("Content-Language").value_or(""), locale);
      EXPECT_NE(html.find("<html lang=\"" + std::string(locale) + "\" dir=\"ltr\">"),
                std::string::npos);
      const std::string heading(templates_.catalog(locale).Get(page.heading_key));
      EXPECT_NE(html.find("<h1>" + heading + "</h1>"), std::string::npos) << heading;
      EXPECT_EQ(Count(html, "<h1"), 1);
      EXPECT_EQ(Count(html, "<main id=\"main\""), 1);
      EXPECT_EQ(Count(html, "<header"), 1);
      EXPECT_EQ(Count(html, "<footer"), 1);
      EXPECT_NE(html.find("<nav class=\"site-nav\" aria-label=\""), std::string::npos);
      EXPECT_EQ(Count(html, "aria-current=\"page\""), 1);
      EXPECT_NE(html.find("href=\"" + std::string(page.nav_href) + "\" aria-current=\"page\""),
                std::string::npos);
      // The skip link is the first link on the page.
      EXPECT_EQ(html.find("<a "), html.find("<a class=\"skip-link\" href=\"#main\""));
      EXPECT_NE(html.find("Exempelstad"), std::string::npos);
      EXPECT_NE(html.find("0.1.0-test"), std::string::npos);
      EXPECT_EQ(html.find("demo-banner"), std::string::npos);
    }
  }
}

TEST_F(PublicPagesTest, LanguageSwitchLinksToTheOtherLanguage) {
  const PublicPages pages = Pages(false);
  auto sv = Get("/", "sv");
  auto en = Get("/", "en");
  EXPECT_NE(pages.Start(sv).body.find("href=\"?lang=en\" lang=\"en\" hreflang=\"en\">English</a>"),
            std::string::npos);
  EXPECT_NE(pages.Start(en).body.find("href=\"?lang=sv\" lang=\"sv\" hreflang=\"sv\">Svenska</a>"),
            std::string::npos);
}

TEST_F(PublicPagesTest, DemoModeShowsTheSyntheticDataNotice) {
  const PublicPages pages = Pages(true);
  auto sv = Get("/about", "sv");
  auto en = Get("/about", "en");
  EXPECT_NE(pages.About(sv).body.find("Demo – endast påhittade uppgifter."), std::string::npos);
  EXPECT_NE(pages.About(en).body.find("Demo — synthetic data only."), std::string::npos);
  EXPECT_NE(pages.About(en).body.find("demo-banner"), std::string::npos);
}

TEST_F(PublicPagesTest, UnknownLocaleFallsBackToSwedish) {
  const PublicPages pages = Pages(false);
  auto request = Get("/", "de");
  EXPECT_NE(pages.Start(request).body.find("<html lang=\"sv\" dir=\"ltr\">"), std::string::npos);
}

TEST_F(PublicPagesTest, GlossaryHasTheDecisionsDefinitions) {
  const PublicPages pages = Pages(false);
  auto sv = Get("/glossary", "sv");
  const std::string html = pages.Glossary(sv).body;
  EXPECT_NE(html.find("<dl class=\"glossary\">"), std::string::npos);
  EXPECT_NE(html.find("<dt>Prostitution</dt>"), std::string::npos);
  EXPECT_NE(html.find("<dt>Människohandel</dt>"), std::string::npos);
  EXPECT_NE(html.find("<dt>Sexuell exploatering av barn</dt>"), std::string::npos);
  EXPECT_GE(Count(html, "<dt>"), 20);
}

TEST_F(PublicPagesTest, AboutNamesTheDecision) {
  const PublicPages pages = Pages(false);
  for (const auto* locale : {"sv", "en"}) {
    auto request = Get("/about", locale);
    const std::string html = pages.About(request).body;
    EXPECT_NE(html.find("SLK-2022-00921"), std::string::npos);
    EXPECT_NE(html.find("2024-02-26"), std::string::npos);
  }
}

TEST_F(PublicPagesTest, UnreachableDatabaseGivesThe503Page) {
  const PublicPages pages = Pages(false);
  for (const auto* locale : {"sv", "en"}) {
    auto request = Get("/organisations", locale);
    const http::Response response = pages.Organisations(request);
    EXPECT_EQ(response.status, 503);
    EXPECT_NE(response.body.find(std::string(templates_.catalog(locale).Get("error.text_503"))),
              std::string::npos);
    EXPECT_NE(response.body.find("req-7f3a"), std::string::npos);
    EXPECT_EQ(response.body.find("detail-for-log-only"), std::string::npos);
  }
}

}  // namespace
}  // namespace fyren::pages
