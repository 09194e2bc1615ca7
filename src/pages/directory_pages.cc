#include "pages/directory_pages.h"

#include <algorithm>
#include <string>
#include <utility>

#include "domain/support_directory/directory_search.h"
#include "pages/directory_view.h"
#include "pages/sign_in_pages.h"

namespace fyren::pages {
namespace {

constexpr std::size_t kMaxQuery = 200;

std::string Bounded(std::optional<std::string> value) {
  std::string text = value.value_or("");
  if (text.size() > kMaxQuery) text.resize(kMaxQuery);
  return text;
}

}  // namespace

DirectoryPages::DirectoryPages(const render::TemplateSet& templates,
                               const support_directory::SupportDirectoryService& directory,
                               SiteInfo site)
    : templates_(templates),
      directory_(directory),
      frame_(templates, site),
      errors_(templates, site) {}

base::Result<DirectoryPages::Entries> DirectoryPages::VisibleEntries(
    const trust::Actor& actor) const {
  // The fingerprint is read before the entries: should they change in between, the list is kept
  // under the older fingerprint and the next request reads again.
  auto fingerprint = directory_.Fingerprint(actor);
  if (!fingerprint) return std::unexpected(fingerprint.error());
  {
    const std::lock_guard lock(mutex_);
    if (entries_ && fingerprint_ == *fingerprint) return entries_;
  }
  auto entries = directory_.ListVisible(actor);
  if (!entries) return std::unexpected(entries.error());
  auto shared =
      std::make_shared<const std::vector<support_directory::DirectoryEntry>>(std::move(*entries));
  const std::lock_guard lock(mutex_);
  fingerprint_ = *fingerprint;
  entries_ = shared;
  return shared;
}

http::Response DirectoryPages::Index(http::Request& request) const {
  const std::string locale = DirectoryLocale(templates_, request);
  const render::Catalog& t = frame_.catalog(locale);
  const auto actor = trust::Actor::Public(frame_.site().tenant_id, request.request_id);
  auto entries = VisibleEntries(actor);
  if (!entries) return errors_.ForError(entries.error(), request);

  support_directory::DirectoryQuery query{.text = Bounded(request.QueryParam("q")),
                                          .target_group = Bounded(request.QueryParam("target")),
                                          .language = Bounded(request.QueryParam("language"))};
  // Unknown codes in the filters are ignored rather than answered with "nothing found".
  if (!support_directory::IsTargetGroup(query.target_group)) query.target_group.clear();
  const auto languages = directory_.Languages();
  if (std::ranges::find(languages, query.language, &support_directory::SpokenLanguage::code) ==
      languages.end()) {
    query.language.clear();
  }
  const auto matches = support_directory::Filter(**entries, query, locale, [&](std::string_view c) {
    return std::string(t.Get("directory.target." + std::string(c)));
  });

  render::View page = frame_.NewPage(locale, "directory.title", "directory");
  SetVisitor(page, request);
  page.Set("q", query.text)
      .Set("lang", LangQuery(locale).empty() ? "" : locale)
      .SetFlag("extra_locale", !LangQuery(locale).empty())
      .Set("count", std::to_string(matches.size()))
      .SetFlag("filtered", !query.Empty())
      .Set("show_all_href", "/where-to-turn" + LangQuery(locale));
  for (const std::string_view code : support_directory::TargetGroupCodes()) {
    render::View option;
    option.Set("code", code)
        .Set("name", t.Get("directory.target." + std::string(code)))
        .SetFlag("selected", code == query.target_group);
    page.Append("targets", std::move(option));
  }
  for (const auto& language : languages) {
    render::View option;
    option.Set("code", language.code)
        .Set("name", language.NameFor(locale))
        .SetFlag("selected", language.code == query.language);
    page.Append("spoken_options", std::move(option));
  }
  for (const auto* entry : matches) page.Append("entries", EntryCard(*entry, t, locale, languages));
  page.SetFlag("has_entries", !matches.empty());
  AddLanguageLinks(page, templates_, locale, "/where-to-turn");
  return frame_.Respond(200, "directory", locale, page);
}

http::Response DirectoryPages::Show(http::Request& request) const {
  const std::string locale = DirectoryLocale(templates_, request);
  const render::Catalog& t = frame_.catalog(locale);
  const auto actor = trust::Actor::Public(frame_.site().tenant_id, request.request_id);
  const auto entry = directory_.GetVisible(actor, request.PathParam("id"));
  if (!entry) return errors_.ForError(entry.error(), request);
  render::View page = frame_.NewPage(locale, "directory.title", "directory");
  page.Set("page_title", entry->Text(locale).name);
  SetVisitor(page, request);
  page.SetChild("entry", EntryCard(*entry, t, locale, directory_.Languages()))
      .Set("back_href", "/where-to-turn" + LangQuery(locale));
  AddLanguageLinks(page, templates_, locale, DirectoryEntryPath(entry->public_id));
  return frame_.Respond(200, "directory_entry", locale, page);
}

}  // namespace fyren::pages
