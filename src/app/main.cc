// `fyren`: one binary, one subcommand per operator task (DESIGN.md, Shape).
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "app/audit_command.h"
#include "app/commands.h"
#include "app/config.h"
#include "app/routes_command.h"
#include "app/user_command.h"

namespace {

// Loads the configuration for a subcommand: file (--config or FYREN_CONFIG), environment, then
// every --set in order. Prints the reason and returns nullopt on an error.
std::optional<fyren::app::Config> ResolveConfig(const std::string& config_path,
                                                const std::vector<std::string>& sets) {
  auto env = fyren::app::FyrenEnvironment();
  std::string path = config_path;
  if (path.empty()) {
    if (const auto found = env.find("FYREN_CONFIG"); found != env.end()) path = found->second;
  }
  auto config = fyren::app::LoadConfig(path, env);
  if (!config) {
    std::cerr << "fyren: configuration error: " << config.error().message << "\n";
    return std::nullopt;
  }
  for (const std::string& set : sets) {
    const auto eq = set.find('=');
    if (eq == std::string::npos) {
      std::cerr << "fyren: --set expects section.key=value, got '" << set << "'\n";
      return std::nullopt;
    }
    if (auto ok =
            fyren::app::ApplyOverride(*config, set.substr(0, eq), set.substr(eq + 1), "--set");
        !ok) {
      std::cerr << "fyren: configuration error: " << ok.error().message << "\n";
      return std::nullopt;
    }
  }
  return std::move(*config);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{
      "Fyren — case system against prostitution, human trafficking and sexual "
      "exploitation"};
  cli.require_subcommand(1);
  std::string config_path;
  std::vector<std::string> sets;
  cli.add_option("-c,--config", config_path, "TOML configuration file (or FYREN_CONFIG)");
  cli.add_option("--set", sets, "Override one key: section.key=value (repeatable)");

  auto* serve = cli.add_subcommand("serve", "Serve the web UI and the API");
  std::int64_t port = -1;
  bool demo = false;
  serve->add_option("-p,--port", port, "Port to listen on (server.port)");
  serve->add_flag("--demo", demo, "Demo mode: synthetic data and demo accounts (demo.enabled)");

  auto* migrate = cli.add_subcommand("migrate", "Apply pending schema migrations");
  auto* demo_data = cli.add_subcommand("demo-data", "Load the synthetic demo tenant (idempotent)");

  auto* backup = cli.add_subcommand("backup", "Write a consistent copy of the live database");
  std::string backup_to;
  backup->add_option("--to", backup_to, "Destination file")->required();

  auto* restore = cli.add_subcommand("restore", "Restore the database from a backup");
  std::string restore_from;
  bool force = false;
  restore->add_option("--from", restore_from, "Backup file")->required();
  restore->add_flag("--force", force, "Replace an existing database");

  auto* config_cmd = cli.add_subcommand("config", "Configuration tools");
  config_cmd->require_subcommand(1);
  auto* config_check =
      config_cmd->add_subcommand("check", "Validate and print the effective configuration");

  auto* keys = cli.add_subcommand("keys", "Master key and data keys (envelope encryption)");
  keys->require_subcommand(1);
  auto* keys_init =
      keys->add_subcommand("init", "Write a new master key file (keys.master_key_file)");
  auto* keys_status = keys->add_subcommand("status", "List data keys and which master wraps them");
  auto* keys_rotate_master =
      keys->add_subcommand("rotate-master", "Re-wrap every data key with a new master key");
  std::string new_master_path;
  keys_rotate_master
      ->add_option("--new", new_master_path, "New master key file (created if absent)")
      ->required();
  auto* keys_rotate_data = keys->add_subcommand(
      "rotate-data", "New data key per tenant; re-encrypt every encrypted column");

  auto* user = cli.add_subcommand("user", "User accounts: add, list, deactivate, end sessions");
  user->require_subcommand(1);
  fyren::app::UserAddOptions user_add_options;
  auto* user_add = user->add_subcommand("add", "Create a user (prints a first password)");
  user_add->add_option("--username", user_add_options.username, "Sign-in name")->required();
  user_add->add_option("--name", user_add_options.name, "Display name")->required();
  user_add->add_option("--unit", user_add_options.unit, "Unit code, e.g. CEN-SAM")->required();
  user_add->add_option("--role", user_add_options.roles, "Role (repeatable)")->required();
  user_add->add_option("--password", user_add_options.password,
                       "First password (default: generated and printed)");
  auto* user_list = user->add_subcommand("list", "List users");
  std::string user_name;
  auto* user_deactivate = user->add_subcommand("deactivate", "Deactivate a user");
  user_deactivate->add_option("username", user_name)->required();
  auto* user_end_sessions = user->add_subcommand("end-sessions", "End all sessions of a user");
  user_end_sessions->add_option("username", user_name)->required();
  auto* user_unlock = user->add_subcommand("unlock", "Unlock a user locked after failures");
  user_unlock->add_option("username", user_name)->required();

  auto* audit = cli.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "Recompute every tenant's audit hash chain");

  auto* tasks = cli.add_subcommand("tasks", "Inbox tasks from due dates");
  tasks->require_subcommand(1);
  auto* tasks_run_once =
      tasks->add_subcommand("run-once", "Create the tasks that are due now (one pass)");

  auto* routes = cli.add_subcommand("routes", "List every route with the permission it needs");
  bool routes_json = false;
  routes->add_flag("--json", routes_json, "One JSON object per line");

  auto* version = cli.add_subcommand("version", "Print the version");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : fyren::app::kExitUsage;
  }

  if (version->parsed()) return fyren::app::RunVersion();
  if (routes->parsed()) return fyren::app::RunRoutes(routes_json, std::cout);

  if (port >= 0) sets.push_back("server.port=" + std::to_string(port));
  if (demo) sets.emplace_back("demo.enabled=true");
  const auto config = ResolveConfig(config_path, sets);
  if (!config) return fyren::app::kExitUsage;

  if (serve->parsed()) return fyren::app::RunServe(*config);
  if (migrate->parsed()) return fyren::app::RunMigrate(*config);
  if (demo_data->parsed()) return fyren::app::RunDemoData(*config);
  if (backup->parsed()) return fyren::app::RunBackup(*config, backup_to);
  if (restore->parsed()) return fyren::app::RunRestore(*config, restore_from, force);
  if (config_check->parsed()) return fyren::app::RunConfigCheck(*config);
  if (user_add->parsed()) return fyren::app::RunUserAdd(*config, user_add_options);
  if (user_list->parsed()) return fyren::app::RunUserList(*config);
  if (user_deactivate->parsed()) return fyren::app::RunUserDeactivate(*config, user_name);
  if (user_end_sessions->parsed()) return fyren::app::RunUserEndSessions(*config, user_name);
  if (user_unlock->parsed()) return fyren::app::RunUserUnlock(*config, user_name);
  if (audit_verify->parsed()) return fyren::app::RunAuditVerify(*config, std::cout, std::cerr);
  if (tasks_run_once->parsed()) return fyren::app::RunTasksOnce(*config);
  if (keys_init->parsed()) return fyren::app::RunKeysInit(*config);
  if (keys_status->parsed()) return fyren::app::RunKeysStatus(*config);
  if (keys_rotate_master->parsed()) {
    return fyren::app::RunKeysRotateMaster(*config, new_master_path);
  }
  if (keys_rotate_data->parsed()) return fyren::app::RunKeysRotateData(*config);
  return fyren::app::kExitUsage;
}
