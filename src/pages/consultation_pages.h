#pragma once

#include <span>

#include "domain/referral/consultation_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// Anonymous consultations to the competence centre (issue 5 §4):
//   GET  /consultations               ask a question (no personal data) + my unit's questions
//   POST /consultations               ask; the form comes back with an error summary
//   GET  /consultations/inbox         the competence centre's open and answered questions
//   GET  /consultations/{id}          the question and its answer (asker's unit or the centre)
//   POST /consultations/{id}/answer   the centre answers
// Each handler decodes, calls one ConsultationService method and renders. Never cached.
// Immutable after construction; thread-safe. The references must outlive it.
class ConsultationPages {
 public:
  ConsultationPages(const render::TemplateSet& templates, SiteInfo site,
                    const referral::ConsultationService& consultations);

  [[nodiscard]] http::Response List(http::Request& request) const;
  [[nodiscard]] http::Response Ask(http::Request& request) const;
  [[nodiscard]] http::Response Inbox(http::Request& request) const;
  [[nodiscard]] http::Response Show(http::Request& request) const;
  [[nodiscard]] http::Response Answer(http::Request& request) const;

 private:
  [[nodiscard]] http::Response RenderList(const http::Request& request, int status,
                                          std::string_view question,
                                          std::span<const referral::FieldProblem> problems) const;
  [[nodiscard]] http::Response RenderOne(const http::Request& request, int status,
                                         std::span<const referral::FieldProblem> problems) const;

  PageFrame frame_;
  ErrorPages errors_;
  const referral::ConsultationService& consultations_;
};

}  // namespace fyren::pages
