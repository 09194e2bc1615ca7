#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "render/trusted_html.h"

namespace fyren::render {

// A view model: an object of named values a template reads. Text is HTML-escaped when the
// template writes it ({{key}}); raw HTML is only possible through SetHtml with a TrustedHtml and a
// key named `trusted_html_*`. Build one per request (or once, for data that never changes) and
// hand it to TemplateSet::Render. Not thread-safe while being built; safe to share for reading.
//
// Setting a key again replaces what the template reads under it (the newer value is found
// first); the older value stays in memory until the view is destroyed, so a view is built once,
// not updated in a loop.
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
  View& Set(std::string_view key, const char* text) { return Set(key, std::string_view(text)); }
  // Takes the text over instead of copying it (formatted values built for the view).
  View& Set(std::string_view key, std::string&& text);
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

  // What a template reads; for render/ only (render/view_value.h).
  struct Value;
  // The value under `key`, or null. `hash` is KeyHash(key).
  [[nodiscard]] const Value* Find(std::string_view key, std::uint32_t hash) const;

 private:
  struct Entry;
  Value& Slot(std::string_view key);
  std::vector<Entry> entries_;
};

// The hash View::Find expects: cheap for the short keys templates use.
[[nodiscard]] constexpr std::uint32_t KeyHash(std::string_view key) {
  std::uint32_t hash = 2166136261U;  // FNV-1a
  for (const char c : key) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619U;
  }
  return hash;
}

}  // namespace fyren::render
