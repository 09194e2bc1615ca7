#pragma once

#include <span>
#include <string>
#include <string_view>

#include "render/catalog.h"
#include "render/view.h"
#include "trust/audit/audit_event.h"
#include "trust/audit/audit_review.h"
#include "trust/audit/review_directory.h"

namespace fyren::pages {

// Turning audit entries into what a log reviewer reads: Swedish local time, staff and unit
// names, and words from the catalogs (audit_action.*, audit_record.*, audit_purpose.*,
// audit_flag.*) instead of the codes stored in the log. Pure functions; thread-safe.

// The words for the kFlag... bits set in `flags`, in bit order.
[[nodiscard]] std::vector<std::string> FlagWords(std::uint32_t flags,
                                                 const render::Catalog& catalog);

// One table row: time, user (+ link), unit, action, record, purpose, outcome, flags, person link.
[[nodiscard]] render::View EntryRowView(const trust::audit::AuditEntry& entry,
                                        const trust::audit::ReviewNames& names,
                                        const render::Catalog& catalog, std::string_view locale);

// The data-subject extract as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read the
// Swedish letters, CRLF line ends): a header row, then time, user, unit, action, purpose, flags
// for each entry, newest first. Only the fact of access: no record ids, no personal data of the
// person. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
[[nodiscard]] std::string ExtractCsv(std::span<const trust::audit::AuditEntry> entries,
                                     const trust::audit::ReviewNames& names,
                                     const render::Catalog& catalog, std::string_view locale);

// One CSV field: quoted when it holds a separator, quote or line break; formula neutralised.
[[nodiscard]] std::string CsvField(std::string_view text);

}  // namespace fyren::pages
