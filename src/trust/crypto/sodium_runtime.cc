#include "trust/crypto/sodium_runtime.h"

#include <sodium.h>

#include <cstdlib>

namespace fyren::trust::crypto {

void EnsureSodium() {
  // A function-local static is initialised exactly once even when threads race here.
  static const bool initialised = [] {
    if (sodium_init() < 0) std::abort();
    return true;
  }();
  (void)initialised;
}

}  // namespace fyren::trust::crypto
