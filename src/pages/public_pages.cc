#include "pages/public_pages.h"

#include <string>
#include <utility>

#include "pages/organisations_view.h"
#include "trust/actor.h"

namespace fyren::pages {

PublicPages::PublicPages(const render::TemplateSet& templates,
                         const organisation::OrganisationService& organisations, SiteInfo site)
    : organisations_(organisations), frame_(templates, site), errors_(templates, site) {}

http::Response PublicPages::Start(http::Request& request) const {
  const auto locale = PageFrame::Locale(request.locale);
  return frame_.Respond(200, "start", locale, frame_.NewPage(locale, "start.title", "start"));
}

http::Response PublicPages::Organisations(http::Request& request) const {
  const auto locale = PageFrame::Locale(request.locale);
  // The tree is public information (organisation_service.h); until sessions exist every
  // visitor reads it as the public of this site's tenant.
  const auto actor = trust::Actor::Public(frame_.site().tenant_id, request.request_id);
  // The fingerprint is read before the tree: should the tree change in between, the body is
  // stored under the older fingerprint and the next request renders again.
  const auto fingerprint = organisations_.Fingerprint(actor);
  if (!fingerprint) return errors_.ForError(fingerprint.error(), request);
  if (auto cached = organisations_cache_.Find(locale, *fingerprint)) {
    return PageFrame::Html(200, locale, std::move(*cached));
  }
  const auto tree = organisations_.ListTree(actor);
  if (!tree) return errors_.ForError(tree.error(), request);
  render::View page = BuildOrganisationsView(*tree, frame_.catalog(locale));
  page.Set("page_title", frame_.catalog(locale).Get("organisations.title"))
      .SetFlag("current_organisations", true);
  std::string body = frame_.RenderBody("organisations", locale, page);
  organisations_cache_.Store(locale, *fingerprint, body);
  return PageFrame::Html(200, locale, std::move(body));
}

http::Response PublicPages::Glossary(http::Request& request) const {
  const auto locale = PageFrame::Locale(request.locale);
  return frame_.Respond(200, "glossary", locale,
                        frame_.NewPage(locale, "glossary.title", "glossary"));
}

http::Response PublicPages::About(http::Request& request) const {
  const auto locale = PageFrame::Locale(request.locale);
  return frame_.Respond(200, "about", locale, frame_.NewPage(locale, "about.title", "about"));
}

}  // namespace fyren::pages
