#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/accounts/password_policy.h"
#include "trust/accounts/security_events.h"
#include "trust/actor.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/password_hasher.h"
#include "trust/sessions/session_service.h"

namespace fyren::trust::accounts {

inline constexpr std::chrono::hours kInviteValidity{72};

struct InviteRequest {
  std::string username;
  std::string display_name;
  std::string unit_code;
  std::vector<std::string> roles;  // stored names, e.g. "social_worker"
};

// The one answer that holds the link's token in clear. Show it once; it is not stored.
struct IssuedInvite {
  std::string user_public_id;
  std::string token;  // goes into /invite/{token}
  base::TimePoint expires_at;
};

// What the invite page shows before the password is chosen.
struct InviteView {
  std::string username;
  base::TimePoint expires_at;
};

// How accepting an invite ended. Everything except kAccepted leaves the database unchanged.
enum class AcceptOutcome {
  kAccepted,
  kInvalidLink,   // unknown, used, expired or revoked token, or a deactivated user: one answer
  kMismatch,      // the two passwords differ
  kWeakPassword,  // see `problem`
};

struct AcceptResult {
  AcceptOutcome outcome = AcceptOutcome::kInvalidLink;
  std::optional<PasswordProblem> problem;
  std::string username;  // on kAccepted: what to sign in with
};

// One-time invitation links (issue 3, item 2). An administrator invites a user: the account is
// created with an unusable password (the hash of a random secret nobody sees) and an invite whose
// token is returned once; only its BLAKE2b hash is stored. Opening the link lets the user choose a
// password (NIST rules and the blocklist); then they sign in and enrol TOTP as usual. A new invite
// for the same user revokes the open one; accepting it ends every session the user still has
// (whoever holds the old password's sessions is out). Every change is recorded through `events` in
// the same transaction; denials are appended to `audit` (when set).
//
// Thread-safe. Every reference must outlive the service. Blocking: issuing and accepting hash a
// password on the hasher's pool.
class InviteService {
 public:
  InviteService(storage::Database& db, const base::Clock& clock, crypto::PasswordHasher& hasher,
                const PasswordBlocklist& blocklist, SecurityEventSink& events,
                const sessions::SessionService& sessions, audit::AuditLog* audit);

  // A new user in a unit within the actor's scope, with roles the actor may grant (see
  // CheckRoleGrant), and their invite. kInvalidInput with field and an AdminProblem code in
  // `detail`; kForbidden for an actor who manages no users.
  [[nodiscard]] base::Result<IssuedInvite> InviteUser(const Actor& actor,
                                                      const InviteRequest& request);
  // A new link for an existing, active user in scope (the first was lost, or they forgot their
  // password); revokes any open invite. kNotFound outside the scope.
  [[nodiscard]] base::Result<IssuedInvite> Reinvite(const Actor& actor,
                                                    std::string_view user_public_id);

  // The invite behind `token` while it is open; nullopt otherwise (no reason given). Public:
  // holding the token is the authority.
  [[nodiscard]] base::Result<std::optional<InviteView>> Check(base::TenantId tenant,
                                                              std::string_view token) const;
  // Sets the password, marks the invite used and ends the user's open sessions.
  [[nodiscard]] base::Result<AcceptResult> Accept(base::TenantId tenant, std::string_view token,
                                                  std::string_view password,
                                                  std::string_view repeat,
                                                  std::string_view request_id);

 private:
  [[nodiscard]] base::Result<IssuedInvite> Issue(storage::Transaction& tx, const Actor& actor,
                                                 std::int64_t user_id, std::string public_id,
                                                 std::string_view reason);

  storage::Database& db_;
  const base::Clock& clock_;
  crypto::PasswordHasher& hasher_;
  const PasswordBlocklist& blocklist_;
  SecurityEventSink& events_;
  const sessions::SessionService& sessions_;
  audit::AuditLog* audit_;
};

}  // namespace fyren::trust::accounts
