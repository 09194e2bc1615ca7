#include "trust/crypto/secret_bytes.h"

#include <sodium.h>

#include <cstring>
#include <new>
#include <utility>

#include "trust/crypto/sodium_runtime.h"

namespace fyren::trust::crypto {

SecretBytes::SecretBytes(std::size_t size) {
  if (size == 0) return;
  EnsureSodium();
  // sodium_malloc places the buffer between guard pages, mlock()s it (ignoring a failure, which
  // is the "where possible" we want), marks it MADV_DONTDUMP, and sodium_free zeroes it again.
  void* p = sodium_malloc(size);
  if (p == nullptr) throw std::bad_alloc();
  data_ = static_cast<unsigned char*>(p);
  size_ = size;
  sodium_memzero(data_, size_);
}

SecretBytes::~SecretBytes() { Release(); }

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void SecretBytes::Release() noexcept {
  if (data_ == nullptr) return;
  // sodium_free zeroes too; the explicit wipe keeps the guarantee visible and independent of it.
  sodium_memzero(data_, size_);
  sodium_free(data_);
  data_ = nullptr;
  size_ = 0;
}

SecretBytes SecretBytes::Random(std::size_t size) {
  SecretBytes out(size);
  if (size > 0) randombytes_buf(out.data_, size);
  return out;
}

SecretBytes SecretBytes::CopyOf(std::span<const unsigned char> bytes) {
  SecretBytes out(bytes.size());
  if (!bytes.empty()) std::memcpy(out.data_, bytes.data(), bytes.size());
  return out;
}

SecretBytes SecretBytes::CopyOf(std::string_view bytes) {
  return CopyOf(std::span<const unsigned char>(reinterpret_cast<const unsigned char*>(bytes.data()),
                                               bytes.size()));
}

bool SecretBytes::Equals(const SecretBytes& other) const {
  if (size_ != other.size_) return false;
  if (size_ == 0) return true;
  return sodium_memcmp(data_, other.data_, size_) == 0;
}

void Wipe(std::string& text) {
  if (!text.empty()) sodium_memzero(text.data(), text.size());
  text.clear();
}

}  // namespace fyren::trust::crypto
