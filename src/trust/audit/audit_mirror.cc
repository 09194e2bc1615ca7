#include "trust/audit/audit_mirror.h"

#include <syslog.h>

#include <optional>

#include "trust/audit/canonical_encoding.h"

namespace fyren::trust::audit {
namespace {

void PutField(std::string& out, std::string_view name) {
  if (out.size() > 1) out += ',';
  out += '"';
  out += name;
  out += "\":";
}

void PutInt(std::string& out, std::string_view name, std::optional<std::int64_t> value) {
  PutField(out, name);
  out += value ? std::to_string(*value) : "null";
}

void PutText(std::string& out, std::string_view name, std::optional<std::string_view> value) {
  PutField(out, name);
  if (!value) {
    out += "null";
    return;
  }
  out += '"';
  out += *value;
  out += '"';
}

}  // namespace

std::string MirrorLine(const AuditEntry& entry) {
  const EntryView v = ViewOf(entry);
  std::string out = "{";
  PutInt(out, "tenant", v.tenant_id);
  PutInt(out, "seq", v.seq);
  PutInt(out, "at", v.occurred_at);
  PutInt(out, "user", v.actor_user_id);
  PutInt(out, "unit", v.unit_id);
  PutInt(out, "authority", v.authority_id);
  PutText(out, "action", v.action);
  PutText(out, "outcome", v.outcome);
  PutText(out, "record_type", v.record_type);
  PutInt(out, "record", v.record_id);
  PutInt(out, "person", v.person_id);
  PutText(out, "purpose", v.purpose);
  PutInt(out, "flags", v.flags);
  PutText(out, "request_id", v.request_id);
  PutText(out, "prev_hash", ToHex(AsBytes(entry.prev_hash)));
  PutText(out, "hash", ToHex(AsBytes(entry.hash)));
  out += '}';
  return out;
}

SyslogMirror::SyslogMirror() { ::openlog("fyren-audit", LOG_PID | LOG_NDELAY, LOG_AUTHPRIV); }

SyslogMirror::~SyslogMirror() { ::closelog(); }

void SyslogMirror::Publish(std::span<const AuditEntry> entries) {
  for (const AuditEntry& entry : entries) {
    // "%s" so that the line is never read as a format string.
    ::syslog(LOG_AUTHPRIV | LOG_INFO, "%s", MirrorLine(entry).c_str());
  }
}

}  // namespace fyren::trust::audit
