#pragma once

#include <span>
#include <string>
#include <vector>

#include "domain/support_directory/support_directory.h"

namespace fyren::support_directory {

// One thing wrong with a draft: the form field it is about ("kind", "target_groups", "languages",
// "phone", "email", "web", "address", "name_<lang>", "description_<lang>", "hours_<lang>") and a
// problem code the catalogs translate (directory.problem.<code>).
struct FieldProblem {
  std::string field;
  std::string code;
  bool operator==(const FieldProblem&) const = default;
};

// Trims every text, drops empty texts of optional languages and repeated codes, and keeps codes
// in the order given. Pure.
[[nodiscard]] EntryDraft Normalised(EntryDraft draft);

// Every problem of a normalised draft, in form order (empty: acceptable). `languages` are the
// spoken languages the directory knows; texts may be given in those languages only. Shared by
// the content loader (a bad file stops the server) and the edit pages (a bad form is shown
// again), so both accept exactly the same entries. Pure.
[[nodiscard]] std::vector<FieldProblem> CheckDraft(const EntryDraft& draft,
                                                   std::span<const SpokenLanguage> languages);

// An English sentence for a problem code, for the content loader's start-up error and the log.
[[nodiscard]] std::string_view Describe(std::string_view code);

}  // namespace fyren::support_directory
