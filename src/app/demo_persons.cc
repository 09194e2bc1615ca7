#include "app/demo_persons.h"

#include <toml++/toml.h>

#include <iostream>

#include "app/account_stack.h"
#include "app/demo_actor.h"
#include "base/embedded.h"
#include "domain/person/person_service.h"
#include "domain/person/person_store.h"
#include "trust/identity/synthetic_identity.h"

namespace fyren::app {
namespace {

base::Error Bad(std::string what) {
  return base::Error{.code = base::ErrorCode::kInvalidInput,
                     .message = std::string(kDemoPersonsFile) + ": " + std::move(what),
                     .detail = {},
                     .field = {}};
}

std::vector<std::string> Strings(const toml::table& table, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* list = table[key].as_array()) {
    for (const auto& item : *list) out.push_back(item.value_or(std::string()));
  }
  return out;
}

}  // namespace

base::Result<int> LoadDemoPersons(storage::Database& db, const Config& config,
                                  base::TenantId tenant) {
  const auto text = base::FindEmbedded(kDemoPersonsFile);
  if (!text) {
    return base::Fail(base::ErrorCode::kInternal, "the demo persons are missing from this build");
  }
  toml::table file;
  try {
    file = toml::parse(*text, kDemoPersonsFile);
  } catch (const toml::parse_error& e) {
    return std::unexpected(Bad(std::string(e.description())));
  }
  auto existing = db.Read(
      [&](storage::Transaction& tx) { return person::PersonStore::CountPersons(tx, tenant); });
  if (!existing) return std::unexpected(existing.error());
  if (*existing > 0) return 0;

  Config demo = config;
  demo.demo_enabled = true;
  auto stack = BuildAccountStack(db, demo);
  if (!stack) return std::unexpected(stack.error());
  const person::PersonService service(db, *(*stack)->ring, *(*stack)->audit, (*stack)->clock,
                                      {.allow_synthetic_identity_numbers = true});
  const auto* persons = file["person"].as_array();
  if (persons == nullptr) return std::unexpected(Bad("needs [[person]] entries"));
  int created = 0;
  for (const auto& node : *persons) {
    const auto* entry = node.as_table();
    if (entry == nullptr) continue;
    const toml::table& p = *entry;
    auto actor = DemoActor(db, tenant, kDemoPersonsFile, "demo-data-persons",
                           p["registered_by"].value_or(std::string()));
    if (!actor) return std::unexpected(actor.error());
    const std::string kind = p["identity_kind"].value_or(std::string());
    const int serial = static_cast<int>(p["serial"].value_or(std::int64_t{0}));
    person::PersonInput input;
    if (kind == "number") {
      input.identity_kind = "number";
      input.identity_number = trust::identity::MakeSyntheticPersonnummer(serial);
    } else if (kind == "samordningsnummer") {
      input.identity_kind = "number";
      input.identity_number = trust::identity::MakeSyntheticSamordningsnummer(serial);
    } else {
      input.identity_kind = kind;
      input.identity_number = p["reserve_number"].value_or(std::string());
    }
    input.given_name = p["given_name"].value_or(std::string());
    input.family_name = p["family_name"].value_or(std::string());
    input.alias = p["alias"].value_or(std::string());
    if (const auto year = p["birth_year"].value<std::int64_t>()) {
      input.birth_year = std::to_string(*year);
    }
    input.gender = p["gender"].value_or(std::string());
    input.languages = p["languages"].value_or(std::string());
    input.interpreter_needed = p["interpreter_needed"].value_or(false);
    input.protected_identity = p["protected_identity"].value_or(false);
    input.phone = p["phone"].value_or(std::string());
    input.email = p["email"].value_or(std::string());
    input.address = p["address"].value_or(std::string());
    auto outcome = service.Register(*actor, input);
    if (!outcome) return std::unexpected(outcome.error());
    if (!outcome->ok()) {
      return std::unexpected(
          Bad("person " + std::to_string(created + 1) + ": " + outcome->problems.front().code));
    }
    for (const std::string& member : Strings(p, "team")) {
      if (auto ok = service.AddTeamMember(*actor, outcome->public_id, member, false); !ok) {
        return std::unexpected(ok.error());
      }
    }
    for (const std::string& member : Strings(p, "named")) {
      if (auto ok = service.AddTeamMember(*actor, outcome->public_id, member, true); !ok) {
        return std::unexpected(ok.error());
      }
    }
    ++created;
  }
  std::cout << "Demo persons registered: " << created << " (synthetic).\n";
  return created;
}

}  // namespace fyren::app
