#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/accounts/account.h"
#include "trust/accounts/password_policy.h"
#include "trust/accounts/secret_sealer.h"
#include "trust/accounts/security_events.h"
#include "trust/accounts/session_user_cache.h"
#include "trust/accounts/sign_in_throttle.h"
#include "trust/actor.h"
#include "trust/crypto/password_hasher.h"
#include "trust/sessions/session_service.h"

namespace fyren::trust::accounts {

struct AccountOptions {
  bool demo_mode = false;        // demo accounts may sign in only when true
  std::string issuer = "Fyren";  // shown in authenticator apps
  ThrottleRule account_rule = kAccountRule;
  ThrottleRule address_rule = kAddressRule;
  std::chrono::seconds step_up_validity{5 * 60};
};

// What a sign-in step ended in. Pages turn each into a page and a message; none of them says
// whether a user name exists.
enum class SignInOutcome {
  kNeedsCode,         // password accepted; a TOTP or recovery code is next
  kNeedsEnrollment,   // password accepted; the user must set up TOTP first
  kSignedIn,          // a full session began
  kWrongCredentials,  // user name or password wrong (or the account is deactivated)
  kWrongCode,         // TOTP wrong, expired or already used; recovery code unknown or used
  kThrottled,         // too many recent failures: wait `retry_after`
  kLocked,            // locked after too many failures; an administrator must unlock
  kDemoRefused,       // a demo account, and the server is not in demo mode
  kBusy,              // too many sign-ins being checked at once: try again in a moment
};

struct SignInResult {
  SignInOutcome outcome = SignInOutcome::kWrongCredentials;
  std::optional<sessions::IssuedSession> session;  // the new session to put in the cookie
  std::chrono::seconds retry_after{0};
  std::vector<std::string> recovery_codes;  // after enrollment only: show once
};

struct Enrollment {
  std::string secret_base32;    // for typing into the app by hand
  std::string qr_svg_data_uri;  // the otpauth URI as a QR code
};

// A session that resolved, with what pages need to know about its user.
struct ResolvedSession {
  sessions::SessionRecord session;
  std::int64_t user_id = 0;
  std::vector<Role> roles;  // read with the user, no extra query
  // The user's unit and its authority, read in the same transaction: with them (and the
  // session's mfa_at) a handler builds the Actor without another database round trip.
  std::optional<base::OrganisationId> unit;
  std::optional<base::OrganisationId> authority;
};

// The signed-in user as pages show them (to themselves).
struct Profile {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  UnitInfo unit;
  std::vector<Role> roles;
  std::int64_t unused_recovery_codes = 0;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string unit_code;
  std::vector<Role> roles;
  std::string password;
  bool is_demo = false;
  std::optional<std::string> totp_secret;  // raw bytes; demo users are created enrolled
};

struct UserSummary {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::string unit_code;
  std::vector<Role> roles;
  bool active = true;
  bool locked = false;
  bool totp_enrolled = false;
  bool is_demo = false;
};

// Local accounts and the sign-in flow: password (Argon2id on a bounded pool), then TOTP (or
// enrollment), each step issuing a new session; throttling per account and per client address
// with growing delays and a lockout; step-up; sign-out; account administration. Every security
// event goes to `events` in the transaction of the change.
//
// Thread-safe. Every reference must outlive the service. Blocking: password checks wait for the
// hasher's pool (hundreds of milliseconds).
class AccountService {
 public:
  AccountService(storage::Database& db, const base::Clock& clock, crypto::PasswordHasher& hasher,
                 const PasswordBlocklist& blocklist, const SecretSealer& sealer,
                 SecurityEventSink& events, const sessions::SessionService& sessions,
                 AccountOptions options);

  struct PasswordAttempt {
    base::TenantId tenant;
    std::string username;
    std::string password;
    std::string client_address;
    std::string request_id;
    std::optional<sessions::SessionRecord> previous;  // ended when a new session begins
  };
  [[nodiscard]] base::Result<SignInResult> SignInWithPassword(const PasswordAttempt& attempt);

  struct CodeAttempt {
    sessions::SessionRecord session;
    std::string code;  // six digits, or a recovery code
    std::string client_address;
    std::string request_id;
  };
  // Second step of sign-in, for a session at stage kPassword.
  [[nodiscard]] base::Result<SignInResult> CompleteSignIn(const CodeAttempt& attempt);
  // For a session at stage kEnroll: the secret to show (created on first call, kept until
  // confirmed so a reload shows the same QR code).
  [[nodiscard]] base::Result<Enrollment> BeginEnrollment(const sessions::SessionRecord& session);
  // Confirms enrollment with a code from the app; on success a full session and ten recovery
  // codes.
  [[nodiscard]] base::Result<SignInResult> ConfirmEnrollment(const CodeAttempt& attempt);
  // TOTP again in a full session (before exports and emergency access): kSignedIn on success.
  [[nodiscard]] base::Result<SignInResult> StepUp(const CodeAttempt& attempt);
  // Whether the session's last second-factor check is recent enough for a step-up action.
  [[nodiscard]] bool HasFreshStepUp(const Actor& actor) const;

  [[nodiscard]] base::Status SignOut(const sessions::SessionRecord& session,
                                     std::string_view request_id);
  // Ends every session of the session's user, this one included; returns how many.
  [[nodiscard]] base::Result<std::int64_t> SignOutEverywhere(const sessions::SessionRecord& session,
                                                             std::string_view request_id);

  // The open session for a cookie token whose user may still sign in (active, not locked, not
  // a demo account outside demo mode); nullopt otherwise, ending the session if it was open.
  [[nodiscard]] base::Result<std::optional<ResolvedSession>> ResolveSession(base::TenantId tenant,
                                                                            std::string_view token);
  [[nodiscard]] base::Result<Profile> ProfileOf(const sessions::SessionRecord& session);
  // The Actor for a full session: user, unit, the unit's authority, roles. kUnauthenticated for a
  // session that is not full.
  [[nodiscard]] base::Result<Actor> ActorForSession(const sessions::SessionRecord& session,
                                                    std::string request_id);

  // Administration. Allowed for actor.local_operator (the CLI) and system administrators.
  // A new user: user name [a-z0-9._-]{2,64}, a password that passes CheckNewPassword, a unit
  // code that exists, at least one role. kConflict when the user name is taken.
  [[nodiscard]] base::Result<UserRecord> CreateUser(const Actor& actor, base::TenantId tenant,
                                                    const NewUser& user);
  [[nodiscard]] base::Result<std::vector<UserSummary>> ListUsers(const Actor& actor,
                                                                 base::TenantId tenant);
  // Deactivates the account and ends its sessions.
  [[nodiscard]] base::Status Deactivate(const Actor& actor, base::TenantId tenant,
                                        std::string_view username);
  // Ends every session of the user; returns how many were open.
  [[nodiscard]] base::Result<std::int64_t> EndSessionsOf(const Actor& actor, base::TenantId tenant,
                                                         std::string_view username);
  [[nodiscard]] base::Status Unlock(const Actor& actor, base::TenantId tenant,
                                    std::string_view username);

  [[nodiscard]] const AccountOptions& options() const { return options_; }

 private:
  struct Throttle {
    std::chrono::seconds wait{0};
    bool locked = false;
  };
  [[nodiscard]] base::Result<Throttle> CheckThrottle(storage::Transaction& tx,
                                                     base::TenantId tenant,
                                                     std::string_view account_subject,
                                                     std::string_view address_subject,
                                                     const std::optional<UserRecord>& user) const;
  // Counts a failure for both subjects and locks the account at the limit. Returns whether the
  // account is now locked.
  [[nodiscard]] base::Result<bool> RecordFailure(
      storage::Transaction& tx, base::TenantId tenant, std::string_view account_subject,
      std::string_view address_subject, const std::optional<UserRecord>& user,
      SecurityEventKind kind, std::string_view request_id, std::string_view reason);
  [[nodiscard]] base::Result<SignInResult> Refuse(base::TenantId tenant,
                                                  std::optional<std::int64_t> user_id,
                                                  SignInOutcome outcome, SecurityEventKind kind,
                                                  std::string_view request_id,
                                                  std::string_view reason,
                                                  std::chrono::seconds retry_after = {});
  [[nodiscard]] base::Result<UserRecord> UserOf(const sessions::SessionRecord& session) const;
  [[nodiscard]] base::Result<UserRecord> RequireUser(storage::Transaction& tx,
                                                     base::TenantId tenant,
                                                     std::string_view username) const;
  [[nodiscard]] base::Result<SignInResult> CheckCode(const CodeAttempt& attempt,
                                                     sessions::SessionStage expected);

  storage::Database& db_;
  const base::Clock& clock_;
  crypto::PasswordHasher& hasher_;
  const PasswordBlocklist& blocklist_;
  const SecretSealer& sealer_;
  SecurityEventSink& events_;
  const sessions::SessionService& sessions_;
  const AccountOptions options_;
  // Users as signed-in requests read them, between requests; behind a pointer so the service
  // stays movable.
  std::unique_ptr<SessionUserCache> session_users_ = std::make_unique<SessionUserCache>();
};

// Lower case, surrounding spaces removed. User names are compared in this form.
[[nodiscard]] std::string NormaliseUsername(std::string_view username);
[[nodiscard]] bool IsValidUsername(std::string_view normalised);

// The throttle subjects: the account by a hash of the (normalised) user name, so unknown names
// are throttled exactly like real ones, and the client address by a hash, so no address is
// stored.
[[nodiscard]] std::string AccountSubject(std::string_view normalised_username);
[[nodiscard]] std::string AddressSubject(std::string_view client_address);

inline constexpr std::string_view kTotpSecretColumn = "totp_secret";
inline constexpr std::string_view kTotpPendingColumn = "totp_pending_secret";

}  // namespace fyren::trust::accounts
