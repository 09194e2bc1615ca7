#pragma once

#include <string_view>

#include "trust/crypto/encrypted_column.h"

namespace fyren::sip {

// Tables and columns the KeyRing binds the SIP's ciphertexts to (AssociatedData{tenant, table,
// column, row id}): a revision's document and change note by its revision_id, a follow-up's
// outcome by its followup_id.
inline constexpr std::string_view kRevisionsTable = "sip_revisions";
inline constexpr std::string_view kDocumentColumn = "document";
inline constexpr std::string_view kChangeNoteColumn = "change_note";
inline constexpr std::string_view kFollowUpsTable = "sip_followups";
inline constexpr std::string_view kOutcomeColumn = "outcome";

// Every sealed column of the SIP module, for `fyren keys rotate-data` (app/encrypted_columns.cc).
inline constexpr trust::crypto::EncryptedColumn kSipEncryptedColumns[] = {
    {"sip_revisions", "document", "revision_id"},
    {"sip_revisions", "change_note", "revision_id"},
    {"sip_followups", "outcome", "followup_id"},
};

}  // namespace fyren::sip
