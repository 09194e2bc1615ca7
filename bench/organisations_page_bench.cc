// Cost of the organisations page without the network: one service call (a SQLite read) plus
// rendering, per locale. The HTTP-level figures are bench/http.sh's; this isolates the handler.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "base/embedded.h"
#include "base/log.h"
#include "domain/organisation/organisation_import.h"
#include "domain/organisation/organisation_service.h"
#include "pages/public_pages.h"
#include "render/template_set.h"
#include "storage/database.h"
#include "storage/migrator.h"

namespace {

using namespace fyren;  // NOLINT(google-build-using-namespace): a benchmark's own file

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<organisation::OrganisationService> service;
  std::unique_ptr<render::TemplateSet> templates;
  std::unique_ptr<pages::PublicPages> pages;

  Fixture() {
    dir = std::filesystem::temp_directory_path() / ("fyren-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto opened = storage::OpenDatabase("sqlite:" + (dir / "bench.db").string(), {});
    if (!opened) throw std::runtime_error(opened.error().message);
    db = std::move(*opened);
    auto migrations = storage::LoadMigrations(db->backend());
    if (!migrations || !storage::Migrate(*db, *migrations)) throw std::runtime_error("migrate");
    const auto tree = base::FindEmbedded("content/demo/organisations.toml");
    if (!tree || !organisation::ImportTenantTree(*db, *tree, "demo")) {
      throw std::runtime_error("demo data");
    }
    service = std::make_unique<organisation::OrganisationService>(*db);
    auto tenant = service->FindTenant("demo");
    auto loaded = render::TemplateSet::LoadEmbedded();
    if (!tenant || !loaded) throw std::runtime_error("tenant or templates");
    templates = std::make_unique<render::TemplateSet>(std::move(*loaded));
    pages = std::make_unique<pages::PublicPages>(*templates, *service,
                                                 pages::SiteInfo{.tenant_id = tenant->id,
                                                                 .tenant_name = tenant->name,
                                                                 .version = "bench",
                                                                 .demo_mode = true});
  }
  ~Fixture() {
    db->Close();
    std::filesystem::remove_all(dir);
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

void BM_OrganisationsPage(benchmark::State& state, const char* locale) {
  Fixture& f = Shared();
  http::Request request;
  request.path = "/organisations";
  request.route = "/organisations";
  request.locale = locale;
  request.request_id = "benchbenchbench";
  for (auto _ : state) {
    http::Response response = f.pages->Organisations(request);
    benchmark::DoNotOptimize(response.body.data());
  }
}
BENCHMARK_CAPTURE(BM_OrganisationsPage, sv, "sv");
BENCHMARK_CAPTURE(BM_OrganisationsPage, en, "en");

void BM_OrganisationTreeRead(benchmark::State& state) {
  Fixture& f = Shared();
  const auto actor = trust::Actor::Public(f.service->FindTenant("demo")->id, "bench");
  for (auto _ : state) {
    auto tree = f.service->ListTree(actor);
    benchmark::DoNotOptimize(tree->size());
  }
}
BENCHMARK(BM_OrganisationTreeRead);

void BM_AccessLogLine(benchmark::State& state) {
  for (auto _ : state) {
    std::string line = base::log::FormatLine(base::log::Level::kInfo, "http.request",
                                             {{"request_id", "3qimumkwtdfiegz6vecydq5une"},
                                              {"method", "GET"},
                                              {"route", "/organisations"},
                                              {"status", 200},
                                              {"duration_ms", 0.204}});
    benchmark::DoNotOptimize(line.data());
  }
}
BENCHMARK(BM_AccessLogLine);

}  // namespace

BENCHMARK_MAIN();
