#pragma once

#include <string_view>

#include "trust/crypto/encrypted_column.h"

namespace fyren::exit_case {

// The exit case module's one sealed column: the free-text note given when a case is closed
// (AssociatedData{tenant, "exit_cases", "closed_note", case_id}).
inline constexpr std::string_view kCasesTable = "exit_cases";
inline constexpr std::string_view kClosedNoteColumn = "closed_note";

// For `fyren keys rotate-data` (app/encrypted_columns.cc).
inline constexpr trust::crypto::EncryptedColumn kExitCaseEncryptedColumns[] = {
    {"exit_cases", "closed_note", "case_id"},
};

}  // namespace fyren::exit_case
