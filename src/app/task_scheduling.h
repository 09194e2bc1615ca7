#pragma once

#include "app/config.h"
#include "domain/tasks/task_scheduler.h"

namespace fyren::app {

// The task scheduler's options from [tasks] in the configuration; the holder names this
// process (host:pid) in job_runs.
[[nodiscard]] tasks::SchedulerOptions SchedulerOptionsFrom(const Config& config);

}  // namespace fyren::app
