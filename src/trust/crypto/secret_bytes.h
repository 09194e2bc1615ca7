#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace fyren::trust::crypto {

// Key material: a fixed-size buffer that is locked in RAM where the system allows it (so it is not
// written to swap), excluded from core dumps, guarded by inaccessible pages, and overwritten with
// zeros when destroyed. Move-only; it cannot be copied, printed or converted to a string, so a key
// cannot reach a log or an error message by accident.
//
// Ownership: owns its buffer. Thread-safety: like an int; concurrent const access is safe.
// Failure: allocation failure throws std::bad_alloc (exhaustion). Locking is best effort: when
// RLIMIT_MEMLOCK is exhausted the bytes are still zeroed on destruction.
class SecretBytes {
 public:
  SecretBytes() = default;
  // `size` zero bytes.
  explicit SecretBytes(std::size_t size);
  ~SecretBytes();

  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  // `size` bytes from the kernel's CSPRNG.
  [[nodiscard]] static SecretBytes Random(std::size_t size);
  // A locked copy of `bytes`. The caller remains responsible for wiping its own copy.
  [[nodiscard]] static SecretBytes CopyOf(std::span<const unsigned char> bytes);
  [[nodiscard]] static SecretBytes CopyOf(std::string_view bytes);

  [[nodiscard]] unsigned char* data() { return data_; }
  [[nodiscard]] const unsigned char* data() const { return data_; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::span<const unsigned char> bytes() const { return {data_, size_}; }

  // Constant-time comparison; false when the sizes differ.
  [[nodiscard]] bool Equals(const SecretBytes& other) const;

 private:
  void Release() noexcept;

  unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

// Overwrites `text`'s characters with zeros and clears it, for plaintext that had to live in an
// ordinary string (a decrypted value being re-encrypted, a password after hashing). Best effort:
// copies made earlier, e.g. by reallocation, are not reached.
void Wipe(std::string& text);

}  // namespace fyren::trust::crypto
