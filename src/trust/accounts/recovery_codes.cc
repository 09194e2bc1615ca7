#include "trust/accounts/recovery_codes.h"

#include "base/random.h"
#include "trust/accounts/totp.h"

namespace fyren::trust::accounts {
namespace {

constexpr std::size_t kCodeCharacters = 16;

}  // namespace

std::vector<std::string> NewRecoveryCodes(int count) {
  std::vector<std::string> codes;
  for (int i = 0; i < count; ++i) {
    std::string plain = EncodeBase32(base::RandomBytes(10));  // 80 bits, 16 characters
    std::string grouped;
    for (std::size_t j = 0; j < plain.size(); ++j) {
      if (j > 0 && j % 4 == 0) grouped += '-';
      const char c = plain[j];
      grouped += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    codes.push_back(std::move(grouped));
  }
  return codes;
}

std::optional<std::string> NormaliseRecoveryCode(std::string_view typed) {
  std::string canonical;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
    if (!ok) return std::nullopt;
    canonical += c;
  }
  if (canonical.size() != kCodeCharacters) return std::nullopt;
  return canonical;
}

}  // namespace fyren::trust::accounts
