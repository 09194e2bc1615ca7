#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "base/log.h"
#include "base/result.h"
#include "storage/database.h"

namespace fyren::trust::accounts {

// What happened to an account or a session, for the audit log (DESIGN.md, Audit: every login,
// failed login and lockout is an entry). Ids only: never a user name, password or code.
enum class SecurityEventKind {
  kSignInSucceeded,     // password and second factor accepted; a full session began
  kSignInFailed,        // wrong user name or password (user_id empty when the name is unknown)
  kSecondFactorFailed,  // wrong, expired or replayed TOTP or recovery code
  kSignInThrottled,     // refused because of too many recent failures
  kAccountLocked,       // the failure limit was reached; an administrator must unlock
  kAccountUnlocked,
  kDemoAccountRefused,  // a demo account tried to sign in to a server not in demo mode
  kTotpEnrolled,
  kRecoveryCodeUsed,
  kStepUpSucceeded,  // TOTP entered again before an export or emergency access
  kSignedOut,
  kSessionsEnded,  // sign out everywhere, or an administrator ended a user's sessions
  kUserCreated,
  kUserDeactivated,
  kUserInvited,     // an invite link was issued (a re-invite revokes the open one: reason)
  kInviteAccepted,  // the invite was used to set the password
  kRolesChanged,
};

[[nodiscard]] std::string_view ToString(SecurityEventKind kind);  // "sign_in_failed", ...

struct SecurityEvent {
  SecurityEventKind kind = SecurityEventKind::kSignInFailed;
  base::TenantId tenant;
  std::optional<std::int64_t> user_id;   // the account concerned, when known
  std::optional<std::int64_t> actor_id;  // who did it when not the user (an administrator)
  std::string request_id;                // empty for the CLI
  std::string reason;                    // a short code, e.g. "wrong_password", "replayed"
};

// Where account events go: the audit chain (AuditSecurityEventSink, audit_security_event_sink.h)
// and a log line, through CompositeSecurityEventSink. Events are recorded inside the caller's
// write transaction, so the event and the change commit together. A failure to record fails the
// transaction. Implementations are thread-safe.
class SecurityEventSink {
 public:
  virtual ~SecurityEventSink() = default;
  [[nodiscard]] virtual base::Status Record(storage::Transaction& tx,
                                            const SecurityEvent& event) = 0;
};

// Writes each event as a log line ("security_event", ids and codes only), beside the audit
// chain: operators see sign-in trouble in the ordinary log.
class LogSecurityEventSink final : public SecurityEventSink {
 public:
  [[nodiscard]] base::Status Record(storage::Transaction& tx, const SecurityEvent& event) override;
};

// Records each event in every sink, in order. The first failure stops and is returned (the
// caller's transaction then rolls back, so no sink keeps an event that did not happen; a log
// line already written stays, which is why the log sink goes last).
class CompositeSecurityEventSink final : public SecurityEventSink {
 public:
  explicit CompositeSecurityEventSink(std::vector<std::unique_ptr<SecurityEventSink>> sinks)
      : sinks_(std::move(sinks)) {}
  [[nodiscard]] base::Status Record(storage::Transaction& tx, const SecurityEvent& event) override;

 private:
  const std::vector<std::unique_ptr<SecurityEventSink>> sinks_;
};

// Keeps events in memory, for tests.
class RecordingSecurityEventSink final : public SecurityEventSink {
 public:
  [[nodiscard]] base::Status Record(storage::Transaction& /*tx*/,
                                    const SecurityEvent& event) override {
    std::lock_guard lock(mutex_);
    events_.push_back(event);
    return base::Ok();
  }
  [[nodiscard]] std::vector<SecurityEvent> events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }
  [[nodiscard]] int Count(SecurityEventKind kind) const {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& e : events_) n += e.kind == kind ? 1 : 0;
    return n;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<SecurityEvent> events_;
};

}  // namespace fyren::trust::accounts
