// The operator subcommands that work on the database without serving: migrate, demo-data,
// backup, restore, config check, version.
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/allocator.h"
#include "app/commands.h"
#include "app/database_url.h"
#include "app/demo_concerns.h"
#include "app/demo_directory.h"
#include "app/demo_exit_cases.h"
#include "app/demo_persons.h"
#include "app/demo_referrals.h"
#include "app/demo_screenings.h"
#include "app/demo_sips.h"
#include "app/demo_users.h"
#include "base/embedded.h"
#include "domain/organisation/organisation_import.h"
#include "domain/organisation/organisation_service.h"
#include "storage/database.h"
#include "storage/migrator.h"
#include "storage/sqlite/sqlite_backup.h"
#include "trust/crypto/data_keys.h"
#include "trust/crypto/master_key.h"

extern char** environ;  // NOLINT: POSIX global, passed on to pg_dump/pg_restore

namespace fyren::app {
namespace {

constexpr std::string_view kDemoTree = "content/demo/organisations.toml";
constexpr std::string_view kDemoTenantSlug = "demo";  // as in content/demo/organisations.toml

std::unique_ptr<storage::Database> OpenOrReport(const Config& config) {
  auto db = storage::OpenDatabase(config.database_url, DatabaseOptionsFrom(config));
  if (!db) {
    std::cerr << "fyren: cannot open the database " << storage::RedactUrl(config.database_url)
              << ": " << db.error().message << "\n";
    return nullptr;
  }
  return std::move(*db);
}

// Runs an external program (pg_dump, pg_restore) and waits for it. The database URL is passed
// as an argument, as those tools expect; operators who do not want a password on the command
// line use ~/.pgpass or PGPASSWORD instead of putting it in the URL.
int RunTool(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    std::cerr << "fyren: cannot start " << args.front() << " (install postgresql-client)\n";
    return kExitFailure;
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "fyren: " << args.front() << " failed\n";
    return kExitFailure;
  }
  return 0;
}

}  // namespace

storage::DatabaseOptions DatabaseOptionsFrom(const Config& config) {
  return storage::DatabaseOptions{
      .pool_size = static_cast<int>(config.database_pool_size),
      .acquire_timeout_ms = 5000,
      .busy_timeout_ms = static_cast<int>(config.database_busy_timeout_ms),
      .sqlite_cache_mib = static_cast<int>(config.database_sqlite_cache_mib),
  };
}

int RunMigrate(const Config& config) {
  auto db = OpenOrReport(config);
  if (!db) return kExitFailure;
  auto migrations = storage::LoadMigrations(db->backend());
  if (!migrations) {
    std::cerr << "fyren: " << migrations.error().message << "\n";
    return kExitFailure;
  }
  auto applied = storage::Migrate(*db, *migrations);
  if (!applied) {
    std::cerr << "fyren: migration failed: " << applied.error().message << "\n";
    return kExitFailure;
  }
  std::cout << "Applied " << *applied << " migration(s); schema at version " << migrations->size()
            << ".\n";
  db->Close();
  return 0;
}

int RunDemoData(const Config& config) {
  auto db = OpenOrReport(config);
  if (!db) return kExitFailure;
  auto migrations = storage::LoadMigrations(db->backend());
  if (!migrations) return kExitFailure;
  if (auto ok = storage::CheckSchema(*db, static_cast<int>(migrations->size())); !ok) {
    std::cerr << "fyren: " << ok.error().message << "\n";
    return kExitFailure;
  }
  const auto tree = base::FindEmbedded(kDemoTree);
  if (!tree) {
    std::cerr << "fyren: the demo data is missing from this build\n";
    return kExitFailure;
  }
  // The demo needs a master key; a demo may make one (production runs `fyren keys init`).
  if (!std::filesystem::exists(config.keys_master_key_file) && RunKeysInit(config) != 0) {
    return kExitFailure;
  }
  auto master = trust::crypto::LoadMasterKeyFile(config.keys_master_key_file);
  if (!master) {
    std::cerr << "fyren: " << master.error().message << "\n";
    return kExitFailure;
  }
  auto summary = organisation::ImportTenantTree(*db, *tree, kDemoTree);
  if (!summary) {
    std::cerr << "fyren: demo data not loaded: " << summary.error().message << "\n";
    return kExitFailure;
  }
  // Keys for the demo tenant (idempotent: existing keys are kept).
  organisation::OrganisationService organisations(*db);
  auto tenant = organisations.FindTenant(kDemoTenantSlug);
  auto created_keys = tenant ? trust::crypto::EnsureTenantKeys(*db, *master, tenant->id)
                             : base::Result<int>(std::unexpected(tenant.error()));
  if (!created_keys) {
    std::cerr << "fyren: demo tenant keys: " << created_keys.error().message << "\n";
    return kExitFailure;
  }
  if (summary->created) {
    std::cout << "Demo tenant created with " << summary->organisations
              << " organisations (synthetic data).\n";
  } else {
    std::cout << "Demo tenant already present; nothing changed.\n";
  }
  if (auto users = LoadDemoUsers(*db, config, tenant->id); !users) {
    std::cerr << "fyren: demo users not loaded: " << users.error().message << "\n";
    return kExitFailure;
  }
  if (auto persons = LoadDemoPersons(*db, config, tenant->id); !persons) {
    std::cerr << "fyren: demo persons not loaded: " << persons.error().message << "\n";
    return kExitFailure;
  }
  if (auto cases = LoadDemoExitCases(*db, config, tenant->id); !cases) {
    std::cerr << "fyren: demo exit cases not loaded: " << cases.error().message << "\n";
    return kExitFailure;
  }
  if (auto sips = LoadDemoSips(*db, config, tenant->id); !sips) {
    std::cerr << "fyren: demo plans not loaded: " << sips.error().message << "\n";
    return kExitFailure;
  }
  if (auto concerns = LoadDemoConcerns(*db, config, tenant->id); !concerns) {
    std::cerr << "fyren: demo reports of concern not loaded: " << concerns.error().message << "\n";
    return kExitFailure;
  }
  if (auto screenings = LoadDemoScreenings(*db, config, tenant->id); !screenings) {
    std::cerr << "fyren: demo screenings not loaded: " << screenings.error().message << "\n";
    return kExitFailure;
  }
  if (auto referrals = LoadDemoReferrals(*db, config, tenant->id); !referrals) {
    std::cerr << "fyren: demo referrals not loaded: " << referrals.error().message << "\n";
    return kExitFailure;
  }
  if (auto directory = LoadDemoDirectory(*db, config, tenant->id); !directory) {
    std::cerr << "fyren: support directory not loaded: " << directory.error().message << "\n";
    return kExitFailure;
  }
  db->Close();
  return 0;
}

int RunBackup(const Config& config, const std::string& destination) {
  if (std::filesystem::exists(destination)) {
    std::cerr << "fyren: " << destination << " exists; choose a new file name\n";
    return kExitFailure;
  }
  if (const auto path = SqlitePath(config.database_url)) {
    if (auto ok = storage::sqlite::BackupSqlite(*path, destination); !ok) {
      std::cerr << "fyren: backup failed: " << ok.error().message << "\n";
      return kExitFailure;
    }
    // A backup holds everything the live database holds: only its owner may read it.
    ::chmod(destination.c_str(), 0600);
    std::cout << "Backup written to " << destination << ".\n";
    return 0;
  }
  const int rc = RunTool({"pg_dump", "--format=custom", "--no-owner", "--file=" + destination,
                          "--dbname=" + config.database_url});
  if (rc == 0) {
    ::chmod(destination.c_str(), 0600);
    std::cout << "Backup written to " << destination << ".\n";
  }
  return rc;
}

int RunRestore(const Config& config, const std::string& source, bool force) {
  if (!std::filesystem::exists(source)) {
    std::cerr << "fyren: no backup at " << source << "\n";
    return kExitFailure;
  }
  if (const auto path = SqlitePath(config.database_url)) {
    if (auto ok =
            storage::sqlite::RestoreSqlite(source, *path,
                                           force ? storage::sqlite::RestoreMode::kOverwrite
                                                 : storage::sqlite::RestoreMode::kRefuseExisting);
        !ok) {
      std::cerr << "fyren: restore failed: " << ok.error().message << "\n";
      return kExitFailure;
    }
    std::cout << "Database restored from " << source << ".\n";
    return 0;
  }
  std::vector<std::string> args = {"pg_restore", "--no-owner", "--single-transaction",
                                   "--dbname=" + config.database_url};
  if (force) {
    args.emplace_back("--clean");
    args.emplace_back("--if-exists");
  }
  args.push_back(source);
  const int rc = RunTool(args);
  if (rc == 0) std::cout << "Database restored from " << source << ".\n";
  return rc;
}

int RunConfigCheck(const Config& config) {
  std::cout << DescribeConfig(config);
  return 0;
}

int RunVersion() {
  std::cout << "fyren " << FYREN_VERSION << "\n"
            << "allocator " << AllocatorInUse() << "\n";
  return 0;
}

}  // namespace fyren::app
