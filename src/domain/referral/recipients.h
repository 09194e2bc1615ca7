#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/referral/referral.h"

namespace fyren::referral {

// One entry of content/referral_recipients.toml: an organisation (by its code in the organisation
// tree) and the kinds of referral it takes. Which organisation takes what is content, so a
// municipality edits a file, not code.
struct RecipientRule {
  std::string organisation;
  std::vector<Kind> kinds;
};

inline constexpr std::string_view kRecipientsFile = "content/referral_recipients.toml";

// Parses and validates a recipients file: at least one [[recipient]]; organisation present and
// unique; kinds a non-empty list of known kind codes without repeats. kInvalidInput naming the
// file, the entry and the problem. The codes are checked against the organisation tree at start
// (ReferralService::CheckRecipients).
[[nodiscard]] base::Result<std::vector<RecipientRule>> ParseRecipients(std::string_view text,
                                                                       std::string_view file);
// The embedded content/referral_recipients.toml, parsed.
[[nodiscard]] base::Result<std::vector<RecipientRule>> LoadRecipients();

}  // namespace fyren::referral
