#pragma once

#include <memory>

#include "app/config.h"
#include "base/clock.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/accounts/account_service.h"
#include "trust/accounts/password_policy.h"
#include "trust/accounts/secret_sealer.h"
#include "trust/accounts/security_events.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/key_ring.h"
#include "trust/crypto/password_hasher.h"
#include "trust/sessions/session_service.h"

namespace fyren::app {

// Everything accounts and sessions need, built once per process (serve, user, demo-data) from
// the configuration: the clock, the common-password list, the Argon2id pool, the TOTP secret
// sealer, the security-event sink and the two services. Owns them all; `db` must outlive it.
//
// TOTP secrets are sealed with the tenant's data key through a KeyRing loaded from
// keys.master_key_file. Account events (sign-in, failures, lockout, sign-out, administration)
// are appended to the tenant's audit chain in the transaction of the change and also written as
// log lines (trust/accounts/audit_security_event_sink.h).
struct AccountStack {
  std::unique_ptr<trust::crypto::KeyRing> ring;
  base::SystemClock clock;
  trust::accounts::PasswordBlocklist blocklist;
  // The optional second copy of every group-committed audit entry (audit.syslog_mirror); null
  // when off. Declared before `audit`, which publishes to it, so it outlives the log.
  std::unique_ptr<trust::audit::AuditMirror> audit_mirror;
  // The tenant audit chains. Declared before everything that appends to it, so it is destroyed
  // (and its queue written) after them.
  std::unique_ptr<trust::audit::AuditLog> audit;
  std::unique_ptr<trust::crypto::PasswordHasher> hasher;
  std::unique_ptr<trust::accounts::SecretSealer> sealer;
  std::unique_ptr<trust::accounts::SecurityEventSink> events;
  std::unique_ptr<trust::sessions::SessionService> sessions;
  std::unique_ptr<trust::accounts::AccountService> accounts;
};

// kInvalidInput naming the missing file when the common-password list cannot be read (install
// john-data) or the master key file cannot be loaded (run `fyren keys init`); the caller prints
// it and refuses to start. With `require_master_key` false (serve), a missing master key is not
// fatal: the server starts, logs a warning, and every step that needs a TOTP secret fails closed
// (503, "cannot be checked right now"), so nobody signs in without a second factor.
[[nodiscard]] base::Result<std::unique_ptr<AccountStack>> BuildAccountStack(
    storage::Database& db, const Config& config, bool require_master_key = true);

}  // namespace fyren::app
