#pragma once

#include <span>
#include <string_view>

#include "domain/exit_case/exit_case_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/fragment_cache.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// The coordinator's exit case pages (issue 4 §1, §2, §7):
//   GET  /cases                          my cases (status filter, case number search, 50 a page)
//   GET  /cases/unit                     my unit's cases (rows outside my teams: number only)
//   GET  /persons/{id}/cases/new         open a case for a person (choose the coordinator);
//                                        ?referral=<id> continues an accepted adult referral
//   POST /persons/{id}/cases/new         open it; the form again with an error summary on problems
//                                        (a referral that cannot be continued is dropped)
//   GET  /cases/{id}                     the case: status, coordinator, team, consents, history
//   POST /cases/{id}/status              change status (closing needs a reason), with the version
//   POST /cases/{id}/consents            record a consent
//   POST /cases/{id}/consents/{consent}/withdraw  withdraw it (sharing stops at once)
// Each handler decodes the request, calls the ExitCaseService (which decides access and audits)
// and renders. A case the actor may not see and a missing one get the same 404. Never cached by
// browsers; a list page's rows are rendered once per version of the page the service kept for
// the user (FragmentCache). Thread-safe. The references must outlive it.
class ExitCasePages {
 public:
  ExitCasePages(const render::TemplateSet& templates, SiteInfo site,
                const exit_case::ExitCaseService& cases);

  [[nodiscard]] http::Response ListMine(http::Request& request) const;
  [[nodiscard]] http::Response ListUnit(http::Request& request) const;
  [[nodiscard]] http::Response New(http::Request& request) const;
  [[nodiscard]] http::Response Open(http::Request& request) const;
  [[nodiscard]] http::Response Show(http::Request& request) const;
  [[nodiscard]] http::Response Status(http::Request& request) const;
  // Hands the case to another coordinator of the authority (who joins the person's team).
  [[nodiscard]] http::Response Responsible(http::Request& request) const;
  [[nodiscard]] http::Response Consent(http::Request& request) const;
  [[nodiscard]] http::Response Withdraw(http::Request& request) const;

 private:
  [[nodiscard]] http::Response List(http::Request& request, bool unit) const;
  // `referral`: the referral the form carries on (empty for none); `referral_unusable`: show
  // that the one asked for cannot be continued.
  [[nodiscard]] http::Response RenderNew(const http::Request& request, int status,
                                         std::string_view responsible,
                                         std::span<const exit_case::FieldProblem> problems,
                                         std::string_view referral = {},
                                         bool referral_unusable = false) const;
  // The case page, with `status_input`/`consent_input`/`responsible_input` back in their forms
  // and `problems` shown.
  [[nodiscard]] http::Response RenderCase(http::Request& request, int status,
                                          const exit_case::StatusChangeInput& status_input,
                                          const exit_case::ConsentInput& consent_input,
                                          std::span<const exit_case::FieldProblem> problems,
                                          std::string_view responsible_input = {}) const;

  // A list page's table rows as HTML (`listed` must carry its items), kept for its version.
  [[nodiscard]] std::shared_ptr<const std::string> ListRows(const exit_case::CaseListPage& listed,
                                                            std::string_view locale) const;

  PageFrame frame_;
  ErrorPages errors_;
  const exit_case::ExitCaseService& cases_;
  mutable FragmentCache list_rows_;
};

}  // namespace fyren::pages
