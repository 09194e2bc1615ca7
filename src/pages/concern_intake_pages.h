#pragma once

#include <span>
#include <string_view>

#include "domain/concern/concern_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/fragment_cache.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// The receiving committee's intake pages for reports of concern (issue 5 §3):
//   GET  /intake                   the queue: new first, overdue highlighted and counted,
//                                  50 rows a page (?status=, ?overdue=yes, ?page=)
//   GET  /intake/{id}              one report with its deadlines, history and the next step
//   POST /intake/{id}/assessment   record the protection assessment (outcome, note)
//   POST /intake/{id}/decision     record whether an investigation is opened (with the date)
//   POST /intake/{id}/close        close the report
// Each handler decodes, calls one ConcernService method and renders; a report of another
// committee is the same 404 as a missing one. Pages are never cached by browsers; the queue's
// rows, which hold no personal data, are rendered once per version of the queue's page
// (FragmentCache). Thread-safe. The references must outlive it.
class ConcernIntakePages {
 public:
  ConcernIntakePages(const render::TemplateSet& templates, SiteInfo site,
                     const concern::ConcernService& concerns);

  [[nodiscard]] http::Response Queue(http::Request& request) const;
  [[nodiscard]] http::Response Show(http::Request& request) const;
  [[nodiscard]] http::Response Assess(http::Request& request) const;
  [[nodiscard]] http::Response Decide(http::Request& request) const;
  [[nodiscard]] http::Response Close(http::Request& request) const;

 private:
  // The report page, with `problems` at the form they belong to and what was typed kept.
  [[nodiscard]] http::Response RenderReport(const http::Request& request, int status,
                                            std::span<const concern::FieldProblem> problems) const;
  // Answers a POST: back to the report on success, the page again with problems, or the error.
  [[nodiscard]] http::Response AfterChange(
      const http::Request& request, const base::Result<std::vector<concern::FieldProblem>>& changed,
      std::string_view done) const;

  // The queue's table rows as HTML (`queue` must carry its rows).
  [[nodiscard]] std::shared_ptr<const std::string> QueueRows(const concern::QueuePage& queue,
                                                             std::string_view locale) const;

  PageFrame frame_;
  ErrorPages errors_;
  const concern::ConcernService& concerns_;
  mutable FragmentCache queue_rows_;
};

}  // namespace fyren::pages
