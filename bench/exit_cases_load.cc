// Generator for bench/exit_cases.sh (issue 4, Speed): N synthetic persons (default 10,000), each
// with two exit cases (the first closed, the second open) and a SIP of 10 interventions from the
// catalogue with three actors on each case, i.e. 2N cases and 2N plans. Everything goes through
// the real services (PersonService, ExitCaseService, SipService), so encryption, the blind index,
// numbering and the audit chain are exactly what the application writes.
//
//   exit_cases_load DATABASE_URL MASTER_KEY_FILE [PERSONS] [THREADS]
//
// Needs a migrated database with the demo data (`fyren migrate && fyren demo-data`). Persons are
// spread over the demo coordinator (1 in 20, so "my cases" has a few hundred rows but not all)
// and four bench coordinators, one per district coordination unit; the bench coordinators are
// created here as demo accounts (they cannot sign in outside demo mode). Identity numbers are
// synthetic (trust/identity/synthetic_identity.h), serials from 200,000 up. Prints progress and
// the time taken. Never run it on a database with real data.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/account_stack.h"
#include "app/config.h"
#include "app/database_url.h"
#include "app/demo_actor.h"
#include "domain/exit_case/exit_case_service.h"
#include "domain/organisation/organisation_service.h"
#include "domain/person/person_service.h"
#include "domain/sip/intervention_catalogue.h"
#include "domain/sip/sip_service.h"
#include "trust/accounts/role.h"
#include "trust/identity/synthetic_identity.h"

namespace {

using namespace fyren;

constexpr int kFirstSerial = 200'000;
constexpr std::string_view kFile = "bench/exit_cases_load";

// Who registers and coordinates: the demo coordinator takes every 20th person.
struct Coordinator {
  std::string username;
  std::string unit_code;
  std::string unit_public_id;  // filled from the database
};

const char* const kGiven[] = {"Alma", "Bodil", "Cleo", "Dana", "Ebba", "Fanny", "Gry",    "Hedda",
                              "Iris", "Judit", "Kim",  "Lova", "Maja", "Nora",  "Olivia", "Petra"};
const char* const kFamily[] = {"Testsson", "Provberg", "Exempel",   "Låtsas",
                               "Påhitt",   "Fiktiv",   "Demoström", "Skenfors"};
const char* const kCodes[] = {"economic_assistance", "housing_with_support", "mika_counselling",
                              "trauma_treatment",    "addiction_care",       "health_care",
                              "employment_measures", "social_insurance",     "legal_support",
                              "interpreter",         "ngo_support",          "migration_matters",
                              "protected_housing",   "protection",           "other"};

[[noreturn]] void Die(const std::string& what) {
  std::cerr << "exit_cases_load: " << what << "\n";
  std::exit(1);
}

std::string Date(int year, int month, int day) {
  std::string out = std::to_string(year) + "-";
  if (month < 10) out += '0';
  out += std::to_string(month) + "-";
  if (day < 10) out += '0';
  return out + std::to_string(day);
}

// A plan of three actors (the coordinator's unit, the demo partner NGO-A, a named clinic) and
// ten interventions from the catalogue, all planned or active (no continuity-guard events).
sip::PlanDocument MakePlan(int n, const std::string& unit_id, const std::string& ngo_id) {
  sip::PlanDocument plan;
  plan.goals = {{.text = "Jag vill ha ett eget boende", .added_on = "2026-01-12"},
                {.text = "Jag vill arbeta och lära mig svenska", .added_on = "2026-01-12"}};
  plan.needs = {"Försörjning", "Boende", "Samtalsstöd"};
  plan.actors = {{.key = "social",
                  .kind = "unit",
                  .organisation_id = unit_id,
                  .name = {},
                  .contact_role = "samordnare"},
                 {.key = "ngo",
                  .kind = "organisation",
                  .organisation_id = ngo_id,
                  .name = {},
                  .contact_role = "stödperson"},
                 {.key = "clinic",
                  .kind = "other",
                  .organisation_id = {},
                  .name = "Vårdcentralen Påhittet",
                  .contact_role = "sjuksköterska"}};
  const char* const actors[] = {"social", "ngo", "clinic"};
  for (int i = 0; i < 10; ++i) {
    const int month = 1 + (n + i) % 6;
    plan.interventions.push_back(
        sip::Intervention{.key = sip::NewPlanKey(),
                          .catalogue_code = kCodes[(n + i) % std::size(kCodes)],
                          .actor_key = actors[i % 3],
                          .starts_on = Date(2026, month, 1 + i),
                          .planned_end_on = Date(2026, month + 6, 28),
                          .status = i % 3 == 2 ? "planned" : "active",
                          .status_reason = {},
                          .note = {}});
  }
  plan.overall_responsible = "social";
  plan.meetings = {{.held_on = "2026-01-12",
                    .participants = {"person", "social", "ngo"},
                    .note = "Första SIP-mötet"}};
  plan.next_follow_up_on = Date(2026, 7 + n % 6, 1 + n % 28);
  return plan;
}

std::string PublicIdOf(storage::Database& db, base::TenantId tenant, const std::string& code) {
  auto rows = db.Read([&](storage::Transaction& tx) {
    return tx.Query("SELECT public_id FROM organisations WHERE tenant_id = $1 AND code = $2",
                    {tenant.value(), code});
  });
  if (!rows || rows->empty()) Die("no organisation " + code + " (run fyren demo-data first)");
  return rows->front().Text(0);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 5) {
    std::cerr << "usage: exit_cases_load DATABASE_URL MASTER_KEY_FILE [PERSONS] [THREADS]\n";
    return 2;
  }
  const int persons_total = argc > 3 ? std::atoi(argv[3]) : 10'000;
  const int threads = argc > 4 ? std::max(1, std::atoi(argv[4])) : 2;
  auto config = app::LoadConfig("", {});
  if (!config) Die(config.error().message);
  config->database_url = argv[1];
  config->keys_master_key_file = argv[2];
  config->demo_enabled = true;
  auto db = storage::OpenDatabase(config->database_url, app::DatabaseOptionsFrom(*config));
  if (!db) Die(db.error().message);
  storage::Database& database = **db;
  organisation::OrganisationService organisations(database);
  auto tenant_row = organisations.FindTenant("demo");
  if (!tenant_row) Die("no demo tenant (run fyren demo-data first): " + tenant_row.error().message);
  const base::TenantId tenant = tenant_row->id;

  auto stack = app::BuildAccountStack(database, *config);
  if (!stack) Die(stack.error().message);
  app::AccountStack& s = **stack;

  std::vector<Coordinator> coordinators = {{"demo.coordinator", "CEN-SAM", {}},
                                           {"bench.coordinator.cen", "CEN-SAM", {}},
                                           {"bench.coordinator.his", "HIS-SAM", {}},
                                           {"bench.coordinator.no", "NO-SAM", {}},
                                           {"bench.coordinator.sv", "SV-SAM", {}}};
  trust::Actor op = trust::Actor::Public(tenant, "bench");
  op.purpose = "demo data";
  op.local_operator = true;
  for (Coordinator& c : coordinators) {
    c.unit_public_id = PublicIdOf(database, tenant, c.unit_code);
    if (c.username == "demo.coordinator") continue;
    auto made = s.accounts->CreateUser(
        op, tenant,
        trust::accounts::NewUser{.username = c.username,
                                 .display_name = "Bench " + c.unit_code,
                                 .unit_code = c.unit_code,
                                 .roles = {trust::accounts::Role::kCoordinator},
                                 .password = "fyren-bench-" + c.unit_code + "-lighthouse",
                                 .is_demo = true,
                                 .totp_secret = std::nullopt});
    if (!made && made.error().field != "username")
      Die("user " + c.username + ": " + made.error().message);
  }
  const std::string ngo_id = PublicIdOf(database, tenant, "NGO-A");

  std::vector<trust::Actor> actors;
  for (const Coordinator& c : coordinators) {
    auto actor = app::DemoActor(database, tenant, kFile, "bench-exit-cases", c.username);
    if (!actor) Die(actor.error().message);
    actors.push_back(std::move(*actor));
  }

  auto catalogue = sip::InterventionCatalogue::LoadEmbedded();
  if (!catalogue) Die(catalogue.error().message);
  const person::PersonService persons(database, *s.ring, *s.audit, s.clock,
                                      {.allow_synthetic_identity_numbers = true});
  const exit_case::ExitCaseService cases(database, *s.ring, *s.audit, s.clock);
  const sip::SipService sips(database, *s.ring, *s.audit, s.clock, *catalogue);

  // Demo coordinator for every 20th person; the rest round-robin over the bench coordinators.
  auto pick = [&](int n) -> std::size_t {
    if (n % 20 == 0) return 0;
    return 1 + static_cast<std::size_t>(n % 4);
  };
  auto save_plan = [&](const trust::Actor& actor, const std::string& case_id, int n,
                       const std::string& unit_id) {
    auto saved = sips.Save(actor, case_id,
                           sip::SaveInput{.expected_version = 0,
                                          .document = MakePlan(n, unit_id, ngo_id),
                                          .change_note = "Första SIP-mötet",
                                          .guard_confirmed = true});
    if (!saved) Die("plan: " + saved.error().message);
    if (saved->status != sip::SaveStatus::kSaved) {
      Die("plan not saved: " + (saved->problems.empty() ? std::string("conflict or guard")
                                                        : saved->problems.front().field + " " +
                                                              saved->problems.front().code));
    }
  };

  std::atomic<int> next{0};
  std::atomic<int> done{0};
  std::mutex print;
  const auto start = std::chrono::steady_clock::now();
  auto work = [&] {
    for (int n = next++; n < persons_total; n = next++) {
      const std::size_t who = pick(n);
      const trust::Actor& actor = actors[who];
      const std::string& unit_id = coordinators[who].unit_public_id;
      person::PersonInput input;
      input.identity_kind = "number";
      input.identity_number = trust::identity::MakeSyntheticPersonnummer(kFirstSerial + n);
      input.given_name = kGiven[n % std::size(kGiven)];
      input.family_name = kFamily[(n / 16) % std::size(kFamily)];
      input.gender = n % 7 == 0 ? "not_stated" : "woman";
      input.languages = n % 3 == 0 ? "sv, ro" : "sv";
      input.interpreter_needed = n % 3 == 0;
      auto registered = persons.Register(actor, input);
      if (!registered) Die("person: " + registered.error().message);
      if (!registered->ok()) {
        Die("person " + std::to_string(n) + ": " + registered->problems.front().code +
            " (already loaded? use a fresh database)");
      }
      // The first case: a plan, then closed (goals reached).
      auto first = cases.Open(actor, registered->public_id, {});
      if (!first || !first->ok()) Die("open first case of person " + std::to_string(n));
      save_plan(actor, first->public_id, n, unit_id);
      auto closed = cases.ChangeStatus(
          actor, first->public_id,
          exit_case::StatusChangeInput{
              .status = "closed", .reason = "goals_reached", .note = {}, .expected_version = 1});
      if (!closed || !closed->ok()) Die("close first case of person " + std::to_string(n));
      // The second case stays open with its own plan.
      auto second = cases.Open(actor, registered->public_id, {});
      if (!second || !second->ok()) Die("open second case of person " + std::to_string(n));
      save_plan(actor, second->public_id, n + 1, unit_id);
      const int finished = ++done;
      if (finished % 500 == 0 || finished == persons_total) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const std::lock_guard lock(print);
        std::cerr << "exit_cases_load: " << finished << "/" << persons_total << " persons, "
                  << 2 * finished << " cases and plans, " << static_cast<int>(seconds) << " s\n";
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work);
  for (std::thread& t : pool) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "exit_cases_load: " << persons_total << " persons, " << 2 * persons_total
            << " cases, " << 2 * persons_total << " plans of 10 interventions in " << seconds
            << " s (" << threads << " threads)\n";
  return 0;
}
