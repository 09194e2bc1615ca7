#include "render/template_set.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>

#include "render/compiled_template.h"
#include "render/template_source.h"

namespace fyren::render {
namespace {

// A catalog file's name: two or three lower-case letters.
bool IsLocaleCode(std::string_view code) {
  return code.size() >= 2 && code.size() <= 3 &&
         std::ranges::all_of(code, [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

// One template: its text with partials expanded, parsed once (at load, by the background
// parse, or by the first render that needs it, whichever comes first).
class TemplateSet::Template {
 public:
  Template(std::string name, std::string source, const CompiledTemplate::SlotOf* slot_of)
      : name_(std::move(name)), source_(std::move(source)), slot_of_(slot_of) {}

  // The parsed template, or nullptr with error() set when the text does not parse.
  const CompiledTemplate* Parsed() const {
    std::call_once(once_, [this] {
      auto parsed = CompiledTemplate::Parse(name_, source_, *slot_of_);
      if (!parsed) {
        error_ = parsed.error().message;
        return;
      }
      parsed_.emplace(std::move(*parsed));
    });
    return parsed_ ? &*parsed_ : nullptr;
  }
  const std::string& error() const { return error_; }

 private:
  std::string name_;
  std::string source_;
  const CompiledTemplate::SlotOf* slot_of_;  // owned by the set's Impl
  mutable std::once_flag once_;
  // Written only inside call_once, which orders the write before every reader's return.
  mutable std::optional<CompiledTemplate> parsed_;
  mutable std::string error_;
};

struct TemplateSet::Impl {
  std::unordered_map<std::string, std::unique_ptr<Template>> templates;
  std::optional<Catalog> sv;
  std::optional<Catalog> en;
  std::map<std::string, Catalog, std::less<>> others;  // with English filled in
  std::vector<std::string> locales;
  // Every catalog key a template reads ({{t.key}}), numbered, and per locale the texts in that
  // order, escaped once here instead of at every render.
  std::unordered_map<std::string, std::size_t> slot_numbers;
  CompiledTemplate::SlotOf slot_of;
  std::map<std::string, CatalogSlots, std::less<>> slots;
  // Last, so that it is joined before the templates it parses are destroyed.
  std::jthread background_parse;
};

TemplateSet::TemplateSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TemplateSet::TemplateSet(TemplateSet&& other) noexcept = default;
TemplateSet& TemplateSet::operator=(TemplateSet&& other) noexcept = default;
TemplateSet::~TemplateSet() = default;

base::Result<TemplateSet> TemplateSet::LoadEmbedded(Parsing parsing) {
  return Load(base::EmbeddedFiles(), parsing);
}

base::Result<TemplateSet> TemplateSet::Load(std::span<const base::EmbeddedFile> files,
                                            Parsing parsing) {
  auto impl = std::make_unique<Impl>();
  std::map<std::string, std::string, std::less<>> sources;
  std::map<std::string, Catalog, std::less<>> partial;
  for (const auto& file : files) {
    if (file.path.starts_with(kTemplateDir) && file.path.ends_with(".mustache")) {
      std::string_view name = file.path.substr(kTemplateDir.size());
      name.remove_suffix(std::string_view(".mustache").size());
      if (name.find('/') != std::string_view::npos) continue;
      sources.emplace(std::string(name), std::string(file.data));
    } else if (file.path == std::string(kCatalogDir) + "sv.toml") {
      auto catalog = Catalog::Parse("sv", file.path, file.data);
      if (!catalog) return std::unexpected(catalog.error());
      impl->sv.emplace(std::move(*catalog));
    } else if (file.path == std::string(kCatalogDir) + "en.toml") {
      auto catalog = Catalog::Parse("en", file.path, file.data);
      if (!catalog) return std::unexpected(catalog.error());
      impl->en.emplace(std::move(*catalog));
    } else if (file.path.starts_with(kCatalogDir) && file.path.ends_with(".toml")) {
      std::string_view code = file.path.substr(kCatalogDir.size());
      code.remove_suffix(std::string_view(".toml").size());
      if (!IsLocaleCode(code)) {
        return base::Fail(base::ErrorCode::kInvalidInput,
                          std::string(file.path) + ": the name must be a language code (ISO 639)");
      }
      auto catalog = Catalog::Parse(code, file.path, file.data);
      if (!catalog) return std::unexpected(catalog.error());
      partial.emplace(std::string(code), std::move(*catalog));
    }
  }
  if (!impl->sv || !impl->en) {
    return base::Fail(base::ErrorCode::kInvalidInput, "web/i18n/sv.toml and en.toml are required");
  }
  impl->locales = {"sv", "en"};
  for (auto& [code, catalog] : partial) {
    impl->locales.push_back(code);
    impl->others.emplace(code, Catalog::WithFallback(std::move(catalog), *impl->en));
  }
  std::vector<const Template*> in_order;
  for (const auto& [name, text] : sources) {
    if (auto checked = CheckTags(name, text); !checked) return std::unexpected(checked.error());
    auto expanded = ExpandPartials(name, text, sources);
    if (!expanded) return std::unexpected(expanded.error());
    auto tags = ScanTags(name, *expanded);
    if (!tags) return std::unexpected(tags.error());
    for (const TemplateTag& tag : *tags) {
      if (tag.name.starts_with("t.")) {
        impl->slot_numbers.try_emplace(tag.name.substr(2), impl->slot_numbers.size());
      }
    }
    auto added = impl->templates.emplace(
        name, std::make_unique<Template>(name, std::move(*expanded), &impl->slot_of));
    in_order.push_back(added.first->second.get());
  }
  impl->slot_of = [numbers = &impl->slot_numbers](std::string_view key) {
    return numbers->at(std::string(key));
  };
  for (const std::string& locale : impl->locales) {
    const Catalog& texts = *(locale == "sv"   ? &*impl->sv
                             : locale == "en" ? &*impl->en
                                              : &impl->others.find(locale)->second);
    CatalogSlots& escaped = impl->slots[locale];
    escaped.resize(impl->slot_numbers.size());
    for (const auto& [key, number] : impl->slot_numbers) {
      if (const std::string* text = texts.Find(key)) escaped[number] = EscapeHtml(*text);
    }
  }
  if (parsing == Parsing::kInBackground) {
    impl->background_parse =
        std::jthread([in_order = std::move(in_order)](const std::stop_token& stop) {
          for (const Template* entry : in_order) {
            if (stop.stop_requested()) return;
            (void)entry->Parsed();
          }
        });
    return TemplateSet(std::move(impl));
  }
  for (const Template* entry : in_order) {
    if (entry->Parsed() == nullptr) {
      return base::Fail(base::ErrorCode::kInvalidInput, entry->error());
    }
  }
  return TemplateSet(std::move(impl));
}

bool TemplateSet::Has(std::string_view name) const {
  return impl_->templates.contains(std::string(name));
}

std::vector<std::string> TemplateSet::Names() const {
  std::vector<std::string> names;
  for (const auto& entry : impl_->templates) names.push_back(entry.first);
  std::ranges::sort(names);
  return names;
}

std::string TemplateSet::Render(std::string_view name, std::string_view locale, const View& page,
                                const View* shared) const {
  const auto it = impl_->templates.find(std::string(name));
  if (it == impl_->templates.end()) {
    throw std::out_of_range("no template " + std::string(name));
  }
  const CompiledTemplate* parsed = it->second->Parsed();
  // Only a set loaded with Parsing::kInBackground gets here with a template that does not
  // parse, and the embedded set is parsed in full by its tests.
  if (parsed == nullptr) throw std::runtime_error(it->second->error());
  const auto texts = impl_->slots.find(catalog(locale).locale());
  std::string out;
  out.reserve(parsed->literal_size() + 4 * 1024);
  parsed->Render(page, shared, texts->second, out);
  return out;
}

const Catalog& TemplateSet::catalog(std::string_view locale) const {
  if (locale == "en") return *impl_->en;
  if (locale != "sv") {
    if (const auto found = impl_->others.find(locale); found != impl_->others.end()) {
      return found->second;
    }
  }
  return *impl_->sv;
}

const std::vector<std::string>& TemplateSet::Locales() const { return impl_->locales; }

bool TemplateSet::HasLocale(std::string_view locale) const {
  return std::ranges::find(impl_->locales, locale) != impl_->locales.end();
}

}  // namespace fyren::render
