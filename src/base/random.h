#pragma once

#include <cstddef>
#include <string>

namespace fyren::base {

// Cryptographically strong random bytes from the kernel (getrandom, drawn in 4 KiB blocks into a
// per-thread pool). Aborts if the kernel cannot provide them: running without a source of
// randomness is not a state to continue in.
std::string RandomBytes(std::size_t count);

// A random, URL-safe, unguessable identifier for use in URLs and API ids: 128 bits as 26
// lower-case base32 characters. Public ids are never sequential (DESIGN.md, Storage).
std::string NewPublicId();

// True when `text` has the shape NewPublicId() produces; used to reject tampered ids early.
bool IsPublicId(std::string_view text);

}  // namespace fyren::base
