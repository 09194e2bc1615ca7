#include "pages/inbox_pages.h"

#include "http/url_encoding.h"
#include "pages/person_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

constexpr std::string_view kPurpose = "task_work";

render::View TaskRow(const render::Catalog& t, const tasks::InboxEntry& entry) {
  const tasks::InboxTask& task = entry.task;
  render::View row;
  row.Set("kind", t.Get("inbox.kind." + task.kind))
      .Set("due_on", task.due_on)
      .SetFlag("overdue", entry.overdue)
      .Set("done_href", "/inbox/" + http::PercentEncode(task.public_id) + "/done");
  if (task.case_public_id && task.case_number) {
    row.Set("case_href", "/cases/" + http::PercentEncode(*task.case_public_id))
        .Set("case_number", *task.case_number);
  }
  return row;
}

}  // namespace

InboxPages::InboxPages(const render::TemplateSet& templates, SiteInfo site,
                       const tasks::TaskService& tasks)
    : frame_(templates, site), errors_(templates, site), tasks_(tasks) {}

http::Response InboxPages::Show(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto inbox = tasks_.ListMine(*signed_in);
  if (!inbox) return PersonFailure(errors_, inbox.error(), request, "/inbox");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "inbox.title", "inbox");
  SetVisitor(page, request);
  int overdue = 0;
  for (const tasks::InboxEntry& entry : inbox->entries) {
    if (entry.overdue) ++overdue;
    page.Append("tasks", TaskRow(t, entry));
  }
  page.SetFlag("has_tasks", !inbox->entries.empty())
      .Set("today", inbox->today)
      .Set("open_count", std::to_string(inbox->entries.size()))
      .Set("overdue_count", std::to_string(overdue))
      .SetFlag("has_overdue", overdue > 0)
      .SetFlag("done", request.QueryParam("done").value_or("") == "1");
  return NoStore(frame_.Respond(200, "inbox", locale, page));
}

http::Response InboxPages::Done(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  if (auto done = tasks_.MarkDone(*signed_in, request.PathParam("task")); !done) {
    return PersonFailure(errors_, done.error(), request, "/inbox");
  }
  return http::Response::Redirect("/inbox?done=1");
}

}  // namespace fyren::pages
