#include "pages/page_frame.h"

#include <string>
#include <utility>

namespace fyren::pages {

PageFrame::PageFrame(const render::TemplateSet& templates, SiteInfo site)
    : templates_(templates), site_(std::move(site)) {
  shared_.Set("tenant_name", site_.tenant_name)
      .Set("version", site_.version)
      .SetFlag("demo_mode", site_.demo_mode);
}

std::string_view PageFrame::Locale(std::string_view requested) {
  return requested == "en" ? "en" : "sv";
}

render::View PageFrame::NewPage(std::string_view locale, std::string_view title_key,
                                std::string_view nav_item) const {
  render::View page;
  page.Set("page_title", templates_.catalog(locale).Get(title_key));
  if (!nav_item.empty()) page.SetFlag("current_" + std::string(nav_item), true);
  return page;
}

std::string PageFrame::RenderBody(std::string_view template_name, std::string_view locale,
                                  const render::View& page) const {
  return templates_.Render(template_name, locale, page, &shared_);
}

http::Response PageFrame::Html(int status, std::string_view locale, std::string body) {
  auto response = http::Response::Html(status, std::move(body));
  response.SetHeader("Content-Language", locale);
  return response;
}

http::Response PageFrame::Respond(int status, std::string_view template_name,
                                  std::string_view locale, const render::View& page) const {
  return Html(status, locale, RenderBody(template_name, locale, page));
}

}  // namespace fyren::pages
