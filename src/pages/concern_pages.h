#pragma once

#include <span>

#include "domain/concern/concern_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// The reporter's pages for a report of concern about a child (orosanmälan, issue 5 §3):
//   GET  /concerns/new                 the form (?screening=<id> links it to a screening)
//   POST /concerns/new                 send it; the form comes back with an error summary
//   GET  /concerns/receipts/{ref}      the receipt: reference, committee, received by intake
// Each handler decodes, calls one ConcernService method (which decides access and audits) and
// renders. Pages are never cached. Immutable after construction; thread-safe. The references
// must outlive it.
class ConcernPages {
 public:
  ConcernPages(const render::TemplateSet& templates, SiteInfo site,
               const concern::ConcernService& concerns);

  [[nodiscard]] http::Response New(http::Request& request) const;
  [[nodiscard]] http::Response Submit(http::Request& request) const;
  [[nodiscard]] http::Response Receipt(http::Request& request) const;

 private:
  [[nodiscard]] http::Response RenderForm(const http::Request& request, int status,
                                          const concern::ReportInput& input,
                                          std::span<const concern::FieldProblem> problems) const;

  PageFrame frame_;
  ErrorPages errors_;
  const concern::ConcernService& concerns_;
};

}  // namespace fyren::pages
