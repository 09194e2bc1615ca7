#include "render/template_set.h"

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>

#include "render/template_source.h"

namespace fyren::render {
namespace {

using Mustache = kainjow::mustache::mustache;

// Resolves names for one render: {{t.key}} from the locale's catalog, everything else from the
// section stack (innermost first), then the page view, then the shared view. Partials were
// expanded at load time, so get_partial finds nothing.
class RenderContext final : public kainjow::mustache::basic_context<std::string> {
 public:
  RenderContext(const Catalog& catalog, const TemplateData* shared, const TemplateData& page)
      : catalog_(catalog) {
    stack_.reserve(8);
    if (shared != nullptr) stack_.push_back(shared);
    stack_.push_back(&page);
  }

  void push(const TemplateData* data) override { stack_.push_back(data); }
  void pop() override { stack_.pop_back(); }

  const TemplateData* get(const std::string& name) const override {
    if (name == ".") return stack_.back();
    const std::string_view view(name);
    if (view.starts_with("t.")) return catalog_.Find(view.substr(2));
    const auto dot = view.find('.');
    if (dot == std::string_view::npos) return Lookup(name);
    // Dotted names: resolve the first part through the stack, then descend (Mustache spec).
    const TemplateData* value = Lookup(std::string(view.substr(0, dot)));
    std::string_view rest = view.substr(dot + 1);
    while (value != nullptr) {
      const auto next = rest.find('.');
      value = value->get(std::string(rest.substr(0, next)));
      if (next == std::string_view::npos) break;
      rest = rest.substr(next + 1);
    }
    return value;
  }

  const TemplateData* get_partial(const std::string& /*name*/) const override { return nullptr; }

 private:
  const TemplateData* Lookup(const std::string& name) const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (const TemplateData* value = (*it)->get(name)) return value;
    }
    return nullptr;
  }

  const Catalog& catalog_;
  std::vector<const TemplateData*> stack_;
};

// A catalog file's name: two or three lower-case letters.
bool IsLocaleCode(std::string_view code) {
  return code.size() >= 2 && code.size() <= 3 &&
         std::ranges::all_of(code, [](char c) { return c >= 'a' && c <= 'z'; });
}

// kainjow writes to anything with operator<<(const std::string&); appending to one string
// avoids an ostringstream per render.
struct StringSink {
  std::string* out;
  StringSink& operator<<(const std::string& text) {
    out->append(text);
    return *this;
  }
};

}  // namespace

// One template: its text with partials expanded, parsed once (at load, by the background
// parse, or by the first render that needs it, whichever comes first).
class TemplateSet::Template {
 public:
  Template(std::string name, std::string source)
      : name_(std::move(name)), source_(std::move(source)) {}

  // The parsed template, or nullptr with error() set when the text does not parse. Not const:
  // kainjow's render() is non-const (see Impl for why sharing it between threads is safe).
  Mustache* Parsed() const {
    std::call_once(once_, [this] {
      auto parsed = std::make_unique<Mustache>(source_);
      if (!parsed->is_valid()) {
        error_ = "template " + name_ + ": " + parsed->error_message();
        return;
      }
      parsed->set_custom_escape([](const std::string& value) { return EscapeHtml(value); });
      parsed_ = std::move(parsed);
    });
    return parsed_.get();
  }
  const std::string& error() const { return error_; }

 private:
  std::string name_;
  std::string source_;
  mutable std::once_flag once_;
  // Written only inside call_once, which orders the write before every reader's return.
  mutable std::unique_ptr<Mustache> parsed_;
  mutable std::string error_;
};

struct TemplateSet::Impl {
  // kainjow's render() is non-const only because it records errors from lambdas and partials.
  // Views cannot hold lambdas and partials are expanded before parsing, so rendering never
  // writes to the template and concurrent renders of one template are safe.
  std::unordered_map<std::string, std::unique_ptr<Template>> templates;
  std::optional<Catalog> sv;
  std::optional<Catalog> en;
  std::map<std::string, Catalog, std::less<>> others;  // with English filled in
  std::vector<std::string> locales;
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
    auto added = impl->templates.emplace(name, std::make_unique<Template>(name, *expanded));
    in_order.push_back(added.first->second.get());
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
  Mustache* parsed = it->second->Parsed();
  // Only a set loaded with Parsing::kInBackground gets here with a template that does not
  // parse, and the embedded set is parsed in full by its tests.
  if (parsed == nullptr) throw std::runtime_error(it->second->error());
  RenderContext context(catalog(locale), shared == nullptr ? nullptr : &shared->data(),
                        page.data());
  std::string out;
  out.reserve(16 * 1024);
  StringSink sink{&out};
  parsed->render(context, sink);
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
