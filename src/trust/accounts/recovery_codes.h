#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fyren::trust::accounts {

// Single-use codes for signing in when the authenticator app is lost. Each has 80 random bits,
// written as four groups of four base32 letters and digits ("k7pq-2mzx-..."), so an unkeyed hash
// is enough to store them (crypto::TokenHash). Thread-safe.
inline constexpr int kRecoveryCodeCount = 10;

[[nodiscard]] std::vector<std::string> NewRecoveryCodes(int count = kRecoveryCodeCount);

// The canonical form of what a user typed (lower case, no spaces or dashes), or nullopt when it
// cannot be a recovery code. Hash the canonical form.
[[nodiscard]] std::optional<std::string> NormaliseRecoveryCode(std::string_view typed);

}  // namespace fyren::trust::accounts
