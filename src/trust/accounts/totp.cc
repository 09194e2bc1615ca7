#include "trust/accounts/totp.h"

#include <liboath/oath.h>

#include <chrono>
#include <cstdlib>
#include <mutex>

#include "base/bit_encoding.h"
#include "base/random.h"

namespace fyren::trust::accounts {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void EnsureOath() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Without liboath no second factor can be checked; refusing every code would lock
    // everyone out silently, so this is a broken installation, not a state to continue in.
    if (oath_init() != OATH_OK) std::abort();
  });
}

// RFC 3986 unreserved characters stay; everything else is %XX (an otpauth label is a URI).
std::string UriEncode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                            (u >= '0' && u <= '9') || u == '-' || u == '.' || u == '_' || u == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::time_t UnixSeconds(base::TimePoint at) {
  return static_cast<std::time_t>(
      std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
}

}  // namespace

std::string NewTotpSecret() { return base::RandomBytes(kTotpSecretBytes); }

std::string EncodeBase32(std::string_view bytes) {
  return base::EncodeWithAlphabet(bytes, kBase32Alphabet);
}

std::optional<std::string> DecodeBase32(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const auto value = kBase32Alphabet.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::int64_t TotpStep(base::TimePoint at) { return UnixSeconds(at) / kTotpStepSeconds; }

std::string TotpCode(std::string_view secret, base::TimePoint at) {
  EnsureOath();
  char code[kTotpDigits + 1] = {};
  if (oath_totp_generate(secret.data(), secret.size(), UnixSeconds(at), kTotpStepSeconds, 0,
                         kTotpDigits, code) != OATH_OK) {
    return {};
  }
  return std::string(code, kTotpDigits);
}

std::optional<std::int64_t> MatchTotp(std::string_view secret, std::string_view code,
                                      base::TimePoint now, std::int64_t last_used_step) {
  std::string digits;
  for (const char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != static_cast<std::size_t>(kTotpDigits) || secret.empty()) {
    return std::nullopt;
  }
  EnsureOath();
  int position = 0;
  std::uint64_t step = 0;
  const int rc = oath_totp_validate3(secret.data(), secret.size(), UnixSeconds(now),
                                     kTotpStepSeconds, 0, 1, &position, &step, digits.c_str());
  if (rc < 0) return std::nullopt;
  const auto matched = static_cast<std::int64_t>(step);
  if (matched <= last_used_step) return std::nullopt;
  return matched;
}

std::string TotpProvisioningUri(std::string_view issuer, std::string_view account,
                                std::string_view secret) {
  const std::string encoded_issuer = UriEncode(issuer);
  return "otpauth://totp/" + encoded_issuer + ":" + UriEncode(account) +
         "?secret=" + EncodeBase32(secret) + "&issuer=" + encoded_issuer +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace fyren::trust::accounts
