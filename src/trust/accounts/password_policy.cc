#include "trust/accounts/password_policy.h"

#include <fstream>
#include <sstream>

#include "base/utf8.h"

namespace fyren::trust::accounts {
namespace {

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

}  // namespace

PasswordBlocklist PasswordBlocklist::FromText(std::string_view text) {
  PasswordBlocklist list;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = end + 1;
    if (line.empty() || line.starts_with("#!comment")) continue;
    list.entries_.insert(AsciiLower(line));
  }
  return list;
}

base::Result<PasswordBlocklist> PasswordBlocklist::Load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      "the list of common passwords " + path.string() +
                          " cannot be read; install the Debian package john-data "
                          "(scripts/install-deps does)");
  }
  std::ostringstream text;
  text << in.rdbuf();
  PasswordBlocklist list = FromText(text.str());
  if (list.size() == 0) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      "the list of common passwords " + path.string() + " is empty");
  }
  return list;
}

bool PasswordBlocklist::Contains(std::string_view password) const {
  return entries_.contains(AsciiLower(password));
}

std::string_view ToString(PasswordProblem problem) {
  switch (problem) {
    case PasswordProblem::kTooShort:
      return "too_short";
    case PasswordProblem::kTooLong:
      return "too_long";
    case PasswordProblem::kNotText:
      return "not_text";
    case PasswordProblem::kCommon:
      return "common";
    case PasswordProblem::kSameAsUsername:
      return "same_as_username";
  }
  return "unknown";
}

std::string_view Describe(PasswordProblem problem) {
  switch (problem) {
    case PasswordProblem::kTooShort:
      return "The password must be at least 8 characters long.";
    case PasswordProblem::kTooLong:
      return "The password may be at most 128 characters long.";
    case PasswordProblem::kNotText:
      return "The password contains characters that cannot be used.";
    case PasswordProblem::kCommon:
      return "The password is one of the most common passwords. Choose another.";
    case PasswordProblem::kSameAsUsername:
      return "The password may not be the same as the user name.";
  }
  return "The password cannot be used.";
}

std::optional<std::size_t> CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = base::Utf8SequenceLength(text, i);
    if (length == 0) return std::nullopt;
    i += length;
    ++count;
  }
  return count;
}

std::optional<PasswordProblem> CheckNewPassword(std::string_view password,
                                                std::string_view username,
                                                const PasswordBlocklist& blocklist) {
  const auto length = CountCodePoints(password);
  if (!length) return PasswordProblem::kNotText;
  for (const char c : password) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return PasswordProblem::kNotText;
  }
  if (*length < kMinPasswordLength) return PasswordProblem::kTooShort;
  if (*length > kMaxPasswordLength) return PasswordProblem::kTooLong;
  if (!username.empty() && AsciiLower(password) == AsciiLower(username)) {
    return PasswordProblem::kSameAsUsername;
  }
  if (blocklist.Contains(password)) return PasswordProblem::kCommon;
  return std::nullopt;
}

}  // namespace fyren::trust::accounts
