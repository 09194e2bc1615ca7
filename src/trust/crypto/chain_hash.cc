#include "trust/crypto/chain_hash.h"

#include <sodium.h>

#include "trust/crypto/sodium_runtime.h"

namespace fyren::trust::crypto {

ChainHash Blake2b256(std::initializer_list<std::string_view> parts) {
  EnsureSodium();
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, kChainHashBytes);
  for (const std::string_view part : parts) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                              part.size());
  }
  ChainHash out{};
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

}  // namespace fyren::trust::crypto
