#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fyren::app {

// The effective configuration. Precedence, lowest first: built-in defaults, the TOML file,
// environment variables FYREN_<SECTION>_<KEY> (e.g. FYREN_DATABASE_URL), command-line flags.
struct Config {
  // [server]
  std::string server_address = "127.0.0.1";
  std::int64_t server_port = 8080;
  std::int64_t server_threads = 0;  // 0: one per core
  // Threads for handlers that may wait on the disk, the network or Argon2id (http/server.h).
  std::int64_t server_blocking_threads = 64;
  std::int64_t server_max_connections = 1024;
  std::int64_t server_max_body_bytes = 1024 * 1024;
  std::int64_t server_request_timeout_ms = 10'000;
  std::int64_t server_idle_timeout_ms = 30'000;
  std::int64_t server_drain_timeout_ms = 8'000;
  bool server_behind_tls = false;
  // [database]
  std::string database_url = "sqlite:var/fyren.db";
  std::int64_t database_pool_size = 8;
  std::int64_t database_busy_timeout_ms = 5'000;
  std::int64_t database_sqlite_cache_mib = 16;
  // [keys]
  std::string keys_master_key_file = "var/master.key";  // mode 0600, outside the database
  // [tenant]
  std::string tenant_slug = "demo";
  // [log]
  std::string log_level = "info";
  // [demo]
  bool demo_enabled = false;
  // [audit]
  bool audit_syslog_mirror = false;      // also send every audit entry to syslog (LOG_AUTHPRIV)
  std::int64_t audit_bulk_records = 20;  // log review: more distinct persons than this ...
  std::int64_t audit_bulk_minutes = 10;  // ... within this many minutes is flagged
  // [instruments]
  // A directory of screening instruments (*.toml) that replace embedded ones of the same id or
  // add new ones (docs/instruments.md); empty: the embedded content/instruments only.
  std::string instruments_dir;
  // [tasks]
  // Seconds between passes of the background job that turns due dates into inbox tasks
  // (src/domain/tasks/task_scheduler.h); 0 disables it (then run `fyren tasks run-once` by cron).
  std::int64_t tasks_interval_seconds = 300;
};

// Loads `path` (may be empty: no file) and applies `env` on top. An unknown key, a wrong type or
// an out-of-range value is kInvalidInput whose message names the key and, for the file, the line.
[[nodiscard]] base::Result<Config> LoadConfig(std::string_view path,
                                              const std::map<std::string, std::string>& env);

// Applies one "section.key=value" override (command-line flags), with the same checks.
[[nodiscard]] base::Status ApplyOverride(Config& config, std::string_view key,
                                         std::string_view value, std::string_view origin);

// The FYREN_* variables of the process environment.
std::map<std::string, std::string> FyrenEnvironment();

// The effective configuration as TOML, secrets redacted (database password).
std::string DescribeConfig(const Config& config);

// Every key as "section.key", for documentation and tests.
std::vector<std::string> ConfigKeys();

}  // namespace fyren::app
