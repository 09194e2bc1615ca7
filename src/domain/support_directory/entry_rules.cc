#include "domain/support_directory/entry_rules.h"

#include <algorithm>
#include <array>
#include <utility>

#include "base/utf8.h"

namespace fyren::support_directory {
namespace {

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxDescription = 2000;
constexpr std::size_t kMaxHours = 300;
constexpr std::size_t kMaxAddress = 300;
constexpr std::size_t kMaxPhone = 40;
constexpr std::size_t kMaxEmail = 254;
constexpr std::size_t kMaxWeb = 500;

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// Texts are shown on a public page: valid UTF-8 and no control characters (a line break is
// allowed in descriptions only, where the page keeps paragraphs).
bool CleanText(std::string_view text, bool allow_newline) {
  if (!base::IsValidUtf8(text)) return false;
  return std::ranges::none_of(text, [&](char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (allow_newline && (c == '\n' || c == '\r')) return false;
    return byte < 0x20 || byte == 0x7f;
  });
}

bool GoodPhone(std::string_view phone) {
  if (phone.size() > kMaxPhone) return false;
  int digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+' && i == 0) {
      continue;
    } else if (c != ' ' && c != '-') {
      return false;
    }
  }
  return digits >= 3 && digits <= 15;
}

bool GoodEmail(std::string_view email) {
  if (email.size() > kMaxEmail) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  return std::ranges::none_of(email, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7f || c == '<' || c == '>' || c == '"' || c == '\\' ||
           c == ',' || c == ';';
  });
}

// Only https links: the page links to them and a javascript: or http: URL has no place there.
bool GoodWeb(std::string_view web) {
  constexpr std::string_view kScheme = "https://";
  if (web.size() > kMaxWeb || !web.starts_with(kScheme) || web.size() <= kScheme.size()) {
    return false;
  }
  return std::ranges::none_of(web, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\';
  });
}

bool KnownLanguage(std::span<const SpokenLanguage> languages, std::string_view code) {
  return std::ranges::find(languages, code, &SpokenLanguage::code) != languages.end();
}

std::vector<std::string> Unique(std::vector<std::string> codes) {
  std::vector<std::string> out;
  for (std::string& code : codes) {
    code = Trim(code);
    if (!code.empty() && std::ranges::find(out, code) == out.end()) out.push_back(std::move(code));
  }
  return out;
}

void CheckText(const std::string& lang, const EntryText& text, bool required,
               std::vector<FieldProblem>& out) {
  const auto check = [&](std::string_view what, const std::string& value, std::size_t max,
                         bool needed, bool newline) {
    const std::string field = std::string(what) + "_" + lang;
    if (value.empty()) {
      if (needed) out.push_back({field, std::string(what) + "_missing"});
    } else if (!CleanText(value, newline)) {
      out.push_back({field, "text_bad"});
    } else if (value.size() > max) {
      out.push_back({field, "text_too_long"});
    }
  };
  check("name", text.name, kMaxName, required, false);
  check("description", text.description, kMaxDescription, required, true);
  check("hours", text.hours, kMaxHours, false, false);
}

}  // namespace

EntryDraft Normalised(EntryDraft draft) {
  draft.target_groups = Unique(std::move(draft.target_groups));
  draft.languages = Unique(std::move(draft.languages));
  draft.phone = Trim(draft.phone);
  draft.email = Trim(draft.email);
  draft.web = Trim(draft.web);
  draft.address = Trim(draft.address);
  for (auto it = draft.texts.begin(); it != draft.texts.end();) {
    EntryText& text = it->second;
    text.name = Trim(text.name);
    text.description = Trim(text.description);
    text.hours = Trim(text.hours);
    const bool required = it->first == "sv" || it->first == "en";
    if (!required && text.name.empty() && text.description.empty() && text.hours.empty()) {
      it = draft.texts.erase(it);
    } else {
      ++it;
    }
  }
  return draft;
}

std::vector<FieldProblem> CheckDraft(const EntryDraft& draft,
                                     std::span<const SpokenLanguage> languages) {
  std::vector<FieldProblem> out;
  // Swedish first, English second, then the others in code order (the map's order).
  for (const std::string_view lang : {"sv", "en"}) {
    const auto found = draft.texts.find(lang);
    CheckText(std::string(lang), found == draft.texts.end() ? EntryText{} : found->second, true,
              out);
  }
  for (const auto& [lang, text] : draft.texts) {
    if (lang == "sv" || lang == "en") continue;
    if (!KnownLanguage(languages, lang)) {
      out.push_back({"name_" + lang, "text_language_unknown"});
      continue;
    }
    CheckText(lang, text, true, out);
  }
  if (draft.target_groups.empty()) {
    out.push_back({"target_groups", "target_groups_missing"});
  } else if (!std::ranges::all_of(draft.target_groups, IsTargetGroup)) {
    out.push_back({"target_groups", "target_group_unknown"});
  }
  if (draft.languages.empty()) {
    out.push_back({"languages", "languages_missing"});
  } else if (!std::ranges::all_of(draft.languages, [&](const std::string& c) {
               return KnownLanguage(languages, c);
             })) {
    out.push_back({"languages", "language_unknown"});
  }
  if (!draft.phone.empty() && !GoodPhone(draft.phone)) out.push_back({"phone", "phone_bad"});
  if (!draft.email.empty() && !GoodEmail(draft.email)) out.push_back({"email", "email_bad"});
  if (!draft.web.empty() && !GoodWeb(draft.web)) out.push_back({"web", "web_bad"});
  if (!draft.address.empty()) {
    if (!CleanText(draft.address, false)) {
      out.push_back({"address", "text_bad"});
    } else if (draft.address.size() > kMaxAddress) {
      out.push_back({"address", "text_too_long"});
    }
  }
  if (draft.phone.empty() && draft.email.empty() && draft.web.empty() && draft.address.empty()) {
    out.push_back({"phone", "contact_missing"});
  }
  return out;
}

std::string_view Describe(std::string_view code) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTexts{{
      {"name_missing", "the name is missing"},
      {"description_missing", "the description is missing"},
      {"text_bad", "the text holds control characters or is not valid UTF-8"},
      {"text_too_long", "the text is too long"},
      {"text_language_unknown", "the text's language is not in languages.toml"},
      {"target_groups_missing", "no target group is given"},
      {"target_group_unknown", "a target group is not a known code"},
      {"languages_missing", "no spoken language is given"},
      {"language_unknown", "a spoken language is not in languages.toml"},
      {"phone_bad", "the phone number may hold digits, spaces, '-' and a leading '+' only"},
      {"email_bad", "the e-mail address is not valid"},
      {"web_bad", "the web address must start with https:// and hold no spaces"},
      {"contact_missing", "give at least one way to make contact (phone, e-mail, web or address)"},
      {"kind_unknown", "the kind is not a known code"},
  }};
  for (const auto& [c, text] : kTexts) {
    if (c == code) return text;
  }
  return code;
}

}  // namespace fyren::support_directory
