#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace fyren::render {

// HTML-escapes text for element content and quoted attribute values (& < > " ').
std::string EscapeHtml(std::string_view text);
// The same, appended to `out`.
void AppendEscapedHtml(std::string& out, std::string_view text);

// A fragment of HTML that may be written into a page unescaped. It is the only way raw HTML
// reaches a template, and only through keys named `trusted_html_*` ({{{trusted_html_x}}}), so a
// reviewer can grep for both. Build one from parts that were escaped with EscapeHtml (or from
// constant markup); never from user input as is. A value type, cheap to move.
class TrustedHtml {
 public:
  // `html` must already be safe: escaped user text joined with constant markup.
  static TrustedHtml FromEscaped(std::string html) { return TrustedHtml(std::move(html)); }
  static TrustedHtml FromText(std::string_view text) { return TrustedHtml(EscapeHtml(text)); }

  [[nodiscard]] const std::string& html() const { return html_; }

 private:
  explicit TrustedHtml(std::string html) : html_(std::move(html)) {}
  std::string html_;
};

}  // namespace fyren::render
