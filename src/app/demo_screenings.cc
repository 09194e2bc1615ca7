#include "app/demo_screenings.h"

#include <toml++/toml.h>

#include <iostream>

#include "app/account_stack.h"
#include "app/demo_actor.h"
#include "base/embedded.h"
#include "domain/person/person_store.h"
#include "domain/screening/instrument_catalog.h"
#include "domain/screening/screening_service.h"
#include "domain/screening/screening_store.h"

namespace fyren::app {
namespace {

base::Error BadDemoScreening(std::string what) {
  return base::Error{.code = base::ErrorCode::kInvalidInput,
                     .message = std::string(kDemoScreeningsFile) + ": " + std::move(what),
                     .detail = {},
                     .field = {}};
}

}  // namespace

base::Result<int> LoadDemoScreenings(storage::Database& db, const Config& config,
                                     base::TenantId tenant) {
  const auto text = base::FindEmbedded(kDemoScreeningsFile);
  if (!text) {
    return base::Fail(base::ErrorCode::kInternal,
                      "the demo screenings are missing from this build");
  }
  toml::table file;
  try {
    file = toml::parse(*text, kDemoScreeningsFile);
  } catch (const toml::parse_error& e) {
    return std::unexpected(BadDemoScreening(std::string(e.description())));
  }
  auto existing = db.Read(
      [&](storage::Transaction& tx) { return screening::ScreeningStore::Count(tx, tenant); });
  if (!existing) return std::unexpected(existing.error());
  if (*existing > 0) return 0;
  auto catalog = screening::InstrumentCatalog::Load(config.instruments_dir);
  if (!catalog) return std::unexpected(catalog.error());
  Config demo = config;
  demo.demo_enabled = true;
  auto stack = BuildAccountStack(db, demo);
  if (!stack) return std::unexpected(stack.error());
  const screening::ScreeningService service(db, *(*stack)->ring, *(*stack)->audit, (*stack)->clock,
                                            *catalog);
  const auto* entries = file["screening"].as_array();
  if (entries == nullptr) return std::unexpected(BadDemoScreening("needs [[screening]] entries"));
  int recorded = 0;
  for (const auto& node : *entries) {
    const auto* entry = node.as_table();
    if (entry == nullptr) continue;
    const toml::table& s = *entry;
    auto actor = DemoActor(db, tenant, kDemoScreeningsFile, "demo-data-screenings",
                           s["recorded_by"].value_or(std::string()));
    if (!actor) return std::unexpected(actor.error());
    screening::ScreeningInput input{.instrument_id = s["instrument"].value_or(std::string()),
                                    .subject_kind = s["subject_kind"].value_or(std::string()),
                                    .person_public_id = {},
                                    .age_band = s["age_band"].value_or(std::string()),
                                    .gender = s["gender"].value_or(std::string()),
                                    .setting = s["setting"].value_or(std::string()),
                                    .answers = {}};
    if (const auto* answers = s["answers"].as_table()) {
      for (const auto& [item, value] : *answers) {
        input.answers.push_back(
            {.item_id = std::string(item.str()), .value = value.value_or(std::string())});
      }
    }
    auto outcome = service.Record(*actor, input);
    if (!outcome) return std::unexpected(outcome.error());
    if (!outcome->problems.empty()) {
      const auto& problem = outcome->problems.front();
      return std::unexpected(BadDemoScreening("screening " + std::to_string(recorded + 1) + ": " +
                                              problem.field + " " + problem.code));
    }
    ++recorded;
  }
  std::cout << "Demo screenings recorded: " << recorded << " (synthetic, anonymous).\n";
  return recorded;
}

}  // namespace fyren::app
