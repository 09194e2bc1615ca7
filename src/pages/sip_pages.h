#pragma once

#include "domain/sip/intervention_catalogue.h"
#include "domain/sip/sip_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/sip_sections_cache.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// The coordinated individual plan's pages (issue 4 §3, §4, §9):
//   GET  /cases/{id}/sip                      the plan, revision history and follow-up log
//   GET  /cases/{id}/sip/edit                 the editor (plain forms, no script needed)
//   POST /cases/{id}/sip/edit                 "add another" (redisplay with a spare row) or save:
//                                             problems per field, the continuity guard with a
//                                             confirm button, or a conflict showing both versions
//                                             with the user's input kept in the form
//   GET  /cases/{id}/sip/revisions/{rev}      one revision
//   GET  /cases/{id}/sip/compare?from=&to=    what changed between two revisions
//   GET  /cases/{id}/sip/print?lang=sv|en     the print view for the person
//   POST /cases/{id}/sip/followups            log a follow-up
// Each handler decodes, calls the SipService (which decides access and audits) and renders. A
// case the actor may not see and a missing one get the same 404. Responses are never cached by
// the browser (no-store); the plan page's plan-only parts are kept in memory between views
// (SipSectionsCache). Thread-safe. The references must outlive it.
class SipPages {
 public:
  SipPages(const render::TemplateSet& templates, SiteInfo site, const sip::SipService& sips,
           const sip::InterventionCatalogue& catalogue);

  [[nodiscard]] http::Response Show(http::Request& request) const;
  [[nodiscard]] http::Response Edit(http::Request& request) const;
  [[nodiscard]] http::Response Save(http::Request& request) const;
  [[nodiscard]] http::Response Revision(http::Request& request) const;
  [[nodiscard]] http::Response Compare(http::Request& request) const;
  [[nodiscard]] http::Response Print(http::Request& request) const;
  [[nodiscard]] http::Response FollowUp(http::Request& request) const;

 private:
  // The editor with `plan` in the form; `outcome` (optional) adds problems, guard or conflict.
  [[nodiscard]] http::Response RenderEditor(http::Request& request, int status,
                                            const sip::SipView& view, const sip::PlanDocument& plan,
                                            std::int64_t version, std::string_view change_note,
                                            std::string_view add,
                                            const sip::SaveOutcome* outcome) const;
  [[nodiscard]] http::Response RenderShow(http::Request& request, int status,
                                          const sip::FollowUpInput& followup,
                                          std::span<const sip::FieldProblem> problems) const;
  // The plan, follow-up log, follow-up choices (with `selected_intervention` chosen) and revision
  // list of `view`, which must hold them (SipView::sections_included).
  [[nodiscard]] SipSections RenderSections(const sip::SipView& view, std::string_view locale,
                                           std::string_view case_href,
                                           std::string_view selected_intervention) const;

  PageFrame frame_;
  ErrorPages errors_;
  const sip::SipService& sips_;
  const sip::InterventionCatalogue& catalogue_;
  // What RenderSections made, by plan generation (sip_sections_cache.h).
  mutable SipSectionsCache sections_;
};

}  // namespace fyren::pages
