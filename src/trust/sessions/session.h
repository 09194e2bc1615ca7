#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/ids.h"

namespace fyren::trust::sessions {

// How far a session has come through sign-in. Only kFull may see anything beyond the sign-in
// pages: kPassword waits for a TOTP code, kEnroll for the user to set up TOTP.
enum class SessionStage { kPassword, kEnroll, kFull };
[[nodiscard]] std::string_view ToString(SessionStage stage);
[[nodiscard]] std::optional<SessionStage> ParseSessionStage(std::string_view text);

// Timeouts from DESIGN.md (HTTP and web). `touch_interval` limits writes: last_seen_at is
// updated at most that often, so idle expiry is exact to within that interval.
struct SessionPolicy {
  std::chrono::seconds idle_timeout{15 * 60};
  std::chrono::seconds absolute_timeout{12 * 60 * 60};
  std::chrono::seconds touch_interval{30};
  // A sign-in that stops after the password expires sooner than a full session.
  std::chrono::seconds pending_timeout{10 * 60};
};

// One row of `sessions`. The token itself is never stored, only its hash.
struct SessionRecord {
  base::TenantId tenant;
  std::int64_t session_id = 0;
  std::string public_handle;  // a random id that names the session in pages and logs
  std::int64_t user_id = 0;
  SessionStage stage = SessionStage::kPassword;
  std::string csrf_token;  // the synchronizer token every form of this session carries
  base::TimePoint created_at;
  base::TimePoint last_seen_at;
  base::TimePoint authenticated_at;       // when the password was accepted
  std::optional<base::TimePoint> mfa_at;  // last time a TOTP code was accepted (sign-in, step-up)
  std::optional<base::TimePoint> ended_at;
};

// A session just created: the record and the token for the cookie (shown once, never stored).
struct IssuedSession {
  SessionRecord record;
  std::string token;
};

}  // namespace fyren::trust::sessions
