#pragma once

#include <span>
#include <string>
#include <string_view>

#include "domain/person/person.h"
#include "http/message.h"
#include "render/catalog.h"
#include "render/view.h"

namespace fyren::pages {

// View models of the person pages (pages/person_pages.h, pages/person_change_pages.h): what a
// form sends decoded into the service's input types, and records, summaries and problems turned
// into template values in the page's language. Pure functions of their arguments; thread-safe.

// The register form (POST /persons/new). Checkboxes are on when sent as "yes".
[[nodiscard]] person::PersonInput PersonInputFromForm(const http::Request& request);
// The edit form (POST /persons/{id}/edit); a missing or broken version becomes 0, which can only
// conflict.
[[nodiscard]] person::PersonChange PersonChangeFromForm(const http::Request& request);
// The edit form's starting values: the stored record as it is.
[[nodiscard]] person::PersonChange PersonChangeFromRecord(const person::PersonRecord& record);

// The message for a field problem: the catalog's "person.problem.<code>" when it has one, the
// service's English sentence otherwise.
[[nodiscard]] std::string ProblemMessage(const render::Catalog& t,
                                         const person::FieldProblem& problem);
// The error summary ("errors", "has_errors") and the per-field messages ("<field>_error").
void AddProblems(render::View& page, const render::Catalog& t,
                 std::span<const person::FieldProblem> problems);

// A list or search row: initials, birth year, the public id and its link; a match the actor may
// not open links to emergency access; a hidden protected identity shows only that it exists.
[[nodiscard]] render::View SummaryRow(const render::Catalog& t,
                                      const person::PersonSummary& summary);

// The register form's values ("f_<field>", checked flags, the gender options).
void SetInputFields(render::View& page, const render::Catalog& t, const person::PersonInput& input);
// The edit form's values, for a person identified as `kind`.
void SetChangeFields(render::View& page, const render::Catalog& t,
                     const person::PersonChange& change, person::IdentityKind kind);

// The details of one person as the page shows them (names, number, contact, team, banners).
void SetRecord(render::View& page, const render::Catalog& t, const person::PersonRecord& record);

// "/persons/<public id>".
[[nodiscard]] std::string PersonPath(std::string_view public_id);

}  // namespace fyren::pages
