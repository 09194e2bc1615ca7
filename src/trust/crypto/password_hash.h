#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace fyren::trust::crypto {

// Password hashing with Argon2id (libsodium's crypto_pwhash_str). The stored string is the
// standard "$argon2id$v=19$m=...,t=...,p=1$salt$hash" text: it carries its own salt and cost, so
// hashes made with an older cost still verify and PasswordNeedsRehash tells when to upgrade one.
//
// These functions take hundreds of milliseconds and hundreds of MiB at production cost: call them
// through PasswordHasher (password_hasher.h), never on an I/O thread. Thread-safe.

struct PasswordCost {
  std::uint64_t ops_limit = 0;
  std::size_t mem_limit = 0;  // bytes

  // Production: libsodium's MODERATE (3 passes, 256 MiB; about 380 ms on the reference machine,
  // DESIGN.md). Sign-in is rare per user, so the cost buys resistance to offline guessing.
  [[nodiscard]] static PasswordCost Moderate();
  // libsodium's INTERACTIVE (2 passes, 64 MiB), for machines too small for Moderate.
  [[nodiscard]] static PasswordCost Interactive();
  // The smallest cost libsodium accepts. Tests only: it offers no protection.
  [[nodiscard]] static PasswordCost Minimum();

  bool operator==(const PasswordCost&) const = default;
};

// Longer passwords are refused so one request cannot make the server hash megabytes.
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// kInvalidInput (field "password") when `password` is longer than kMaxPasswordBytes;
// kUnavailable when the memory for hashing cannot be allocated.
[[nodiscard]] base::Result<std::string> HashPassword(std::string_view password, PasswordCost cost);

// True when `password` matches `hash`. kInternal when `hash` is not an Argon2id hash string (a
// corrupt row, not a wrong password). An over-long password is simply false.
[[nodiscard]] base::Result<bool> VerifyPassword(std::string_view hash, std::string_view password);

// True when `hash` was made with another cost or algorithm than `cost` and should be replaced
// after the next successful sign-in. Also true for a malformed hash.
[[nodiscard]] bool PasswordNeedsRehash(std::string_view hash, PasswordCost cost);

}  // namespace fyren::trust::crypto
