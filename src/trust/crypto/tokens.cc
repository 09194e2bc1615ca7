#include "trust/crypto/tokens.h"

#include <sodium.h>

#include "trust/crypto/sodium_runtime.h"

namespace fyren::trust::crypto {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kTokenHashBytes = 32;
constexpr std::string_view kTokenHashLabel = "fyren.token.v1";

}  // namespace

std::string NewRandomToken() {
  EnsureSodium();
  unsigned char raw[kTokenBytes];
  randombytes_buf(raw, sizeof raw);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  char encoded[sodium_base64_ENCODED_LEN(kTokenBytes, kVariant)];
  sodium_bin2base64(encoded, sizeof encoded, raw, sizeof raw, kVariant);
  sodium_memzero(raw, sizeof raw);
  std::string token(encoded);
  sodium_memzero(encoded, sizeof encoded);
  return token;
}

std::string TokenHash(std::string_view token) {
  EnsureSodium();
  std::string out(kTokenHashBytes, '\0');
  // The label as BLAKE2b key separates this use from every other hash of the same bytes.
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     reinterpret_cast<const unsigned char*>(kTokenHashLabel.data()),
                     kTokenHashLabel.size());
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  EnsureSodium();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace fyren::trust::crypto
