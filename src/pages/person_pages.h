#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "domain/person/person_service.h"
#include "domain/referral/case_handover.h"
#include "http/message.h"
#include "http/session_middleware.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"
#include "trust/accounts/account_service.h"

namespace fyren::pages {

// The person register's pages for finding, registering and reading persons (issue 4 §1):
//   GET  /persons             my persons: initials, birth year and public id, never names
//   GET  /persons/new         search before create (?query=<number>), then the register form;
//                             ?referral=<id> continues an accepted adult referral (its summary
//                             shown read-only, the id carried to the case form)
//   POST /persons/new         register; the form comes back with an error summary on problems;
//                             with a referral, on to /persons/{id}/cases/new?referral=<id>
//   GET  /persons/{id}        details, identity number masked, protected-identity warning, team
//   POST /persons/{id}/reveal the same page with the full number (an audited, deliberate click)
//   POST /persons/{id}/team   add or remove a case-team member
// Each handler decodes the request, calls one PersonService method (which decides access and
// audits) and renders. A person the actor may not see and one that does not exist get the same
// 404 page. Person pages are never cached (Cache-Control: no-store). Immutable after
// construction; thread-safe. The references must outlive it.
class PersonPages {
 public:
  PersonPages(const render::TemplateSet& templates, SiteInfo site,
              const person::PersonService& persons, const referral::CaseHandover& referrals);

  [[nodiscard]] http::Response List(http::Request& request) const;
  [[nodiscard]] http::Response New(http::Request& request) const;
  [[nodiscard]] http::Response Register(http::Request& request) const;
  [[nodiscard]] http::Response Show(http::Request& request) const;
  [[nodiscard]] http::Response Reveal(http::Request& request) const;
  // POST /persons/{id}/team: action=add|remove, username, named=yes (named for a protected
  // identity). A user name that is not accepted shows the page again with the message.
  [[nodiscard]] http::Response Team(http::Request& request) const;

 private:
  [[nodiscard]] http::Response RenderNew(
      const http::Request& request, int status, const person::PersonInput& input,
      std::span<const person::FieldProblem> problems,
      std::span<const person::PersonSummary> matches, bool searched, std::string_view query,
      std::span<const person::FieldProblem> query_problems) const;
  // The referral the form continues (the `referral` query or form field), shown on `page`, or
  // the notice that it cannot be continued. A failure other than that is returned.
  [[nodiscard]] std::optional<base::Error> SetReferral(render::View& page,
                                                       const http::Request& request,
                                                       std::string_view locale) const;
  [[nodiscard]] http::Response RenderPerson(const http::Request& request,
                                            const person::PersonRecord& record, int status,
                                            std::span<const person::FieldProblem> problems) const;

  PageFrame frame_;
  ErrorPages errors_;
  const person::PersonService& persons_;
  const referral::CaseHandover& referrals_;
};

// Shared by the person pages: the answer for a service failure. kUnauthenticated goes to the
// sign-in page; a stale second factor (kForbidden, field "step_up") to /account/confirm with
// `next` (a local path) to come back to; anything else is the error page for its status.
[[nodiscard]] http::Response PersonFailure(const ErrorPages& errors, const base::Error& error,
                                           const http::Request& request, std::string_view next);

// A 303 to the sign-in page, coming back to the requested page after it for a GET.
[[nodiscard]] http::Response SignInFor(const http::Request& request);

// `response` with Cache-Control: no-store (every page that shows personal data).
[[nodiscard]] http::Response NoStore(http::Response response);

}  // namespace fyren::pages
