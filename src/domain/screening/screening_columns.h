#pragma once

#include <string_view>

#include "trust/crypto/encrypted_column.h"

namespace fyren::screening {

// The table and the sealed column the KeyRing binds screening answers to
// (AssociatedData{tenant, "screenings", "answers", screening id}).
inline constexpr std::string_view kScreeningsTable = "screenings";
inline constexpr std::string_view kAnswersColumn = "answers";

// For `fyren keys rotate-data` (app/encrypted_columns.cc).
inline constexpr trust::crypto::EncryptedColumn kScreeningEncryptedColumns[] = {
    {"screenings", "answers", "screening_id"},
};

}  // namespace fyren::screening
