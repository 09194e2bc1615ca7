#include "app/account_stack.h"

#include <vector>

#include "base/log.h"
#include "trust/accounts/audit_security_event_sink.h"
#include "trust/crypto/master_key.h"

namespace fyren::app {

namespace {

// Used when the master key cannot be loaded: every seal and open fails, so no TOTP check can pass.
class NoKeySealer final : public trust::accounts::SecretSealer {
 public:
  base::Result<std::string> Seal(base::TenantId, std::int64_t, std::string_view,
                                 std::string_view) const override {
    return Refuse();
  }
  base::Result<std::string> Open(base::TenantId, std::int64_t, std::string_view,
                                 std::string_view) const override {
    return Refuse();
  }

 private:
  static base::Result<std::string> Refuse() {
    return base::Fail(base::ErrorCode::kUnavailable,
                      "Two-factor sign-in cannot be checked right now.",
                      "no master key loaded: TOTP secrets cannot be opened");
  }
};

}  // namespace

base::Result<std::unique_ptr<AccountStack>> BuildAccountStack(storage::Database& db,
                                                              const Config& config,
                                                              bool require_master_key) {
  auto stack = std::make_unique<AccountStack>();
  auto blocklist = trust::accounts::PasswordBlocklist::Load(trust::accounts::kDefaultBlocklistPath);
  if (!blocklist) return std::unexpected(blocklist.error());
  stack->blocklist = std::move(*blocklist);
  // Production hashes at libsodium's MODERATE cost (about 380 ms, 256 MiB). The demo runs on
  // laptops and in CI with a dozen users signing in, so it uses INTERACTIVE (64 MiB); a hash
  // made at one cost is upgraded at the next sign-in under the other.
  stack->hasher =
      std::make_unique<trust::crypto::PasswordHasher>(trust::crypto::PasswordHasherOptions{
          .threads = 2,
          .max_queued = 32,
          .cost = config.demo_enabled ? trust::crypto::PasswordCost::Interactive()
                                      : trust::crypto::PasswordCost::Moderate()});
  auto master = trust::crypto::LoadMasterKeyFile(config.keys_master_key_file);
  if (master) {
    stack->ring = std::make_unique<trust::crypto::KeyRing>(std::move(*master));
    if (auto loaded = stack->ring->Reload(db); !loaded) return std::unexpected(loaded.error());
    stack->sealer = std::make_unique<trust::accounts::KeyRingSecretSealer>(*stack->ring);
  } else if (require_master_key) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      master.error().message + " (create it with: fyren keys init)");
  } else {
    base::log::Warn("accounts.no_master_key",
                    {{"detail", "two-factor sign-in refuses until the master key is loaded"}});
    stack->sealer = std::make_unique<NoKeySealer>();
  }
  // audit.syslog_mirror: a copy outside the database (syslog/journald, LOG_AUTHPRIV) that whoever
  // can rewrite the database cannot also rewrite (trust/audit/audit_mirror.h).
  if (config.audit_syslog_mirror) {
    stack->audit_mirror = std::make_unique<trust::audit::SyslogMirror>();
  }
  stack->audit = std::make_unique<trust::audit::AuditLog>(
      db, stack->clock, trust::audit::AuditLogOptions{.mirror = stack->audit_mirror.get()});
  // Every account event goes into the tenant's audit chain in the caller's transaction, and
  // then to the ordinary log (last: a log line cannot be taken back if the append fails).
  std::vector<std::unique_ptr<trust::accounts::SecurityEventSink>> sinks;
  sinks.push_back(std::make_unique<trust::accounts::AuditSecurityEventSink>(*stack->audit));
  sinks.push_back(std::make_unique<trust::accounts::LogSecurityEventSink>());
  stack->events = std::make_unique<trust::accounts::CompositeSecurityEventSink>(std::move(sinks));
  stack->sessions = std::make_unique<trust::sessions::SessionService>(db, stack->clock);
  trust::accounts::AccountOptions options;
  options.demo_mode = config.demo_enabled;
  stack->accounts = std::make_unique<trust::accounts::AccountService>(
      db, stack->clock, *stack->hasher, stack->blocklist, *stack->sealer, *stack->events,
      *stack->sessions, std::move(options));
  return stack;
}

}  // namespace fyren::app
