#pragma once

#include <span>

#include "domain/referral/referral_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// Referrals between organisations (issue 5 §4):
//   GET  /referrals                 sent from and received by my unit, status and date
//   GET  /referrals/new             the form (?screening= / ?case= / ?report= prefill the source,
//                                   ?to=district_coordinator|barnahus|competence_centre the kind)
//   POST /referrals/new             send it; the form comes back with an error summary
//   GET  /referrals/{id}            details, history, and for the recipient the status form
//   POST /referrals/{id}/status     accept / decline with a reason / done
// Each handler decodes, calls one ReferralService method (which decides access and audits) and
// renders. Pages are never cached. Immutable after construction; thread-safe. The references
// must outlive it.
class ReferralPages {
 public:
  ReferralPages(const render::TemplateSet& templates, SiteInfo site,
                const referral::ReferralService& referrals);

  [[nodiscard]] http::Response List(http::Request& request) const;
  [[nodiscard]] http::Response New(http::Request& request) const;
  [[nodiscard]] http::Response Send(http::Request& request) const;
  [[nodiscard]] http::Response Show(http::Request& request) const;
  [[nodiscard]] http::Response ChangeStatus(http::Request& request) const;

 private:
  [[nodiscard]] http::Response RenderForm(const http::Request& request, int status,
                                          const referral::ReferralInput& input,
                                          std::span<const referral::FieldProblem> problems) const;
  [[nodiscard]] http::Response RenderReferral(
      const http::Request& request, int status,
      std::span<const referral::FieldProblem> problems) const;

  PageFrame frame_;
  ErrorPages errors_;
  const referral::ReferralService& referrals_;
};

}  // namespace fyren::pages
