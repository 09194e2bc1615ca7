#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/exit_case/exit_case_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// One part of a shared SIP as the partner page shows it: a heading and plain-text lines.
struct SharedSection {
  std::string heading;
  std::vector<std::string> lines;
};

// The hook the SIP module wires (serve_command.cc): the sections of the case's SIP that the
// active consent names (view.parts), in the page's locale. Called only after ForPartner allowed
// and audited the view; it must show nothing beyond view.parts. Empty when not wired.
using SharedSections = std::function<std::vector<SharedSection>(
    const trust::Actor& actor, const exit_case::PartnerCaseView& view, std::string_view locale)>;

// The external partner's pages (issue 4 §6):
//   GET /shared/cases       the cases an active consent shares with my organisation
//   GET /shared/cases/{id}  one of them: case number, the consented parts, the coordinator, and
//                           the SIP sections the consent names (SharedSections)
// Without an active consent (never given, withdrawn, expired) a case is a 404 like a missing one.
// Never cached. Immutable after construction; thread-safe.
class ExitCaseSharedPages {
 public:
  ExitCaseSharedPages(const render::TemplateSet& templates, SiteInfo site,
                      const exit_case::ExitCaseService& cases, SharedSections sections = {});

  [[nodiscard]] http::Response List(http::Request& request) const;
  [[nodiscard]] http::Response Show(http::Request& request) const;

 private:
  PageFrame frame_;
  ErrorPages errors_;
  const exit_case::ExitCaseService& cases_;
  SharedSections sections_;
};

}  // namespace fyren::pages
