#include "domain/referral/recipients.h"

#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "base/embedded.h"

namespace fyren::referral {

base::Result<std::vector<RecipientRule>> ParseRecipients(std::string_view text,
                                                         std::string_view file) {
  const auto bad = [&](std::string what) {
    return base::Fail(base::ErrorCode::kInvalidInput, std::string(file) + ": " + std::move(what));
  };
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return bad("line " + std::to_string(e.source().begin.line) + ": " +
               std::string(e.description()));
  }
  const toml::array* entries = root["recipient"].as_array();
  if (entries == nullptr || entries->empty()) return bad("needs at least one [[recipient]] entry");
  std::vector<RecipientRule> out;
  std::set<std::string, std::less<>> codes;
  int number = 0;
  for (const toml::node& node : *entries) {
    ++number;
    const toml::table* entry = node.as_table();
    if (entry == nullptr) return bad("recipient " + std::to_string(number) + " is not a table");
    RecipientRule rule{.organisation = (*entry)["organisation"].value_or(std::string()),
                       .kinds = {}};
    const std::string where = "recipient " + std::to_string(number) +
                              (rule.organisation.empty() ? "" : " (" + rule.organisation + ")") +
                              ": ";
    if (rule.organisation.empty()) return bad(where + "organisation is missing");
    if (!codes.insert(rule.organisation).second) {
      return bad(where + "organisation is named by an earlier entry");
    }
    const toml::array* kinds = (*entry)["kinds"].as_array();
    if (kinds == nullptr || kinds->empty()) return bad(where + "kinds must be a non-empty list");
    for (const toml::node& k : *kinds) {
      const std::string code = k.value_or(std::string());
      const auto kind = ParseKind(code);
      if (!kind) {
        return bad(where + "unknown kind \"" + code +
                   "\" (adult_support, child_abuse, consultation, partner_support)");
      }
      if (std::ranges::find(rule.kinds, *kind) != rule.kinds.end()) {
        return bad(where + "kind \"" + code + "\" is listed twice");
      }
      rule.kinds.push_back(*kind);
    }
    out.push_back(std::move(rule));
  }
  return out;
}

base::Result<std::vector<RecipientRule>> LoadRecipients() {
  const auto text = base::FindEmbedded(kRecipientsFile);
  if (!text) {
    return base::Fail(base::ErrorCode::kInternal,
                      std::string(kRecipientsFile) + " is missing from this build");
  }
  return ParseRecipients(*text, kRecipientsFile);
}

}  // namespace fyren::referral
