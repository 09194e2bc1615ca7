#pragma once

#include <string>
#include <string_view>

#include "http/message.h"
#include "pages/site_info.h"
#include "render/template_set.h"
#include "render/view.h"

namespace fyren::pages {

// The layout every HTML page shares: the site's values (tenant, version, demo banner) built once,
// the page title and the current navigation item, and the step from a rendered template to an
// HTML response. Immutable after construction; thread-safe. Keeps a reference to `templates`,
// which must outlive it.
class PageFrame {
 public:
  PageFrame(const render::TemplateSet& templates, SiteInfo site);

  // "en" for English, "sv" for anything else (the middleware already narrows it).
  [[nodiscard]] static std::string_view Locale(std::string_view requested);

  // A fresh page view with its <title> from catalog key `title_key` and the navigation item
  // `nav_item` ("start", "organisations", "glossary", "about"; empty for none) marked current.
  [[nodiscard]] render::View NewPage(std::string_view locale, std::string_view title_key,
                                     std::string_view nav_item) const;

  // Renders `template_name` with the site's shared values under `page`.
  [[nodiscard]] std::string RenderBody(std::string_view template_name, std::string_view locale,
                                       const render::View& page) const;
  // An HTML response with Content-Language set.
  [[nodiscard]] static http::Response Html(int status, std::string_view locale, std::string body);
  // RenderBody then Html.
  [[nodiscard]] http::Response Respond(int status, std::string_view template_name,
                                       std::string_view locale, const render::View& page) const;

  [[nodiscard]] const render::Catalog& catalog(std::string_view locale) const {
    return templates_.catalog(locale);
  }
  [[nodiscard]] const SiteInfo& site() const { return site_; }

 private:
  const render::TemplateSet& templates_;
  SiteInfo site_;
  render::View shared_;
};

}  // namespace fyren::pages
