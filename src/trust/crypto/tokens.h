#pragma once

#include <string>
#include <string_view>

namespace fyren::trust::crypto {

// Secrets handed to a client (session ids, CSRF tokens, password-reset links) and how they are
// stored: the database keeps only TokenHash(token), so a leaked database or backup does not hand
// out live sessions. Thread-safe.

// 32 random bytes as URL-safe base64 without padding (43 characters of [A-Za-z0-9_-]).
[[nodiscard]] std::string NewRandomToken();

// BLAKE2b-256 of `token`, domain-separated for tokens; 32 raw bytes (store as BLOB/BYTEA). An
// unkeyed hash is enough because tokens carry 256 random bits: there is nothing to guess.
[[nodiscard]] std::string TokenHash(std::string_view token);

// Compares in time that depends only on the lengths, not on where the first difference is.
[[nodiscard]] bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace fyren::trust::crypto
