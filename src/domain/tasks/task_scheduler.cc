#include "domain/tasks/task_scheduler.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/log.h"
#include "base/swedish_time.h"
#include "domain/tasks/scheduler_store.h"
#include "domain/tasks/task.h"
#include "domain/tasks/task_store.h"

namespace fyren::tasks {
namespace {

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

base::Result<int> CreateAll(storage::Transaction& tx, base::TenantId tenant,
                            const std::vector<NewTask>& tasks, std::int64_t now_us) {
  int created = 0;
  for (const NewTask& task : tasks) {
    auto made = TaskStore::Create(tx, tenant, task, now_us);
    if (!made) return std::unexpected(made.error());
    if (*made) ++created;
  }
  return created;
}

std::vector<NewTask> FollowUpTasks(const std::vector<DueFollowUp>& due) {
  std::vector<NewTask> tasks;
  for (const DueFollowUp& d : due) {
    tasks.push_back(
        NewTask{.user_id = d.coordinator_user_id,
                .kind = std::string(kKindFollowUpDue),
                .case_id = d.case_id,
                .source_key = "sip:" + std::to_string(d.sip_id) + ":followup:" + d.follow_up_on,
                .due_on = d.follow_up_on,
                .payload = nlohmann::json{{"sip_id", d.sip_id}}.dump()});
  }
  return tasks;
}

std::vector<NewTask> EndingTasks(const std::vector<EndingIntervention>& due) {
  std::vector<NewTask> tasks;
  for (const EndingIntervention& d : due) {
    tasks.push_back(NewTask{.user_id = d.coordinator_user_id,
                            .kind = std::string(kKindInterventionEnds),
                            .case_id = d.case_id,
                            .source_key = "sip:" + std::to_string(d.sip_id) + ":intervention:" +
                                          d.intervention_key + ":ends:" + d.planned_end_on,
                            .due_on = d.planned_end_on,
                            .payload = nlohmann::json{{"sip_id", d.sip_id},
                                                      {"intervention_key", d.intervention_key},
                                                      {"catalogue_code", d.catalogue_code}}
                                           .dump()});
  }
  return tasks;
}

std::vector<NewTask> ConsentTasks(const std::vector<ExpiringConsent>& due) {
  std::vector<NewTask> tasks;
  for (const ExpiringConsent& d : due) {
    // The expiry time is part of the key: a consent renewed with a new expiry gets a new task.
    tasks.push_back(NewTask{
        .user_id = d.coordinator_user_id,
        .kind = std::string(kKindConsentExpires),
        .case_id = d.case_id,
        .source_key =
            "consent:" + std::to_string(d.consent_id) + ":expires:" + std::to_string(d.expires_at),
        // expires_at is the first instant it no longer holds: the task names the last valid day.
        .due_on = base::FormatSwedishDate(d.expires_at - 1),
        .payload = nlohmann::json{{"consent_id", d.consent_id}, {"purpose", d.purpose}}.dump()});
  }
  return tasks;
}

}  // namespace

std::string SwedishDatePlusDays(std::int64_t unix_us, int days) {
  const base::SwedishLocalTime local = base::ToSwedishLocal(unix_us);
  const std::chrono::sys_days start = std::chrono::year_month_day{
      std::chrono::year{local.year}, std::chrono::month{static_cast<unsigned>(local.month)},
      std::chrono::day{static_cast<unsigned>(local.day)}};
  const std::chrono::year_month_day date{start + std::chrono::days{days}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

TaskScheduler::TaskScheduler(storage::Database& db, base::TenantId tenant, const base::Clock& clock,
                             SchedulerOptions options)
    : db_(db), tenant_(tenant), clock_(clock), options_(std::move(options)) {}

TaskScheduler::~TaskScheduler() { Stop(); }

base::Result<PassResult> TaskScheduler::RunOnce(bool share_interval) {
  const std::int64_t now_us = base::ToUnixMicros(clock_.Now());
  const std::int64_t min_gap_us =
      share_interval
          ? std::chrono::duration_cast<std::chrono::microseconds>(options_.interval).count()
          : 0;
  if (auto ensured = db_.Write([this](storage::Transaction& tx) {
        return SchedulerStore::EnsureJob(tx, tenant_, kJobName);
      });
      !ensured) {
    return std::unexpected(ensured.error());
  }
  auto result = db_.Write([&](storage::Transaction& tx) -> base::Result<PassResult> {
    PassResult pass;
    auto claimed =
        SchedulerStore::ClaimPass(tx, tenant_, kJobName, options_.holder, now_us, min_gap_us);
    if (!claimed) return std::unexpected(claimed.error());
    if (!*claimed) return pass;
    pass.ran = true;

    auto follow_ups = SchedulerStore::DueFollowUps(
        tx, tenant_, SwedishDatePlusDays(now_us, options_.follow_up_days));
    if (!follow_ups) return std::unexpected(follow_ups.error());
    auto ending = SchedulerStore::EndingInterventions(
        tx, tenant_, SwedishDatePlusDays(now_us, options_.ending_days));
    if (!ending) return std::unexpected(ending.error());
    auto consents = SchedulerStore::ExpiringConsents(
        tx, tenant_, now_us, now_us + options_.consent_days * kMicrosPerDay);
    if (!consents) return std::unexpected(consents.error());

    auto made = CreateAll(tx, tenant_, FollowUpTasks(*follow_ups), now_us);
    if (!made) return std::unexpected(made.error());
    pass.follow_ups = *made;
    made = CreateAll(tx, tenant_, EndingTasks(*ending), now_us);
    if (!made) return std::unexpected(made.error());
    pass.interventions_ending = *made;
    made = CreateAll(tx, tenant_, ConsentTasks(*consents), now_us);
    if (!made) return std::unexpected(made.error());
    pass.consents_expiring = *made;
    return pass;
  });
  if (!result) return result;
  if (result->ran) {
    base::log::Info("tasks.pass", {{"tenant", tenant_.value()},
                                   {"follow_ups", result->follow_ups},
                                   {"interventions_ending", result->interventions_ending},
                                   {"consents_expiring", result->consents_expiring}});
  }
  return result;
}

void TaskScheduler::Start() {
  if (options_.interval.count() <= 0 || thread_.joinable()) return;
  thread_ = std::jthread([this](std::stop_token stop) { Loop(std::move(stop)); });
}

void TaskScheduler::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  wake_.notify_all();
  thread_.join();
}

void TaskScheduler::Loop(std::stop_token stop) {
  while (!stop.stop_requested()) {
    if (auto pass = RunOnce(/*share_interval=*/true); !pass) {
      base::log::Warn("tasks.pass_failed", {{"tenant", tenant_.value()},
                                            {"code", base::ToString(pass.error().code)},
                                            {"detail", pass.error().detail}});
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, options_.interval, [] { return false; });
  }
}

}  // namespace fyren::tasks
