#pragma once

#include <span>
#include <string>
#include <string_view>

#include "domain/support_directory/entry_rules.h"
#include "domain/support_directory/support_directory.h"
#include "http/message.h"
#include "render/template_set.h"
#include "render/view.h"

namespace fyren::pages {

// View models for the "where to turn" pages (public and editing). Pure functions of their inputs.

// The locale a directory page is shown in: ?lang= when it names any loaded catalog (the extra
// public languages, kept in the URL only, never in a cookie), else the request's sv/en locale.
[[nodiscard]] std::string DirectoryLocale(const render::TemplateSet& templates,
                                          const http::Request& request);

// "?lang=ar" for a locale the middleware does not remember (not sv/en), else "". Directory links
// carry it so a reader stays in their language.
[[nodiscard]] std::string LangQuery(std::string_view locale, char separator = '?');

// The public path of an entry.
[[nodiscard]] std::string DirectoryEntryPath(std::string_view public_id);

// A tel: target from a printed number: digits and a leading '+' only.
[[nodiscard]] std::string TelHref(std::string_view phone);

// Adds the list "languages" (one link per loaded locale, the current one marked) to `page`.
void AddLanguageLinks(render::View& page, const render::TemplateSet& templates,
                      std::string_view locale, std::string_view path);

// One entry as a card: name, kind, description, hours, contact links, target groups, spoken
// languages, anonymous / free badges. Text in the entry's own `locale` text or English (then the
// card says so and marks it lang="en").
[[nodiscard]] render::View EntryCard(const support_directory::DirectoryEntry& entry,
                                     const render::Catalog& t, std::string_view locale,
                                     std::span<const support_directory::SpokenLanguage> languages);

// Field errors for a form: the list "errors" for the summary, "<field>_error" per field and the
// flag "has_errors".
void AddDirectoryProblems(render::View& page, const render::Catalog& t,
                          std::span<const support_directory::FieldProblem> problems);

}  // namespace fyren::pages
