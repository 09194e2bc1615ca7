#pragma once

#include "domain/tasks/task_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// The inbox (issue 4 §5): the signed-in user's open tasks, overdue ones first and marked in
// words, each with its due date and a link to its case by case number. The page shows no
// personal data (kind, date, case number), so it is not audited; the case page it links to is.
// Immutable; thread-safe.
class InboxPages {
 public:
  InboxPages(const render::TemplateSet& templates, SiteInfo site, const tasks::TaskService& tasks);

  // GET /inbox
  [[nodiscard]] http::Response Show(http::Request& request) const;
  // POST /inbox/{task}/done: marks the user's own task done and returns to the inbox.
  [[nodiscard]] http::Response Done(http::Request& request) const;

 private:
  PageFrame frame_;
  ErrorPages errors_;
  const tasks::TaskService& tasks_;
};

}  // namespace fyren::pages
