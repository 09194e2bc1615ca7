#include "app/demo_sips.h"

#include <toml++/toml.h>

#include <sstream>

#include "app/account_stack.h"
#include "app/demo_actor.h"
#include "base/embedded.h"
#include "domain/person/person_store.h"
#include "domain/sip/intervention_catalogue.h"
#include "domain/sip/sip_plan_json.h"
#include "domain/sip/sip_service.h"

namespace fyren::app {
namespace {

base::Error Bad(std::string what) {
  return base::Error{.code = base::ErrorCode::kInvalidInput,
                     .message = std::string(kDemoSipsFile) + ": " + std::move(what),
                     .detail = {},
                     .field = {}};
}

base::Result<std::vector<std::string>> Column(storage::Database& db, std::string_view sql,
                                              base::TenantId tenant) {
  auto rows = db.Read([&](storage::Transaction& tx) { return tx.Query(sql, {tenant.value()}); });
  if (!rows) return std::unexpected(rows.error());
  std::vector<std::string> out;
  for (const auto& row : *rows) out.push_back(row.Text(0));
  return out;
}

}  // namespace

base::Result<int> LoadDemoSips(storage::Database& db, const Config& config, base::TenantId tenant) {
  const auto text = base::FindEmbedded(kDemoSipsFile);
  if (!text) return base::Fail(base::ErrorCode::kInternal, "the demo plans are missing");
  toml::table file;
  try {
    file = toml::parse(*text, kDemoSipsFile);
  } catch (const toml::parse_error& e) {
    return std::unexpected(Bad(std::string(e.description())));
  }
  auto existing = db.Read([&](storage::Transaction& tx) {
    return tx.Query("SELECT COUNT(*) FROM sips WHERE tenant_id = $1", {tenant.value()});
  });
  if (!existing) return std::unexpected(existing.error());
  if (existing->front().Int(0) > 0) return 0;
  // The demo cases in the order content/demo/exit_cases.toml opened them.
  auto cases = Column(db,
                      "SELECT public_id FROM exit_cases WHERE tenant_id = $1 "
                      "ORDER BY created_at, case_id",
                      tenant);
  if (!cases) return std::unexpected(cases.error());

  Config demo = config;
  demo.demo_enabled = true;
  auto stack = BuildAccountStack(db, demo);
  if (!stack) return std::unexpected(stack.error());
  auto catalogue = sip::InterventionCatalogue::LoadEmbedded();
  if (!catalogue) return std::unexpected(catalogue.error());
  const sip::SipService sips(db, *(*stack)->ring, *(*stack)->audit, (*stack)->clock, *catalogue);
  const auto* entries = file["sip"].as_array();
  if (entries == nullptr) return std::unexpected(Bad("needs [[sip]] entries"));
  int saved = 0;
  for (const auto& node : *entries) {
    const auto* entry = node.as_table();
    if (entry == nullptr) continue;
    const auto position = (*entry)["case"].value_or(std::int64_t{0});
    if (position < 1 || position > static_cast<std::int64_t>(cases->size())) {
      return std::unexpected(Bad("no demo case " + std::to_string(position)));
    }
    auto actor = DemoActor(db, tenant, kDemoSipsFile, "demo-data-sips",
                           (*entry)["saved_by"].value_or(std::string()));
    if (!actor) return std::unexpected(actor.error());
    const toml::table* plan_table = (*entry)["plan"].as_table();
    if (plan_table == nullptr) return std::unexpected(Bad("a [[sip]] needs a plan"));
    toml::table plan_copy = *plan_table;
    // Organisations are named by code in the file; the plan holds their public ids.
    if (auto* actors = plan_copy["actors"].as_array()) {
      for (auto& actor_node : *actors) {
        auto* a = actor_node.as_table();
        if (a == nullptr) continue;
        if (const auto code = (*a)["organisation_code"].value<std::string>()) {
          auto rows = db.Read([&](storage::Transaction& tx) {
            return tx.Query(
                "SELECT public_id FROM organisations WHERE tenant_id = $1 AND code = $2",
                {tenant.value(), *code});
          });
          if (!rows) return std::unexpected(rows.error());
          if (rows->empty()) return std::unexpected(Bad("no organisation " + *code));
          a->insert_or_assign("organisation_id", rows->front().Text(0));
          a->erase("organisation_code");
        }
      }
    }
    std::ostringstream json;
    json << toml::json_formatter{plan_copy};
    auto plan = sip::DecodePlan(json.str());
    if (!plan) return std::unexpected(Bad("plan: " + plan.error().message));
    auto outcome =
        sips.Save(*actor, (*cases)[static_cast<std::size_t>(position - 1)],
                  sip::SaveInput{.expected_version = 0,
                                 .document = std::move(*plan),
                                 .change_note = (*entry)["change_note"].value_or(std::string()),
                                 .guard_confirmed = true});
    if (!outcome) return std::unexpected(outcome.error());
    if (outcome->status != sip::SaveStatus::kSaved) {
      return std::unexpected(Bad(
          "plan " + std::to_string(saved + 1) + " not saved: " +
          (outcome->problems.empty() ? std::string("conflict") : outcome->problems.front().code)));
    }
    ++saved;
  }
  return saved;
}

}  // namespace fyren::app
