// Scans every template compiled into the binary for what the Content-Security-Policy and the
// escaping rules forbid, so a violation fails the build's tests rather than a browser.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>

#include "base/embedded.h"
#include "render/template_set.h"
#include "render/template_source.h"

namespace fyren::render {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

template <typename Check>
int ForEachTemplate(Check check) {
  int count = 0;
  for (const auto& file : base::EmbeddedFiles()) {
    if (!file.path.starts_with(TemplateSet::kTemplateDir)) continue;
    check(file.path, file.data);
    ++count;
  }
  return count;
}

TEST(TemplateRulesTest, NoUnescapedOutputExceptTrustedHtmlKeys) {
  const int count = ForEachTemplate([](std::string_view path, std::string_view text) {
    auto tags = ScanTags(path, text);
    ASSERT_TRUE(tags.has_value()) << tags.error().message;
    for (const auto& tag : *tags) {
      if (tag.sigil == '{' || tag.sigil == '&') {
        EXPECT_TRUE(tag.name.starts_with("trusted_html_")) << path << ": " << tag.name;
      }
      EXPECT_NE(tag.sigil, '=') << path << ": set-delimiter tag";
    }
  });
  EXPECT_GE(count, 7);
}

TEST(TemplateRulesTest, NoInlineStyle) {
  ForEachTemplate([](std::string_view path, std::string_view text) {
    const std::string lower = Lower(text);
    EXPECT_EQ(lower.find("style="), std::string::npos) << path;
    EXPECT_EQ(lower.find("<style"), std::string::npos) << path;
  });
}

TEST(TemplateRulesTest, NoInlineScript) {
  const std::regex script_tag("<script([^>]*)>");
  const std::regex event_handler("\\son[a-z]+\\s*=");
  ForEachTemplate([&](std::string_view path, std::string_view text) {
    const std::string lower = Lower(text);
    for (auto it = std::sregex_iterator(lower.begin(), lower.end(), script_tag);
         it != std::sregex_iterator(); ++it) {
      EXPECT_NE((*it)[1].str().find("src="), std::string::npos) << path << ": inline <script>";
    }
    EXPECT_FALSE(std::regex_search(lower, event_handler)) << path << ": inline event handler";
    EXPECT_EQ(lower.find("javascript:"), std::string::npos) << path;
  });
}

TEST(TemplateRulesTest, TheScannerCatchesWhatItShould) {
  auto tags = ScanTags("t", "{{{x}}} {{& y}} {{{trusted_html_z}}} {{#s}}{{/s}}");
  ASSERT_TRUE(tags.has_value());
  ASSERT_EQ(tags->size(), 5u);
  EXPECT_EQ((*tags)[0].sigil, '{');
  EXPECT_EQ((*tags)[1].name, "y");
  EXPECT_FALSE(CheckTags("t", "{{{x}}}").has_value());
  EXPECT_TRUE(CheckTags("t", "{{{trusted_html_z}}}").has_value());
}

}  // namespace
}  // namespace fyren::render
