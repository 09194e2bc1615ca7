#include "trust/crypto/password_hash.h"

#include <sodium.h>

#include "trust/crypto/sodium_runtime.h"

namespace fyren::trust::crypto {
namespace {

constexpr std::string_view kArgon2idPrefix = "$argon2id$";

bool LooksLikeArgon2id(std::string_view hash) {
  return hash.starts_with(kArgon2idPrefix) && hash.size() < crypto_pwhash_STRBYTES;
}

}  // namespace

PasswordCost PasswordCost::Moderate() {
  return {.ops_limit = crypto_pwhash_OPSLIMIT_MODERATE,
          .mem_limit = crypto_pwhash_MEMLIMIT_MODERATE};
}

PasswordCost PasswordCost::Interactive() {
  return {.ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE,
          .mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::Minimum() {
  return {.ops_limit = crypto_pwhash_OPSLIMIT_MIN, .mem_limit = crypto_pwhash_MEMLIMIT_MIN};
}

base::Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  EnsureSodium();
  if (password.size() > kMaxPasswordBytes) {
    return base::FailField("password", "The password is too long.");
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops_limit, cost.mem_limit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return base::Fail(base::ErrorCode::kUnavailable, "Please try again in a moment.",
                      "Argon2id could not allocate its memory");
  }
  return std::string(out);
}

base::Result<bool> VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (!LooksLikeArgon2id(hash)) {
    return base::Fail(base::ErrorCode::kInternal, "The stored password cannot be checked.",
                      "stored password hash is not an Argon2id string");
  }
  if (password.size() > kMaxPasswordBytes) return false;
  // libsodium needs the hash NUL-terminated.
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view hash, PasswordCost cost) {
  EnsureSodium();
  if (!LooksLikeArgon2id(hash)) return true;
  const std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), cost.ops_limit, cost.mem_limit) != 0;
}

}  // namespace fyren::trust::crypto
