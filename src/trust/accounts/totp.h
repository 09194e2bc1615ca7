#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace fyren::trust::accounts {

// Time-based one-time passwords (RFC 6238) through liboath: HMAC-SHA1, 6 digits, 30-second
// steps, the parameters every authenticator app supports. A code is accepted from the step
// before to the step after the current one (clock drift), and only when its step is later than
// the last step this user has used, so a code cannot be replayed. Pure functions; thread-safe.

inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, as RFC 4226 recommends
inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// A new random secret (raw bytes).
[[nodiscard]] std::string NewTotpSecret();

// RFC 4648 base32 without padding, as authenticator apps expect in otpauth:// URIs.
[[nodiscard]] std::string EncodeBase32(std::string_view bytes);
// Accepts upper or lower case, spaces and '-' between groups; nullopt for anything else.
[[nodiscard]] std::optional<std::string> DecodeBase32(std::string_view text);

// The time step `at` falls in.
[[nodiscard]] std::int64_t TotpStep(base::TimePoint at);

// The code for `at` (tests, the demo helper).
[[nodiscard]] std::string TotpCode(std::string_view secret, base::TimePoint at);

// The step of the matching code when `code` (6 digits, spaces allowed) is valid at `now` within
// one step either way and its step is greater than `last_used_step`; nullopt otherwise.
[[nodiscard]] std::optional<std::int64_t> MatchTotp(std::string_view secret, std::string_view code,
                                                    base::TimePoint now,
                                                    std::int64_t last_used_step);

// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
[[nodiscard]] std::string TotpProvisioningUri(std::string_view issuer, std::string_view account,
                                              std::string_view secret);

}  // namespace fyren::trust::accounts
