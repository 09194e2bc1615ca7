#include "pages/concern_view.h"

#include "base/swedish_time.h"

namespace fyren::pages {
namespace {

// Deadlines are exclusive instants; a deadline ending at local midnight reads best as "by the
// end of <date>", an hour-based one as a time.
std::string DueText(const render::Catalog& t, std::int64_t due_at) {
  const base::SwedishLocalTime local = base::ToSwedishLocal(due_at);
  if (local.hour == 0 && local.minute == 0 && local.second == 0) {
    return std::string(t.Get("concern.due_end_of")) + " " + base::FormatSwedishDate(due_at - 1);
  }
  return base::FormatSwedishDateTime(due_at);
}

}  // namespace

void AddDeadlines(render::View& view, const render::Catalog& t, std::string_view locale,
                  std::span<const concern::DeadlineView> deadlines) {
  for (const concern::DeadlineView& d : deadlines) {
    const std::string state(concern::ToString(d.state));
    render::View row;
    row.Set("code", d.code)
        .Set("title", d.rule != nullptr ? d.rule->Title(locale) : d.code)
        .Set("legal_source", d.rule != nullptr ? d.rule->LegalSource(locale) : "")
        .Set("due", DueText(t, d.due_at))
        .Set("state", state)
        .Set("state_text", t.Get("concern.state." + state))
        .SetFlag("overdue", d.state == concern::DeadlineState::kOverdue)
        .SetFlag("met", d.state == concern::DeadlineState::kMet)
        .SetFlag("escalated", d.escalated);
    if (d.met_at) row.Set("met_at", base::FormatSwedishDateTime(*d.met_at));
    view.Append("deadlines", std::move(row));
  }
}

void AddConcernProblems(render::View& page, const render::Catalog& t,
                        std::span<const concern::FieldProblem> problems) {
  for (const concern::FieldProblem& problem : problems) {
    const std::string message =
        std::string(t.GetOr("concern.problem." + problem.code, problem.message));
    render::View item;
    item.Set("field", problem.field).Set("message", message);
    page.Append("errors", std::move(item));
    page.Set(problem.field + "_error", message);
  }
  page.SetFlag("has_errors", !problems.empty());
}

std::string StatusText(const render::Catalog& t, concern::ReportStatus status) {
  return std::string(t.Get("concern.status." + std::string(concern::ToString(status))));
}

}  // namespace fyren::pages
