#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace fyren::trust::crypto {

// The hash that links audit entries into a chain (trust/audit). Unkeyed BLAKE2b-256, so anyone
// holding a copy of the audit table can recompute it with a standard tool (for example Python's
// hashlib.blake2b(digest_size=32)); tamper evidence comes from the chain, not from a secret.
inline constexpr std::size_t kChainHashBytes = 32;
using ChainHash = std::array<std::uint8_t, kChainHashBytes>;

// BLAKE2b-256 of the concatenation of `parts`, hashed in place (no copy, no allocation), so the
// audit verifier can hash a million entries per second. Thread-safe.
[[nodiscard]] ChainHash Blake2b256(std::initializer_list<std::string_view> parts);

}  // namespace fyren::trust::crypto
