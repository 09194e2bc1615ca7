#pragma once

#include <string>

#include "storage_fixture.h"
#include "trust/audit/audit_event.h"
#include "trust/audit/audit_log.h"

namespace fyren::storage::testing {

// Conformance for the audit log (src/trust/audit, migrations/*/0004_audit.sql): the real
// migrations, two tenants, and helpers to write events and to tamper with rows the way a DBA
// could (by switching the append-only triggers off first).
class AuditTest : public StorageTest {
 protected:
  static constexpr base::TenantId kTenant{201};
  static constexpr base::TenantId kOtherTenant{202};

  void SetUpAudit();
  static trust::audit::AuditEvent Event(base::TenantId tenant, std::int64_t user,
                                        std::int64_t person, std::uint32_t flags = 0);
  // Appends `count` events for kTenant through a fresh AuditLog (persons 1..count, user 7).
  void AppendEvents(int count);
  // Runs `sql` with the append-only triggers switched off (SQLite: dropped; PostgreSQL: ALTER
  // TABLE ... DISABLE TRIGGER USER, as the superuser the suite connects as).
  void Tamper(std::string_view sql);
  std::int64_t CountEntries(base::TenantId tenant);

  base::FakeClock clock_{base::FromUnixMicros(1767225600000000)};
};

}  // namespace fyren::storage::testing
