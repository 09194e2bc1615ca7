#pragma once

#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"
#include "trust/accounts/invite_service.h"

namespace fyren::pages {

// The public page behind a one-time invite link: choose a password (twice), then go to the
// sign-in page. An unknown, used, expired or revoked link gets one and the same page (404), so
// the page tells nothing about other people's invites. Immutable after construction;
// thread-safe. The references must outlive it.
class InvitePages {
 public:
  InvitePages(const render::TemplateSet& templates, SiteInfo site,
              trust::accounts::InviteService& invites);

  [[nodiscard]] http::Response Show(http::Request& request) const;    // GET /invite/{token}
  [[nodiscard]] http::Response Accept(http::Request& request) const;  // POST /invite/{token}

 private:
  [[nodiscard]] http::Response RenderForm(const http::Request& request, int status,
                                          std::string_view username, std::string_view field,
                                          std::string_view error) const;
  [[nodiscard]] http::Response RenderInvalid(const http::Request& request) const;

  PageFrame frame_;
  ErrorPages errors_;
  trust::accounts::InviteService& invites_;
};

}  // namespace fyren::pages
