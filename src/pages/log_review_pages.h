#pragma once

#include <optional>
#include <string>

#include "http/message.h"
#include "http/session_middleware.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"
#include "trust/accounts/account_service.h"
#include "trust/audit/audit_review.h"

namespace fyren::pages {

// The log-review pages (logguppföljning) for log reviewers: flagged access of the reviewer's
// authority with a filter by flag and period (GET /audit), a person's access history
// (GET /audit/persons/{id}, {id} = the person's public id), a user's activity
// (GET /audit/users/{id}) and the data-subject extract as a printable page and as CSV
// (GET /audit/persons/{id}/extract[.csv]; needs a fresh step-up, otherwise a redirect to
// /account/confirm?next=...). Each handler decodes the query, calls one AuditReviewService method
// (which decides access and audits) and renders. Dates and times are Swedish local time.
// Immutable after construction; thread-safe. The references must outlive it.
class LogReviewPages {
 public:
  LogReviewPages(const render::TemplateSet& templates, SiteInfo site,
                 trust::audit::AuditReviewService& review);

  [[nodiscard]] http::Response Flagged(http::Request& request) const;        // GET /audit
  [[nodiscard]] http::Response FindPerson(http::Request& request) const;     // GET /audit/persons
  [[nodiscard]] http::Response PersonHistory(http::Request& request) const;  // .../persons/{id}
  [[nodiscard]] http::Response UserActivity(http::Request& request) const;   // .../users/{id}
  [[nodiscard]] http::Response ExtractPage(http::Request& request) const;    // .../extract
  [[nodiscard]] http::Response ExtractCsv(http::Request& request) const;     // .../extract.csv

 private:
  [[nodiscard]] std::optional<trust::Actor> SignedInActor(const http::Request& request) const;
  [[nodiscard]] http::Response Failure(const base::Error& error,
                                       const http::Request& request) const;

  PageFrame frame_;
  ErrorPages errors_;
  trust::audit::AuditReviewService& review_;
};

}  // namespace fyren::pages
