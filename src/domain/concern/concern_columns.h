#pragma once

#include <string_view>

#include "trust/crypto/encrypted_column.h"

namespace fyren::concern {

// Table and column names the KeyRing binds ciphertexts to (AssociatedData{tenant, table, column,
// row id}).
inline constexpr std::string_view kReportsTable = "concern_reports";
inline constexpr std::string_view kChildNameColumn = "child_name";
inline constexpr std::string_view kChildDescriptionColumn = "child_description";
inline constexpr std::string_view kConcernTextColumn = "concern_text";
inline constexpr std::string_view kReporterContactColumn = "reporter_contact";
inline constexpr std::string_view kAssessmentNoteColumn = "assessment_note";

// Every sealed column of reports of concern, for `fyren keys rotate-data`.
inline constexpr trust::crypto::EncryptedColumn kConcernEncryptedColumns[] = {
    {"concern_reports", "child_name", "report_id"},
    {"concern_reports", "child_description", "report_id"},
    {"concern_reports", "concern_text", "report_id"},
    {"concern_reports", "reporter_contact", "report_id"},
    {"concern_reports", "assessment_note", "report_id"},
};

}  // namespace fyren::concern
