#include "pages/error_pages.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "base/log.h"
#include "http/error_mapping.h"

namespace fyren::pages {
namespace {

constexpr std::array<int, 11> kStatuses = {400, 403, 404, 405, 408, 409, 413, 422, 431, 500, 503};

int TextStatus(int status) {
  if (std::ranges::find(kStatuses, status) != kStatuses.end()) return status;
  return status >= 400 && status < 500 ? 400 : 500;
}

}  // namespace

ErrorPages::ErrorPages(const render::TemplateSet& templates, SiteInfo site)
    : frame_(templates, std::move(site)) {}

std::span<const int> ErrorPages::Statuses() { return kStatuses; }

http::Response ErrorPages::Render(int status, const http::Request& request) const {
  return Render(status, request.locale, request.request_id);
}

http::Response ErrorPages::Render(int status, std::string_view /*path*/) const {
  return Render(status, "sv", "");
}

http::Response ErrorPages::Render(int status, std::string_view requested_locale,
                                  std::string_view request_id) const {
  const std::string_view locale = PageFrame::Locale(requested_locale);
  const std::string text_status = std::to_string(TextStatus(status));
  const auto& catalog = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "error.title_" + text_status, "");
  page.Set("status", std::to_string(status))
      .Set("title", catalog.Get("error.title_" + text_status))
      .Set("explanation", catalog.Get("error.text_" + text_status))
      .SetFlag("has_request_id", !request_id.empty())
      .Set("request_id", request_id);
  auto response = frame_.Respond(status, "error", locale, page);
  response.SetHeader("Cache-Control", "no-store");
  if (status == 503) response.SetHeader("Retry-After", "5");
  return response;
}

http::Response ErrorPages::ForError(const base::Error& error, const http::Request& request) const {
  const int status = http::HttpStatus(error);
  base::log::Write(status >= 500 ? base::log::Level::kError : base::log::Level::kInfo, "page_error",
                   {{"request_id", request.request_id},
                    {"route", request.route},
                    {"code", base::ToString(error.code)},
                    {"status", status},
                    {"detail", error.detail}});
  return Render(status, request);
}

int ErrorPages::StatusFor(base::ErrorCode code) { return http::HttpStatus(code); }

}  // namespace fyren::pages
