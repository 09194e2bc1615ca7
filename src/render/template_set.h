#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/embedded.h"
#include "base/result.h"
#include "render/catalog.h"
#include "render/view.h"

namespace fyren::render {

// Every page template and both UI catalogs (sv, en), loaded once at start. Each template is
// parsed once: at load, or (Parsing::kInBackground, for the server's start) on a background
// thread while the server starts, a render that comes first parsing the template it needs.
//
// Templates are the files web/templates/<name>.mustache; a template includes another with
// {{> name}}. Partials are expanded when the set is loaded (not at each render), so a missing
// or cyclic partial fails the load. Templates are logic-less and escape every value; the only
// unescaped tags allowed are {{{trusted_html_*}}} / {{& trusted_html_*}}, filled from a
// TrustedHtml (render/view.h). Set-delimiter tags are not allowed.
//
// Translations: a template reads {{t.key}} from the catalog of the locale being rendered
// (web/i18n/<locale>.toml); the catalog is referenced, never copied, per render.
//
// Thread-safety: immutable after Load but for each template's one-time parse (std::call_once);
// Render may run on any number of threads at once.
class TemplateSet {
 public:
  static constexpr std::string_view kTemplateDir = "web/templates/";
  static constexpr std::string_view kCatalogDir = "web/i18n/";

  // kNow: every template is parsed before Load returns, and one that does not parse fails the
  // load. kInBackground: parsing (about half of the server's start-up time) continues on a
  // thread after Load returns; a template that does not parse then fails its renders instead
  // (std::runtime_error), which is why a test loads the embedded set with kNow.
  enum class Parsing { kNow, kInBackground };

  // Loads from the files compiled into the binary (base::EmbeddedFiles()).
  [[nodiscard]] static base::Result<TemplateSet> LoadEmbedded(Parsing parsing = Parsing::kNow);
  // Loads from `files` (tests pass their own). Fails with kInvalidInput naming the template or
  // catalog on a forbidden tag, a missing partial, a missing sv/en catalog, or (kNow) a parse
  // error.
  [[nodiscard]] static base::Result<TemplateSet> Load(std::span<const base::EmbeddedFile> files,
                                                      Parsing parsing = Parsing::kNow);

  TemplateSet(TemplateSet&& other) noexcept;
  TemplateSet& operator=(TemplateSet&& other) noexcept;
  ~TemplateSet();

  [[nodiscard]] bool Has(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> Names() const;

  // Renders template `name` with `page` on top of `shared` (values every page of a site shows,
  // built once; may be null) and the catalog for `locale`. A value missing from both renders as
  // empty text. An unknown template name is a programming error: throws std::out_of_range.
  // A template of a kInBackground set that does not parse throws std::runtime_error.
  [[nodiscard]] std::string Render(std::string_view name, std::string_view locale, const View& page,
                                   const View* shared = nullptr) const;

  // The catalog for `locale` when there is one, else the Swedish one (Swedish is the default).
  [[nodiscard]] const Catalog& catalog(std::string_view locale) const;

  // Languages are data: every web/i18n/<code>.toml is a catalog. sv.toml and en.toml are
  // complete; any other file may translate only part of the interface (the public pages) and
  // falls back to English key by key. All loaded locales: "sv", "en", then the others by code.
  [[nodiscard]] const std::vector<std::string>& Locales() const;
  [[nodiscard]] bool HasLocale(std::string_view locale) const;

 private:
  class Template;
  struct Impl;
  explicit TemplateSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace fyren::render
