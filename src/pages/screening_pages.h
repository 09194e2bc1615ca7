#pragma once

#include <span>

#include "domain/screening/screening_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// Screening pages (issue 5 §1–2):
//   GET  /screenings                    the screenings I recorded
//   GET  /screenings/new                choose an instrument (?person=<public id> carried on)
//   GET  /screenings/new/{instrument}   the questions, and who the screening is about
//   POST /screenings/new/{instrument}   record; the form comes back with an error summary and a
//                                       message per unanswered required item, answers kept
//   GET  /screenings/{id}               level, recommended actions with links, answers
// Each handler decodes the request, calls one ScreeningService method (which decides access,
// computes the level and audits) and renders. A screening the actor may not see and one that
// does not exist get the same 404 page. Never cached. Immutable after construction; thread-safe.
class ScreeningPages {
 public:
  ScreeningPages(const render::TemplateSet& templates, SiteInfo site,
                 const screening::ScreeningService& screenings);

  [[nodiscard]] http::Response List(http::Request& request) const;
  // The screenings recorded with a registered person, for those who may read the person.
  [[nodiscard]] http::Response ForPerson(http::Request& request) const;
  [[nodiscard]] http::Response Choose(http::Request& request) const;
  [[nodiscard]] http::Response Questions(http::Request& request) const;
  [[nodiscard]] http::Response Record(http::Request& request) const;
  [[nodiscard]] http::Response Show(http::Request& request) const;

 private:
  [[nodiscard]] http::Response RenderQuestions(
      const http::Request& request, int status, const screening::Instrument& instrument,
      const screening::ScreeningInput& input,
      std::span<const screening::AnswerProblem> problems) const;

  PageFrame frame_;
  ErrorPages errors_;
  const screening::ScreeningService& screenings_;
};

}  // namespace fyren::pages
