#include "app/demo_concerns.h"

#include <toml++/toml.h>

#include <iostream>

#include "app/account_stack.h"
#include "app/demo_actor.h"
#include "base/embedded.h"
#include "base/swedish_time.h"
#include "domain/concern/concern_service.h"
#include "domain/concern/concern_store.h"
#include "domain/person/person_store.h"

namespace fyren::app {
namespace {

constexpr std::string_view kIntakeUser = "demo.intake";

base::Error Bad(std::string what) {
  return base::Error{.code = base::ErrorCode::kInvalidInput,
                     .message = std::string(kDemoConcernsFile) + ": " + std::move(what),
                     .detail = {},
                     .field = {}};
}

base::Status Expect(const base::Result<std::vector<concern::FieldProblem>>& done, int number) {
  if (!done) return std::unexpected(done.error());
  if (!done->empty()) {
    return std::unexpected(Bad("report " + std::to_string(number) + ": " + done->front().code));
  }
  return base::Ok();
}

}  // namespace

base::Result<int> LoadDemoConcerns(storage::Database& db, const Config& config,
                                   base::TenantId tenant) {
  const auto text = base::FindEmbedded(kDemoConcernsFile);
  if (!text) {
    return base::Fail(base::ErrorCode::kInternal, "the demo reports are missing from this build");
  }
  toml::table file;
  try {
    file = toml::parse(*text, kDemoConcernsFile);
  } catch (const toml::parse_error& e) {
    return std::unexpected(Bad(std::string(e.description())));
  }
  auto existing = db.Read(
      [&](storage::Transaction& tx) { return concern::ConcernStore::CountReports(tx, tenant); });
  if (!existing) return std::unexpected(existing.error());
  if (*existing > 0) return 0;
  auto rules = concern::LoadDeadlineRules();
  if (!rules) return std::unexpected(rules.error());
  auto districts = concern::LoadDistricts();
  if (!districts) return std::unexpected(districts.error());
  Config demo = config;
  demo.demo_enabled = true;
  auto stack = BuildAccountStack(db, demo);
  if (!stack) return std::unexpected(stack.error());
  // Each report is dated in the past: the service reads this clock, moved per step.
  base::FakeClock clock(std::chrono::system_clock::now());
  const concern::ConcernService service(db, *(*stack)->ring, *(*stack)->audit, clock,
                                        std::move(*rules), std::move(*districts));
  auto intake =
      DemoActor(db, tenant, kDemoConcernsFile, "demo-data-concerns", std::string(kIntakeUser));
  if (!intake) return std::unexpected(intake.error());
  const auto* entries = file["report"].as_array();
  if (entries == nullptr) return std::unexpected(Bad("needs [[report]] entries"));
  int sent = 0;
  for (const auto& node : *entries) {
    const auto* entry = node.as_table();
    if (entry == nullptr) continue;
    const toml::table& r = *entry;
    const auto now = std::chrono::system_clock::now();
    const auto received = now - std::chrono::hours(r["hours_ago"].value_or(0));
    clock.Set(received);
    auto reporter = DemoActor(db, tenant, kDemoConcernsFile, "demo-data-concerns",
                              r["reported_by"].value_or(std::string()));
    if (!reporter) return std::unexpected(reporter.error());
    const concern::ReportInput input{
        .district = r["district"].value_or(std::string()),
        .committee = r["committee"].value_or(std::string()),
        .child_name = r["child_name"].value_or(std::string()),
        .child_description = r["child_description"].value_or(std::string()),
        .concern_text = r["concern_text"].value_or(std::string()),
        .reporter_phone = r["reporter_phone"].value_or(std::string()),
        .reporter_email = r["reporter_email"].value_or(std::string()),
        .screening_public_id = {}};
    auto outcome = service.Submit(*reporter, input);
    if (!outcome) return std::unexpected(outcome.error());
    if (!outcome->ok()) {
      return std::unexpected(
          Bad("report " + std::to_string(sent + 1) + ": " + outcome->problems.front().code));
    }
    ++sent;
    const std::string step = r["step"].value_or(std::string("new"));
    if (step == "new") continue;
    // Intake works it within the hour of receipt, each step a few minutes apart.
    std::int64_t version = 1;
    clock.Set(received + std::chrono::minutes(40));
    if (auto done =
            Expect(service.RecordAssessment(*intake, outcome->public_id,
                                            {.outcome = r["outcome"].value_or(std::string()),
                                             .note = r["note"].value_or(std::string()),
                                             .expected_version = version}),
                   sent);
        !done) {
      return std::unexpected(done.error());
    }
    ++version;
    if (step == "assessed") continue;
    clock.Set(received + std::chrono::hours(2));
    const std::string date = base::FormatSwedishDate(base::ToUnixMicros(clock.Now()));
    if (auto done =
            Expect(service.RecordDecision(*intake, outcome->public_id,
                                          {.decision = r["decision"].value_or(std::string()),
                                           .decision_date = date,
                                           .expected_version = version}),
                   sent);
        !done) {
      return std::unexpected(done.error());
    }
    ++version;
    if (step == "decided") continue;
    clock.Set(received + std::chrono::hours(3));
    if (auto done = Expect(service.Close(*intake, outcome->public_id, version), sent); !done) {
      return std::unexpected(done.error());
    }
  }
  std::cout << "Demo reports of concern sent: " << sent << " (synthetic).\n";
  return sent;
}

}  // namespace fyren::app
