#include "pages/referral_view.h"

namespace fyren::pages {

void AddReferralProblems(render::View& page, const render::Catalog& t,
                         std::span<const referral::FieldProblem> problems,
                         std::string_view recipient_name) {
  for (const referral::FieldProblem& problem : problems) {
    const std::string key = "referral.problem." + problem.code;
    std::string message = t.Contains(key) ? std::string(t.Get(key)) : problem.message;
    if (problem.code == "recipient.kind_not_taken" && !recipient_name.empty()) {
      // "<Organisation> tar inte emot <kind>": the catalog holds the verb phrase.
      message = std::string(recipient_name) + " " + message;
    }
    render::View item;
    item.Set("field", problem.field).Set("message", message);
    page.Append("errors", std::move(item));
    page.Set(problem.field + "_error", message);
  }
  page.SetFlag("has_errors", !problems.empty());
}

std::string KindText(const render::Catalog& t, referral::Kind kind) {
  return std::string(t.Get("referral.kind." + std::string(referral::ToString(kind))));
}

std::string ReferralStatusText(const render::Catalog& t, referral::Status status) {
  return std::string(t.Get("referral.status." + std::string(referral::ToString(status))));
}

}  // namespace fyren::pages
