#pragma once

#include <optional>
#include <span>

#include "domain/concern/concern_service.h"
#include "domain/screening/screening_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// The reporter's pages for a report of concern about a child (orosanmälan, issue 5 §3):
//   GET  /concerns/new                 the form (?screening=<id> links it to a screening the
//                                      reporter may read, names its result and prefills the
//                                      text from it)
//   POST /concerns/new                 send it; the form comes back with an error summary
//   GET  /concerns/receipts/{ref}      the receipt: reference, committee, received by intake
// Each handler decodes, calls one ConcernService method (which decides access and audits) and
// renders. Pages are never cached. Immutable after construction; thread-safe. The references
// must outlive it.
class ConcernPages {
 public:
  ConcernPages(const render::TemplateSet& templates, SiteInfo site,
               const concern::ConcernService& concerns,
               const screening::ScreeningService& screenings);

  [[nodiscard]] http::Response New(http::Request& request) const;
  [[nodiscard]] http::Response Submit(http::Request& request) const;
  [[nodiscard]] http::Response Receipt(http::Request& request) const;

 private:
  [[nodiscard]] http::Response RenderForm(const http::Request& request, int status,
                                          const concern::ReportInput& input,
                                          std::span<const concern::FieldProblem> problems,
                                          const screening::ScreeningOutline* outline) const;
  // The screening `public_id` names, if the actor may read it (an audited read); nullopt for an
  // empty, unknown or unreadable id, which the form then drops. Other failures are errors.
  [[nodiscard]] base::Result<std::optional<screening::ScreeningOutline>> OutlineOf(
      const trust::Actor& actor, std::string_view public_id) const;
  // The instrument's title in `locale`, or its id when the instrument is no longer loaded.
  [[nodiscard]] std::string InstrumentTitle(const screening::ScreeningOutline& outline,
                                            std::string_view locale) const;

  PageFrame frame_;
  ErrorPages errors_;
  const concern::ConcernService& concerns_;
  const screening::ScreeningService& screenings_;
};

}  // namespace fyren::pages
