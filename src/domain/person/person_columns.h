#pragma once

#include <string_view>

#include "trust/crypto/encrypted_column.h"

namespace fyren::person {

// Table and column names the store writes and the KeyRing binds ciphertexts to
// (AssociatedData{tenant, table, column, row id}).
inline constexpr std::string_view kPersonsTable = "persons";
inline constexpr std::string_view kGrantsTable = "emergency_access_grants";

inline constexpr std::string_view kIdentityNumberColumn = "identity_number";
inline constexpr std::string_view kGivenNameColumn = "given_name";
inline constexpr std::string_view kFamilyNameColumn = "family_name";
inline constexpr std::string_view kAliasColumn = "alias";
inline constexpr std::string_view kLanguagesColumn = "languages";
inline constexpr std::string_view kPhoneColumn = "phone";
inline constexpr std::string_view kEmailColumn = "email";
inline constexpr std::string_view kAddressColumn = "address";
inline constexpr std::string_view kReasonTextColumn = "reason_text";

// Every sealed column of the person module, for `fyren keys rotate-data`
// (app/encrypted_columns.cc). The blind index is a keyed hash, not a ciphertext: it changes only
// if the tenant's blind-index key does, which key rotation does not do.
inline constexpr trust::crypto::EncryptedColumn kPersonEncryptedColumns[] = {
    {"persons", "identity_number", "person_id"},
    {"persons", "given_name", "person_id"},
    {"persons", "family_name", "person_id"},
    {"persons", "alias", "person_id"},
    {"persons", "languages", "person_id"},
    {"persons", "phone", "person_id"},
    {"persons", "email", "person_id"},
    {"persons", "address", "person_id"},
    {"emergency_access_grants", "reason_text", "grant_id"},
};

}  // namespace fyren::person
