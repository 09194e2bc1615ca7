#pragma once

namespace fyren::trust::crypto {

// Initialises libsodium once per process (idempotent, thread-safe). Every function in this folder
// that calls libsodium calls this first, so callers never have to remember to. Aborts when
// libsodium cannot initialise (no randomness source): continuing would produce weak keys.
void EnsureSodium();

}  // namespace fyren::trust::crypto
