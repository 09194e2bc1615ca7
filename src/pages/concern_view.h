#pragma once

#include <span>
#include <string>
#include <string_view>

#include "domain/concern/concern.h"
#include "render/catalog.h"
#include "render/view.h"

namespace fyren::pages {

// View models shared by the report-of-concern pages (concern_pages, concern_intake_pages): the
// deadline rows with due time, state and legal source, and the error summary. Pure functions.

// One row per deadline under `key` ("deadlines"), texts in `locale`.
void AddDeadlines(render::View& view, const render::Catalog& t, std::string_view locale,
                  std::span<const concern::DeadlineView> deadlines);

// The GOV.UK error summary and the message beside each field ("<field>_error").
void AddConcernProblems(render::View& page, const render::Catalog& t,
                        std::span<const concern::FieldProblem> problems);

// The status as plain words.
[[nodiscard]] std::string StatusText(const render::Catalog& t, concern::ReportStatus status);

}  // namespace fyren::pages
