#pragma once

#include "base/result.h"
#include "storage/database.h"
#include "trust/accounts/security_events.h"
#include "trust/audit/audit_event.h"
#include "trust/audit/audit_log.h"

namespace fyren::trust::accounts {

// How an account event reads in the audit trail (DESIGN.md, Audit: every login, failed login and
// lockout is an entry). The entry is about the account (RecordType::kUser, the user's id) when
// the account is known; a name that matches no account leaves the record empty.
struct SecurityAuditMapping {
  audit::Action action = audit::Action::kLogin;
  audit::Outcome outcome = audit::Outcome::kAllowed;
  audit::Purpose purpose = audit::Purpose::kAuthentication;
};
[[nodiscard]] SecurityAuditMapping AuditMappingOf(SecurityEventKind kind);

// The audit event for `event`. The actor is the administrator for administrative events, the
// user for what a user did after their password was accepted, and nobody for a failed or refused
// attempt (whoever typed the password is not known to be the user). A request id that is empty
// or of the wrong shape (the CLI has none) is replaced by a fresh "cli-..." id, so the entry is
// still valid and the rest of it is kept. kInvalidInput only for a non-positive tenant or id.
[[nodiscard]] base::Result<audit::AuditEvent> ToAuditEvent(const SecurityEvent& event);

// Appends each event to the tenant's audit chain inside the caller's transaction
// (AuditLog::AppendInTransaction), so the event and the change it records commit together; a
// failure to append fails the caller's transaction. Thread-safe; `log` must outlive the sink.
class AuditSecurityEventSink final : public SecurityEventSink {
 public:
  explicit AuditSecurityEventSink(audit::AuditLog& log) : log_(log) {}
  [[nodiscard]] base::Status Record(storage::Transaction& tx, const SecurityEvent& event) override;

 private:
  audit::AuditLog& log_;
};

}  // namespace fyren::trust::accounts
