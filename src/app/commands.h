#pragma once

#include <string>

#include "app/config.h"

namespace fyren::app {

// Each `fyren` subcommand. They return the process exit code: 0 success, 1 the operation
// failed (the message says why), 2 a usage or configuration error.
int RunServe(const Config& config);
int RunMigrate(const Config& config);
int RunDemoData(const Config& config);
int RunBackup(const Config& config, const std::string& destination);
int RunRestore(const Config& config, const std::string& source, bool force);
int RunConfigCheck(const Config& config);
int RunKeysInit(const Config& config);
int RunKeysStatus(const Config& config);
int RunKeysRotateMaster(const Config& config, const std::string& new_master_path);
int RunKeysRotateData(const Config& config);
int RunVersion();
// `fyren tasks run-once`: one pass of the task scheduler (tests and cron).
int RunTasksOnce(const Config& config);

inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

}  // namespace fyren::app
