#pragma once

#include "domain/organisation/organisation_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/organisations_page_cache.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// The pages anyone may see without signing in: start, organisations, glossary and about, in
// the request's locale (request.locale, set by the locale middleware). Each handler decodes
// nothing more than the locale, calls at most one service method and renders.
// Immutable after construction; thread-safe. `templates` and `organisations` must outlive it.
class PublicPages {
 public:
  PublicPages(const render::TemplateSet& templates,
              const organisation::OrganisationService& organisations, SiteInfo site);

  // GET /  — welcome, who Fyren is for, and the place where "my work" will appear.
  [[nodiscard]] http::Response Start(http::Request& request) const;
  // GET /organisations — the tenant's tree; a service failure becomes its error page (503 when
  // the database cannot be reached).
  [[nodiscard]] http::Response Organisations(http::Request& request) const;
  // GET /glossary — the decision's definitions and Fyren's terms.
  [[nodiscard]] http::Response Glossary(http::Request& request) const;
  // GET /about
  [[nodiscard]] http::Response About(http::Request& request) const;

 private:
  const organisation::OrganisationService& organisations_;
  PageFrame frame_;
  ErrorPages errors_;
  mutable OrganisationsPageCache organisations_cache_;
};

}  // namespace fyren::pages
