#include <unistd.h>

#include <iostream>

#include "app/commands.h"
#include "app/database_url.h"
#include "app/task_scheduling.h"
#include "base/clock.h"
#include "base/log.h"
#include "domain/organisation/organisation_store.h"
#include "storage/migrator.h"

namespace fyren::app {

tasks::SchedulerOptions SchedulerOptionsFrom(const Config& config) {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return tasks::SchedulerOptions{.interval = std::chrono::seconds(config.tasks_interval_seconds),
                                 .follow_up_days = 7,
                                 .ending_days = 14,
                                 .consent_days = 14,
                                 .holder = std::string(host) + ":" + std::to_string(getpid())};
}

int RunTasksOnce(const Config& config) {
  base::log::Init(base::log::ParseLevel(config.log_level, base::log::Level::kInfo));
  auto opened = storage::OpenDatabase(config.database_url, DatabaseOptionsFrom(config));
  if (!opened) {
    std::cerr << "fyren: cannot open the database " << storage::RedactUrl(config.database_url)
              << ": " << opened.error().message << "\n";
    return kExitFailure;
  }
  storage::Database& db = **opened;
  auto migrations = storage::LoadMigrations(db.backend());
  if (!migrations) return kExitFailure;
  if (auto ok = storage::CheckSchema(db, static_cast<int>(migrations->size())); !ok) {
    std::cerr << "fyren: " << ok.error().message << "\n";
    return kExitFailure;
  }
  auto tenant = db.Read([&](storage::Transaction& tx) {
    return organisation::OrganisationStore::FindTenantBySlug(tx, config.tenant_slug);
  });
  if (!tenant || !*tenant) {
    std::cerr << "fyren: tenant '" << config.tenant_slug << "' is not in the database\n";
    return kExitFailure;
  }
  const base::SystemClock clock;
  tasks::TaskScheduler scheduler(db, (*tenant)->id, clock, SchedulerOptionsFrom(config));
  auto pass = scheduler.RunOnce();
  if (!pass) {
    std::cerr << "fyren: the task pass failed: " << pass.error().message << "\n";
    return kExitFailure;
  }
  if (!pass->ran) {
    std::cout << "Another server is running the task pass right now; nothing done.\n";
  } else {
    std::cout << "Created " << pass->follow_ups << " follow-up, " << pass->interventions_ending
              << " intervention-end and " << pass->consents_expiring
              << " consent-expiry task(s).\n";
  }
  base::log::Flush();
  db.Close();
  return 0;
}

}  // namespace fyren::app
