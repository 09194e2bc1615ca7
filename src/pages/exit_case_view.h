#pragma once

#include <span>
#include <string>
#include <string_view>

#include "domain/exit_case/exit_case_service.h"
#include "http/message.h"
#include "render/catalog.h"
#include "render/view.h"

namespace fyren::pages {

// View models of the exit case pages (pages/exit_case_pages.h, exit_case_shared_pages.h): forms
// decoded into the service's inputs, cases and problems turned into template values in the
// page's language. Pure functions of their arguments; thread-safe.

// "/cases/<public id>".
[[nodiscard]] std::string CasePath(std::string_view public_id);

// The error summary and per-field messages, from "case.problem.<code>" (the service's English
// sentence when the catalog has none).
void AddCaseProblems(render::View& page, const render::Catalog& t,
                     std::span<const exit_case::FieldProblem> problems);

// POST /cases/{id}/status and /cases/{id}/consents.
[[nodiscard]] exit_case::StatusChangeInput StatusInputFromForm(const http::Request& request);
[[nodiscard]] exit_case::ConsentInput ConsentInputFromForm(const http::Request& request);

[[nodiscard]] render::View CaseListRow(const render::Catalog& t,
                                       const exit_case::CaseListItem& item);
// The case page's values: number, status, person, team, consents, history.
void SetCase(render::View& page, const render::Catalog& t, std::string_view locale,
             const exit_case::CaseView& view);
// The status form's options (every status but the current) and the closing reasons.
void SetStatusForm(render::View& page, const render::Catalog& t, const exit_case::CaseView& view,
                   const exit_case::StatusChangeInput& input);
// The consent form's options: purposes, organisations, SIP parts, how it was given.
void SetConsentForm(render::View& page, const render::Catalog& t, std::string_view locale,
                    std::span<const exit_case::ShareTarget> targets,
                    const exit_case::ConsentInput& input);
// "Mål, möten" for a set of SIP parts.
[[nodiscard]] std::string PartsText(const render::Catalog& t, const exit_case::SipParts& parts);

}  // namespace fyren::pages
