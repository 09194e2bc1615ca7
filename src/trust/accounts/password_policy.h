#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/result.h"

namespace fyren::trust::accounts {

// Passwords follow NIST SP 800-63B (5.1.1.2): length, not composition, is what counts, and
// commonly used passwords are refused. Every account has a second factor (TOTP), so the minimum
// is 8 characters; the maximum is 128 characters so a hash request stays small. Length counts
// Unicode code points, not bytes.
inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 128;

// Debian's john-data package: 3 500 passwords most often seen in real breaches.
inline constexpr std::string_view kDefaultBlocklistPath = "/usr/share/john/password.lst";

// Common passwords that may not be chosen. Matching ignores ASCII case. Immutable after load;
// thread-safe to share.
class PasswordBlocklist {
 public:
  // One password per line; lines starting with "#!comment" and empty lines are skipped.
  [[nodiscard]] static PasswordBlocklist FromText(std::string_view text);
  // kInvalidInput naming the path (and the Debian package to install) when the file is missing,
  // unreadable or holds no entries.
  [[nodiscard]] static base::Result<PasswordBlocklist> Load(const std::filesystem::path& path);

  [[nodiscard]] bool Contains(std::string_view password) const;
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  std::unordered_set<std::string> entries_;
};

// Why a new password was refused. Pages turn these into translated messages.
enum class PasswordProblem { kTooShort, kTooLong, kNotText, kCommon, kSameAsUsername };
[[nodiscard]] std::string_view ToString(PasswordProblem problem);  // "too_short", ...
// An English sentence for the CLI and logs-free error messages.
[[nodiscard]] std::string_view Describe(PasswordProblem problem);

// nullopt when `password` may be used by `username`. Pure; thread-safe.
[[nodiscard]] std::optional<PasswordProblem> CheckNewPassword(std::string_view password,
                                                              std::string_view username,
                                                              const PasswordBlocklist& blocklist);

// The number of Unicode code points in `text`, or nullopt when it is not well-formed UTF-8.
[[nodiscard]] std::optional<std::size_t> CountCodePoints(std::string_view text);

}  // namespace fyren::trust::accounts
