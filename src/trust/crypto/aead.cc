#include "trust/crypto/aead.h"

#include <sodium.h>

#include <algorithm>

#include "trust/crypto/sodium_runtime.h"

namespace fyren::trust::crypto {
namespace {

static_assert(kKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kNonceBytes == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kTagBytes == crypto_aead_xchacha20poly1305_ietf_ABYTES);

constexpr std::string_view kAssociatedDataTag = "fyren.ad.v1";

void AppendU32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xffU));
}

void AppendU64(std::string& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xffU));
}

void AppendField(std::string& out, std::string_view field) {
  AppendU32(out, static_cast<std::uint32_t>(field.size()));
  out.append(field);
}

std::string Header(std::uint32_t key_id) {
  std::string header;
  header.push_back(static_cast<char>(kSealedVersion));
  AppendU32(header, key_id);
  return header;
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::unexpected<base::Error> OpenFailed(std::string detail) {
  return base::Fail(base::ErrorCode::kInternal, std::string(kOpenFailedMessage), std::move(detail));
}

// Decrypts into `out` (at least sealed.size() - kSealedOverhead bytes) and returns the length.
base::Result<std::size_t> OpenTo(const SecretBytes& key, std::uint32_t key_id,
                                 std::string_view associated_data, std::string_view sealed,
                                 unsigned char* out) {
  EnsureSodium();
  auto header_key_id = SealedKeyId(sealed);
  if (!header_key_id) return std::unexpected(header_key_id.error());
  if (*header_key_id != key_id) return OpenFailed("key id in the header does not match");
  if (key.size() != kKeyBytes) return OpenFailed("AEAD key has the wrong size");

  const std::string ad = std::string(sealed.substr(0, kHeaderBytes)) + std::string(associated_data);
  const std::string_view nonce = sealed.substr(kHeaderBytes, kNonceBytes);
  const std::string_view body = sealed.substr(kHeaderBytes + kNonceBytes);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(out, &written, nullptr, Bytes(body), body.size(),
                                                 Bytes(ad), ad.size(), Bytes(nonce),
                                                 key.data()) != 0) {
    return OpenFailed("authentication failed (wrong key, wrong associated data or tampered)");
  }
  return static_cast<std::size_t>(written);
}

}  // namespace

std::string AssociatedData::Canonical() const {
  std::string out;
  out.reserve(kAssociatedDataTag.size() + 8 + 4 + table.size() + 4 + column.size() + 8 + 4);
  AppendField(out, kAssociatedDataTag);
  AppendU64(out, static_cast<std::uint64_t>(tenant.value()));
  AppendField(out, table);
  AppendField(out, column);
  AppendU64(out, static_cast<std::uint64_t>(row_id));
  return out;
}

base::Result<std::string> Seal(const SecretBytes& key, std::uint32_t key_id,
                               std::string_view associated_data, std::string_view plaintext) {
  EnsureSodium();
  if (key.size() != kKeyBytes) {
    return base::Fail(base::ErrorCode::kInternal, "Encryption is misconfigured.",
                      "AEAD key has the wrong size");
  }
  const std::string header = Header(key_id);
  // The header is authenticated as part of the associated data, so its key id cannot be swapped.
  const std::string ad = header + std::string(associated_data);

  std::string out(kSealedOverhead + plaintext.size(), '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  std::copy(header.begin(), header.end(), out.begin());
  unsigned char* nonce = dst + kHeaderBytes;
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(dst + kHeaderBytes + kNonceBytes, &written,
                                             Bytes(plaintext), plaintext.size(), Bytes(ad),
                                             ad.size(), nullptr, nonce, key.data());
  out.resize(kHeaderBytes + kNonceBytes + written);
  return out;
}

base::Result<std::string> Open(const SecretBytes& key, std::uint32_t key_id,
                               std::string_view associated_data, std::string_view sealed) {
  if (sealed.size() < kSealedOverhead) return OpenFailed("sealed value is truncated");
  std::string plaintext(sealed.size() - kSealedOverhead, '\0');
  auto written = OpenTo(key, key_id, associated_data, sealed,
                        reinterpret_cast<unsigned char*>(plaintext.data()));
  if (!written) return std::unexpected(written.error());
  plaintext.resize(*written);
  return plaintext;
}

base::Result<SecretBytes> OpenSecret(const SecretBytes& key, std::uint32_t key_id,
                                     std::string_view associated_data, std::string_view sealed) {
  if (sealed.size() < kSealedOverhead) return OpenFailed("sealed value is truncated");
  SecretBytes out(sealed.size() - kSealedOverhead);
  unsigned char scratch = 0;
  auto written = OpenTo(key, key_id, associated_data, sealed, out.empty() ? &scratch : out.data());
  if (!written) return std::unexpected(written.error());
  return out;
}

base::Result<std::uint32_t> SealedKeyId(std::string_view sealed) {
  if (sealed.size() < kSealedOverhead) return OpenFailed("sealed value is truncated");
  if (static_cast<std::uint8_t>(sealed[0]) != kSealedVersion) {
    return OpenFailed("sealed value has an unknown version");
  }
  std::uint32_t key_id = 0;
  for (std::size_t i = 1; i < kHeaderBytes; ++i) {
    key_id = (key_id << 8) | static_cast<std::uint8_t>(sealed[i]);
  }
  return key_id;
}

}  // namespace fyren::trust::crypto
