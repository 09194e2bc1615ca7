#pragma once

#include <span>

#include "domain/person/person_service.h"
#include "http/message.h"
#include "http/session_middleware.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"
#include "trust/accounts/account_service.h"

namespace fyren::pages {

// The person register's pages that change a person or the actor's access to one:
//   GET  /persons/{id}/edit              the edit form with the record's version
//   POST /persons/{id}/edit              save; a stale version is shown as a conflict (409) with
//                                        the typed values kept and the current ones beside them
//   GET  /persons/{id}/emergency-access  nödåtkomst: reason category and text
//   POST /persons/{id}/emergency-access  grant for 4 hours, then to the person
// Emergency access needs a second factor checked within the step-up window: without one both
// answer 303 to /account/confirm?next=/persons/{id}/emergency-access. Each handler decodes, calls
// one PersonService method and renders; denied and missing persons get the same 404 page.
// Immutable after construction; thread-safe. The references must outlive it.
class PersonChangePages {
 public:
  PersonChangePages(const render::TemplateSet& templates, SiteInfo site,
                    const person::PersonService& persons);

  [[nodiscard]] http::Response Edit(http::Request& request) const;
  [[nodiscard]] http::Response Save(http::Request& request) const;
  [[nodiscard]] http::Response ShowEmergency(http::Request& request) const;
  [[nodiscard]] http::Response GrantEmergency(http::Request& request) const;

 private:
  [[nodiscard]] http::Response RenderEdit(const http::Request& request, int status,
                                          const person::PersonChange& change,
                                          person::IdentityKind kind,
                                          std::span<const person::FieldProblem> problems,
                                          const person::PersonRecord* current) const;
  [[nodiscard]] http::Response RenderEmergency(
      const http::Request& request, int status, std::string_view category, std::string_view text,
      std::span<const person::FieldProblem> problems) const;

  PageFrame frame_;
  ErrorPages errors_;
  const person::PersonService& persons_;
};

}  // namespace fyren::pages
