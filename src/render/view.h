#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "render/trusted_html.h"

namespace kainjow::mustache {
template <typename StringType>
class basic_data;
}

namespace fyren::render {

// The template engine's value type; only render/ looks inside it.
using TemplateData = kainjow::mustache::basic_data<std::string>;

// A view model: an object of named values a template reads. Text is HTML-escaped when the
// template writes it ({{key}}); raw HTML is only possible through SetHtml with a TrustedHtml and a
// key named `trusted_html_*`. Build one per request (or once, for data that never changes) and
// hand it to TemplateSet::Render. Not thread-safe while being built; safe to share for reading.
class View {
 public:
  View();
  ~View();
  View(View&& other) noexcept;
  View& operator=(View&& other) noexcept;
  View(const View&) = delete;
  View& operator=(const View&) = delete;

  // Text, escaped on output. (No bool overload on purpose: a string literal would pick it.)
  View& Set(std::string_view key, std::string_view text);
  // A flag for {{#key}}...{{/key}} and {{^key}}...{{/key}} sections.
  View& SetFlag(std::string_view key, bool on);
  // Pre-rendered HTML. Throws std::invalid_argument unless key starts with "trusted_html_",
  // which is a programming error.
  View& SetHtml(std::string_view key, const TrustedHtml& html);
  // A nested object, read as {{key.field}} or {{#key}}{{field}}{{/key}}.
  View& SetChild(std::string_view key, View child);
  // Appends to the list `key` (created on first use) for {{#key}}...{{/key}}. A list that was
  // never appended to is absent, so {{^key}}...{{/key}} shows "nothing here" text.
  View& Append(std::string_view key, View item);

  [[nodiscard]] const TemplateData& data() const { return *data_; }

 private:
  std::unique_ptr<TemplateData> data_;
};

}  // namespace fyren::render
