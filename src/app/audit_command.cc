#include "app/audit_command.h"

#include <chrono>
#include <ostream>

#include "app/commands.h"
#include "app/database_url.h"
#include "storage/database.h"
#include "storage/migrator.h"
#include "trust/audit/audit_store.h"
#include "trust/audit/chain_verifier.h"

namespace fyren::app {

int RunAuditVerify(const Config& config, std::ostream& out, std::ostream& err) {
  auto db = storage::OpenDatabase(config.database_url, DatabaseOptionsFrom(config));
  if (!db) {
    err << "fyren: cannot open the database " << storage::RedactUrl(config.database_url) << ": "
        << db.error().message << "\n";
    return kExitUsage;
  }
  const int exit_code = RunAuditVerifyOn(**db, out, err);
  (*db)->Close();
  return exit_code;
}

int RunAuditVerifyOn(storage::Database& db, std::ostream& out, std::ostream& err) {
  auto migrations = storage::LoadMigrations(db.backend());
  if (!migrations) {
    err << "fyren: " << migrations.error().message << "\n";
    return kExitUsage;
  }
  if (auto ok = storage::CheckSchema(db, static_cast<int>(migrations->size())); !ok) {
    err << "fyren: " << ok.error().message << "\n";
    return kExitUsage;
  }
  auto tenants = db.Read([](storage::Transaction& tx) { return trust::audit::ListTenants(tx); });
  if (!tenants) {
    err << "fyren: cannot list tenants: " << tenants.error().message << "\n";
    return kExitUsage;
  }

  int exit_code = 0;
  for (const base::TenantId tenant : *tenants) {
    const auto started = std::chrono::steady_clock::now();
    auto report = trust::audit::VerifyChain(db, tenant);
    if (!report) {
      err << "fyren: tenant " << tenant.value()
          << ": verification stopped: " << report.error().message << "\n";
      return kExitUsage;
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    if (report->intact()) {
      out << "tenant " << tenant.value() << ": intact, " << report->entries_checked
          << " entries (head " << report->head_seq << ", " << ms << " ms)\n";
      continue;
    }
    exit_code = kExitFailure;
    out << "tenant " << tenant.value() << ": BROKEN at seq " << report->first_break->seq << ": "
        << trust::audit::ToString(report->first_break->kind) << " (" << report->entries_checked
        << " entries verified before it, head " << report->head_seq << ")\n";
  }
  return exit_code;
}

}  // namespace fyren::app
