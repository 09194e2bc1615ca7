#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "storage/database.h"
#include "trust/sessions/session.h"

namespace fyren::trust::sessions {

// Server-side sessions (DESIGN.md, HTTP and web): a random token in the cookie, only its hash
// in the database; 15 minutes idle and 12 hours absolute; a new token at every step of sign-in
// (so a token planted before sign-in is worthless after it); sign-out, sign-out everywhere and
// ending a user's sessions by an administrator.
//
// Thread-safe: holds only references and a policy. `db` and `clock` must outlive it.
// Failure: database errors pass through (kUnavailable when it cannot be reached).
class SessionService {
 public:
  SessionService(storage::Database& db, const base::Clock& clock, SessionPolicy policy = {});

  // A new session for `user_id` at `stage`, in the caller's write transaction. The token is in
  // the result only; hash and CSRF token are stored.
  [[nodiscard]] base::Result<IssuedSession> Start(storage::Transaction& tx, base::TenantId tenant,
                                                  std::int64_t user_id, SessionStage stage,
                                                  base::TimePoint authenticated_at,
                                                  std::optional<base::TimePoint> mfa_at) const;

  // The open session for a cookie token, or nullopt when the token is malformed, unknown, ended
  // or expired (an expired session is ended on the way). Refreshes last_seen_at at most once per
  // touch_interval.
  [[nodiscard]] base::Result<std::optional<SessionRecord>> Resolve(base::TenantId tenant,
                                                                   std::string_view token) const;

  // Reads more about a found session (its user, say) in the lookup's own read transaction, so
  // that resolving a signed-in request costs one transaction instead of two. It gets the
  // session's row: with a `lookup_sql` built by SessionStore::FindByTokenHashSql, the columns
  // that statement adds follow SessionStore::kColumnCount. It runs before the expiry check, and
  // only for a session that has not ended; its result is used only when the session is open.
  using AlsoRead =
      std::function<base::Status(storage::Transaction&, const SessionRecord&, const storage::Row&)>;

  // Resolve(tenant, token), with `also` run on the found session inside the lookup.
  [[nodiscard]] base::Result<std::optional<SessionRecord>> Resolve(
      base::TenantId tenant, std::string_view token, const AlsoRead& also,
      const std::string* lookup_sql = nullptr) const;

  // Whether `record` has expired at `now` (idle, absolute, or a pending sign-in left too long).
  [[nodiscard]] bool IsExpired(const SessionRecord& record, base::TimePoint now) const;

  [[nodiscard]] base::Result<bool> End(storage::Transaction& tx, const SessionRecord& record,
                                       std::string_view reason) const;
  [[nodiscard]] base::Result<std::int64_t> EndAllForUser(storage::Transaction& tx,
                                                         base::TenantId tenant,
                                                         std::int64_t user_id,
                                                         std::string_view reason) const;
  // Records a fresh second-factor check (step-up) on an open session.
  [[nodiscard]] base::Status MarkSecondFactor(storage::Transaction& tx,
                                              const SessionRecord& record) const;

  [[nodiscard]] const SessionPolicy& policy() const { return policy_; }
  [[nodiscard]] base::TimePoint Now() const { return clock_.Now(); }
  [[nodiscard]] storage::Database& database() const { return db_; }

 private:
  storage::Database& db_;
  const base::Clock& clock_;
  const SessionPolicy policy_;
};

// True when `token` has the shape crypto::NewRandomToken() produces (43 URL-safe base64
// characters); anything else is rejected before a database lookup.
[[nodiscard]] bool IsWellFormedToken(std::string_view token);

}  // namespace fyren::trust::sessions
