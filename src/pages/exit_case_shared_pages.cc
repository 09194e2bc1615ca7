#include "pages/exit_case_shared_pages.h"

#include "base/swedish_time.h"
#include "pages/exit_case_view.h"
#include "pages/person_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

// A partner reads what was shared for their part in the person's plan.
constexpr std::string_view kPurpose = "case_work";

std::string ExpiryText(const render::Catalog& t, const std::optional<std::int64_t>& expires_at) {
  if (!expires_at) return std::string(t.Get("case.no_expiry"));
  return base::FormatSwedishDate(*expires_at - 1);  // the last valid day
}

}  // namespace

ExitCaseSharedPages::ExitCaseSharedPages(const render::TemplateSet& templates, SiteInfo site,
                                         const exit_case::ExitCaseService& cases,
                                         SharedSections sections)
    : frame_(templates, site),
      errors_(templates, site),
      cases_(cases),
      sections_(std::move(sections)) {}

http::Response ExitCaseSharedPages::List(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto shared = cases_.ListShared(*signed_in);
  if (!shared) return PersonFailure(errors_, shared.error(), request, "/");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "case.shared_title", "shared");
  SetVisitor(page, request);
  for (const auto& item : *shared) {
    render::View row;
    row.Set("href", "/shared/cases/" + item.public_id)
        .Set("case_number", item.case_number)
        .Set("parts", PartsText(t, item.parts))
        .Set("expires_on", ExpiryText(t, item.share_expires_at));
    page.Append("cases", std::move(row));
  }
  page.SetFlag("has_cases", !shared->empty());
  return NoStore(frame_.Respond(200, "exit_case_shared_list", locale, page));
}

http::Response ExitCaseSharedPages::Show(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto view = cases_.ForPartner(*signed_in, request.PathParam("id"));
  if (!view) return PersonFailure(errors_, view.error(), request, "/shared/cases");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "case.shared_show_title", "shared");
  SetVisitor(page, request);
  page.Set("case_number", view->case_number)
      .Set("organisation", locale == "en" ? view->organisation_name_en : view->organisation_name_sv)
      .Set("coordinator", view->coordinator_name)
      .Set("expires_on", ExpiryText(t, view->share_expires_at));
  for (const exit_case::SipPart part : view->parts) {
    render::View item;
    item.Set("label", t.Get("case.part." + std::string(exit_case::ToString(part))));
    page.Append("parts", std::move(item));
  }
  if (sections_) {
    for (const SharedSection& section : sections_(*signed_in, *view, locale)) {
      render::View item;
      item.Set("heading", section.heading);
      for (const std::string& line : section.lines) {
        render::View l;
        l.Set("text", line);
        item.Append("lines", std::move(l));
      }
      page.Append("sections", std::move(item));
    }
  }
  return NoStore(frame_.Respond(200, "exit_case_shared_show", locale, page));
}

}  // namespace fyren::pages
