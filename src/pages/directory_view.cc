#include "pages/directory_view.h"

#include <algorithm>
#include <utility>

#include "pages/page_frame.h"

namespace fyren::pages {

std::string DirectoryLocale(const render::TemplateSet& templates, const http::Request& request) {
  if (const auto lang = request.QueryParam("lang"); lang && templates.HasLocale(*lang)) {
    return *lang;
  }
  return std::string(PageFrame::Locale(request.locale));
}

std::string LangQuery(std::string_view locale, char separator) {
  if (locale == "sv" || locale == "en") return {};
  return std::string(1, separator) + "lang=" + std::string(locale);
}

std::string DirectoryEntryPath(std::string_view public_id) {
  return "/where-to-turn/" + std::string(public_id);
}

std::string TelHref(std::string_view phone) {
  std::string out = "tel:";
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if ((c >= '0' && c <= '9') || (c == '+' && i == 0)) out += c;
  }
  return out;
}

void AddLanguageLinks(render::View& page, const render::TemplateSet& templates,
                      std::string_view locale, std::string_view path) {
  for (const std::string& code : templates.Locales()) {
    render::View link;
    link.Set("code", code)
        .Set("name", templates.catalog(code).Get("lang.name"))
        .Set("dir", templates.catalog(code).Get("lang.dir"))
        .Set("href", std::string(path) + "?lang=" + code)
        .SetFlag("current", code == locale);
    page.Append("languages", std::move(link));
  }
}

render::View EntryCard(const support_directory::DirectoryEntry& entry, const render::Catalog& t,
                       std::string_view locale,
                       std::span<const support_directory::SpokenLanguage> languages) {
  const auto& d = entry.draft;
  const auto& text = entry.Text(locale);
  const bool own_text = entry.HasText(locale);
  const std::string text_lang = own_text ? std::string(locale) : "en";
  render::View card;
  card.Set("public_id", entry.public_id)
      .Set("href", DirectoryEntryPath(entry.public_id) + LangQuery(locale))
      .Set("name", text.name)
      .Set("description", text.description)
      .Set("hours", text.hours)
      .SetFlag("has_hours", !text.hours.empty())
      .Set("kind", t.Get("directory.kind." + std::string(support_directory::ToString(d.kind))))
      .Set("text_lang", text_lang)
      .Set("text_dir", own_text ? std::string(t.Get("lang.dir")) : "ltr")
      .SetFlag("in_english", !own_text)
      .Set("phone", d.phone)
      .Set("tel_href", TelHref(d.phone))
      .SetFlag("has_phone", !d.phone.empty())
      .Set("email", d.email)
      .Set("mailto_href", "mailto:" + d.email)
      .SetFlag("has_email", !d.email.empty())
      .Set("web", d.web)
      .Set("web_label", d.web.substr(std::min<std::size_t>(d.web.size(), 8)))
      .SetFlag("has_web", !d.web.empty())
      .Set("address", d.address)
      .SetFlag("has_address", !d.address.empty())
      .SetFlag("anonymous", d.anonymous)
      .SetFlag("free", d.free_of_charge);
  for (const std::string& code : d.target_groups) {
    render::View group;
    group.Set("name", t.Get("directory.target." + code));
    card.Append("target_groups", std::move(group));
  }
  for (const std::string& code : d.languages) {
    const auto found = std::ranges::find(languages, code, &support_directory::SpokenLanguage::code);
    render::View language;
    language.Set("code", code)
        .Set("name", found == languages.end() ? code : found->NameFor(locale));
    card.Append("spoken", std::move(language));
  }
  return card;
}

void AddDirectoryProblems(render::View& page, const render::Catalog& t,
                          std::span<const support_directory::FieldProblem> problems) {
  for (const auto& problem : problems) {
    const std::string message(t.Get("directory.problem." + problem.code));
    render::View item;
    item.Set("field", problem.field).Set("message", message);
    page.Append("errors", std::move(item));
    page.Set(problem.field + "_error", message);
  }
  page.SetFlag("has_errors", !problems.empty());
}

}  // namespace fyren::pages
