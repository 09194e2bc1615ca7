#pragma once

#include <string_view>

#include "domain/organisation/organisation_service.h"
#include "http/message.h"
#include "http/session_middleware.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"
#include "trust/accounts/account_service.h"

namespace fyren::pages {

// The administrator's part of the organisation tree (issue 3, item 2): GET /admin/units lists it
// with a form to add a unit under a chosen parent and a rename form per unit that carries the
// unit's version (someone else's change in between is shown as a conflict, never overwritten).
// Each handler decodes the form, calls one OrganisationService method and renders; the service
// decides the scope. Immutable after construction; thread-safe. The references must outlive it.
class AdminUnitPages {
 public:
  AdminUnitPages(const render::TemplateSet& templates, SiteInfo site,
                 organisation::OrganisationService& organisations);

  [[nodiscard]] http::Response Units(http::Request& request) const;   // GET /admin/units
  [[nodiscard]] http::Response Create(http::Request& request) const;  // POST /admin/units
  [[nodiscard]] http::Response Rename(http::Request& request) const;  // POST /admin/units/{id}

 private:
  // What a sent-back form held: the add form's input, or the rename input of one unit.
  struct FormState {
    organisation::NewUnit add;
    std::string kind_text;  // as sent, so an unknown kind is shown back unchanged
    const base::Error* add_error = nullptr;
    std::string rename_id;
    organisation::UnitRename rename;
    const base::Error* rename_error = nullptr;
  };
  [[nodiscard]] http::Response Render(const http::Request& request, const trust::Actor& actor,
                                      int status, const FormState& form) const;

  PageFrame frame_;
  ErrorPages errors_;
  organisation::OrganisationService& organisations_;
};

}  // namespace fyren::pages
