#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "base/clock.h"
#include "base/ids.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::tasks {

struct SchedulerOptions {
  // Time between passes (config tasks.interval_seconds); zero disables the background thread.
  std::chrono::seconds interval{300};
  int follow_up_days = 7;  // sips.next_follow_up_on within this many days
  int ending_days = 14;    // sip_interventions.planned_end_on of active interventions
  int consent_days = 14;   // consents.expires_at of active consents
  std::string holder;      // who runs the pass (host:pid), recorded in job_runs
};

// What one pass did: counts only, which is all the log gets.
struct PassResult {
  bool ran = false;  // false: another server holds the lease or ran within the interval
  int follow_ups = 0;
  int interventions_ending = 0;
  int consents_expiring = 0;
  bool operator==(const PassResult&) const = default;
};

// The background job that turns due dates into inbox tasks for the case's coordinator (issue 4
// §5): SIP follow-ups, planned ends of active interventions and expiries of active consents.
// Safe with several servers on one database: a pass runs in one write transaction that takes
// the tenant's job lease (FOR UPDATE SKIP LOCKED on PostgreSQL), and every task has a unique
// source key inserted with ON CONFLICT DO NOTHING, so no task is created twice even when two
// passes do run. The job acts for no user and reads no personal data (dates, ids and codes), so
// it decides no access and writes no audit entry; the tasks it creates carry none either.
//
// Thread-safety: RunOnce may be called from any thread. Start and Stop belong to the owner;
// the destructor stops the thread.
class TaskScheduler {
 public:
  static constexpr std::string_view kJobName = "task_scheduler";

  TaskScheduler(storage::Database& db, base::TenantId tenant, const base::Clock& clock,
                SchedulerOptions options);
  ~TaskScheduler();
  TaskScheduler(const TaskScheduler&) = delete;
  TaskScheduler& operator=(const TaskScheduler&) = delete;

  // One pass now. With `share_interval`, skips when any server ran a pass within the interval
  // (the background thread); without it (`fyren tasks run-once`), runs unless another pass is
  // running at this moment. Failures: the database's.
  [[nodiscard]] base::Result<PassResult> RunOnce(bool share_interval = false);

  // Starts the thread that runs a pass every interval (the first one at once). No-op when the
  // interval is zero or the thread runs already. A failed pass is logged and retried next time.
  void Start();
  // Wakes and joins the thread; a pass in progress finishes first. Idempotent.
  void Stop();

 private:
  void Loop(std::stop_token stop);

  storage::Database& db_;
  base::TenantId tenant_;
  const base::Clock& clock_;
  SchedulerOptions options_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;
};

// The Swedish calendar date `days` after the Swedish date at `unix_us`, as 'YYYY-MM-DD'.
[[nodiscard]] std::string SwedishDatePlusDays(std::int64_t unix_us, int days);

}  // namespace fyren::tasks
