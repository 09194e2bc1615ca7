#pragma once

#include <span>
#include <string_view>

#include "base/result.h"
#include "http/message.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// The HTML error page: a title, a plain explanation, a way back to the start page and the
// request id to give to support, in Swedish or English. Never shows internal detail.
// Immutable after construction; thread-safe. `templates` must outlive it.
class ErrorPages {
 public:
  ErrorPages(const render::TemplateSet& templates, SiteInfo site);

  // The statuses with their own text: 400 403 404 405 408 409 413 422 431 500 503. Any other
  // 4xx gets the 400 text and any other status the 500 text, with its own status code.
  [[nodiscard]] static std::span<const int> Statuses();

  // The page for `status` in the request's locale, with its request id.
  [[nodiscard]] http::Response Render(int status, const http::Request& request) const;
  // For the server's ErrorResponder, when no request could be parsed: Swedish, no request id.
  // `path` is accepted for that signature; the server decides API or HTML before calling.
  [[nodiscard]] http::Response Render(int status, std::string_view path) const;
  // The general form both use.
  [[nodiscard]] http::Response Render(int status, std::string_view locale,
                                      std::string_view request_id) const;

  // For a service failure: logs the internal detail with the request id and renders the page
  // for the error's status (kUnavailable: 503, "the database cannot be reached").
  [[nodiscard]] http::Response ForError(const base::Error& error,
                                        const http::Request& request) const;

  // ErrorCode to HTTP status, as http/ maps it for the API.
  [[nodiscard]] static int StatusFor(base::ErrorCode code);

 private:
  PageFrame frame_;
};

}  // namespace fyren::pages
