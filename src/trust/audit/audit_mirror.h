#pragma once

#include <span>
#include <string>
#include <string_view>

#include "trust/audit/audit_event.h"

namespace fyren::trust::audit {

// A second, independent copy of every committed audit entry outside the database (syslog,
// journald, a remote log host). Someone who can rewrite the database and recompute the whole
// chain cannot also rewrite what was already shipped elsewhere, so comparing the two shows it.
// Implementations must be thread-safe and must not block for long: AuditLog calls Publish from
// its writer thread after each commit.
class AuditMirror {
 public:
  virtual ~AuditMirror() = default;
  // `entries` are committed, in seq order per tenant. Failures are the mirror's own business
  // (the entries are already durable in the database); Publish does not report them.
  virtual void Publish(std::span<const AuditEntry> entries) = 0;
};

// One JSON object per entry, without a newline, holding every column (ids, codes, hashes as hex)
// and nothing else: {"tenant":1,"seq":2,"at":...,"user":3,...,"prev_hash":"..","hash":".."}.
// Absent ids are null. No escaping is needed because every string is a code or a RequestId.
[[nodiscard]] std::string MirrorLine(const AuditEntry& entry);

// Writes MirrorLine to syslog with facility LOG_AUTHPRIV (readable only by root on a standard
// Debian rsyslog/journald setup) and severity LOG_INFO, under the ident "fyren-audit". openlog is
// process-wide state, so create at most one per process.
class SyslogMirror final : public AuditMirror {
 public:
  SyslogMirror();
  ~SyslogMirror() override;
  SyslogMirror(const SyslogMirror&) = delete;
  SyslogMirror& operator=(const SyslogMirror&) = delete;
  void Publish(std::span<const AuditEntry> entries) override;
};

}  // namespace fyren::trust::audit
