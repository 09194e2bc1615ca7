#include "trust/accounts/secret_sealer.h"

namespace fyren::trust::accounts {
namespace {

constexpr std::string_view kTable = "users";

}  // namespace

base::Result<std::string> KeyRingSecretSealer::Seal(base::TenantId tenant, std::int64_t user_id,
                                                    std::string_view column,
                                                    std::string_view secret) const {
  const crypto::AssociatedData ad{
      .tenant = tenant, .table = kTable, .column = column, .row_id = user_id};
  return ring_.Encrypt(tenant, ad, secret);
}

base::Result<std::string> KeyRingSecretSealer::Open(base::TenantId tenant, std::int64_t user_id,
                                                    std::string_view column,
                                                    std::string_view sealed) const {
  const crypto::AssociatedData ad{
      .tenant = tenant, .table = kTable, .column = column, .row_id = user_id};
  return ring_.Decrypt(tenant, ad, sealed);
}

base::Result<std::string> UnsealedSecretSealer::Seal(base::TenantId /*tenant*/,
                                                     std::int64_t /*user_id*/,
                                                     std::string_view /*column*/,
                                                     std::string_view secret) const {
  return std::string(kUnsealedPrefix) + std::string(secret);
}

base::Result<std::string> UnsealedSecretSealer::Open(base::TenantId /*tenant*/,
                                                     std::int64_t /*user_id*/,
                                                     std::string_view /*column*/,
                                                     std::string_view sealed) const {
  if (!sealed.starts_with(kUnsealedPrefix)) {
    return base::Fail(base::ErrorCode::kInternal, "An encrypted value could not be read.",
                      "totp secret is sealed but no key ring is configured");
  }
  return std::string(sealed.substr(kUnsealedPrefix.size()));
}

}  // namespace fyren::trust::accounts
