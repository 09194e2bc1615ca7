#include "app/demo_exit_cases.h"

#include <toml++/toml.h>

#include <iostream>

#include "app/account_stack.h"
#include "app/demo_actor.h"
#include "base/embedded.h"
#include "domain/exit_case/exit_case_service.h"
#include "domain/exit_case/exit_case_store.h"
#include "domain/person/person_service.h"
#include "domain/person/person_store.h"
#include "trust/identity/synthetic_identity.h"

namespace fyren::app {
namespace {

base::Error Bad(std::string what) {
  return base::Error{.code = base::ErrorCode::kInvalidInput,
                     .message = std::string(kDemoExitCasesFile) + ": " + std::move(what),
                     .detail = {},
                     .field = {}};
}

// The demo person's public id, found the way a coordinator finds it: search before create.
base::Result<std::string> PersonOf(const person::PersonService& persons, const trust::Actor& actor,
                                   const toml::table& c) {
  std::string query = c["reserve_number"].value_or(std::string());
  if (query.empty()) {
    const int serial = static_cast<int>(c["serial"].value_or(std::int64_t{0}));
    query = c["kind"].value_or(std::string()) == "samordningsnummer"
                ? trust::identity::MakeSyntheticSamordningsnummer(serial)
                : trust::identity::MakeSyntheticPersonnummer(serial);
  }
  auto found = persons.Search(actor, query);
  if (!found) return std::unexpected(found.error());
  for (const auto& match : found->matches) {
    if (match.readable) return match.public_id;
  }
  return std::unexpected(Bad("no demo person readable by the opener for a case"));
}

base::Result<std::string> OrganisationPublicId(storage::Database& db, base::TenantId tenant,
                                               const std::string& code) {
  auto rows = db.Read([&](storage::Transaction& tx) {
    return tx.Query("SELECT public_id FROM organisations WHERE tenant_id = $1 AND code = $2",
                    {tenant.value(), code});
  });
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::unexpected(Bad("no organisation " + code));
  return rows->front().Text(0);
}

}  // namespace

base::Result<int> LoadDemoExitCases(storage::Database& db, const Config& config,
                                    base::TenantId tenant) {
  const auto text = base::FindEmbedded(kDemoExitCasesFile);
  if (!text) {
    return base::Fail(base::ErrorCode::kInternal,
                      "the demo exit cases are missing from this build");
  }
  toml::table file;
  try {
    file = toml::parse(*text, kDemoExitCasesFile);
  } catch (const toml::parse_error& e) {
    return std::unexpected(Bad(std::string(e.description())));
  }
  auto existing = db.Read(
      [&](storage::Transaction& tx) { return exit_case::ExitCaseStore::CountCases(tx, tenant); });
  if (!existing) return std::unexpected(existing.error());
  if (*existing > 0) return 0;

  Config demo = config;
  demo.demo_enabled = true;
  auto stack = BuildAccountStack(db, demo);
  if (!stack) return std::unexpected(stack.error());
  const person::PersonService persons(db, *(*stack)->ring, *(*stack)->audit, (*stack)->clock,
                                      {.allow_synthetic_identity_numbers = true});
  const exit_case::ExitCaseService cases(db, *(*stack)->ring, *(*stack)->audit, (*stack)->clock);
  const auto* entries = file["case"].as_array();
  if (entries == nullptr) return std::unexpected(Bad("needs [[case]] entries"));
  int opened = 0;
  for (const auto& node : *entries) {
    const auto* entry = node.as_table();
    if (entry == nullptr) continue;
    const toml::table& c = *entry;
    auto actor = DemoActor(db, tenant, kDemoExitCasesFile, "demo-data-exit-cases",
                           c["opened_by"].value_or(std::string()));
    if (!actor) return std::unexpected(actor.error());
    auto person = PersonOf(persons, *actor, c);
    if (!person) return std::unexpected(person.error());
    auto outcome = cases.Open(*actor, *person, {});
    if (!outcome) return std::unexpected(outcome.error());
    if (!outcome->ok()) {
      return std::unexpected(
          Bad("case " + std::to_string(opened + 1) + ": " + outcome->problems.front().code));
    }
    if (const auto* consents = c["consent"].as_array()) {
      for (const auto& consent_node : *consents) {
        const auto* k = consent_node.as_table();
        if (k == nullptr) continue;
        exit_case::ConsentInput input;
        input.purpose = (*k)["purpose"].value_or(std::string());
        input.how_given = (*k)["how_given"].value_or(std::string());
        if (const auto code = (*k)["organisation"].value<std::string>()) {
          auto organisation = OrganisationPublicId(db, tenant, *code);
          if (!organisation) return std::unexpected(organisation.error());
          input.organisation = *organisation;
        }
        if (const auto* scope = (*k)["scope"].as_array()) {
          for (const auto& part : *scope) input.scope.push_back(part.value_or(std::string()));
        }
        auto recorded = cases.RecordConsent(*actor, outcome->public_id, input);
        if (!recorded) return std::unexpected(recorded.error());
        if (!recorded->ok()) {
          return std::unexpected(Bad("consent of case " + std::to_string(opened + 1) + ": " +
                                     recorded->problems.front().code));
        }
      }
    }
    const std::string status = c["status"].value_or(std::string("open"));
    if (status != "open") {
      auto changed = cases.ChangeStatus(
          *actor, outcome->public_id,
          exit_case::StatusChangeInput{.status = status,
                                       .reason = c["reason"].value_or(std::string()),
                                       .note = {},
                                       .expected_version = outcome->version});
      if (!changed) return std::unexpected(changed.error());
      if (!changed->ok()) {
        return std::unexpected(Bad("status of case " + std::to_string(opened + 1) + ": " +
                                   changed->problems.front().code));
      }
    }
    ++opened;
  }
  std::cout << "Demo exit cases opened: " << opened << " (synthetic).\n";
  return opened;
}

}  // namespace fyren::app
