#pragma once

#include <span>

#include "domain/support_directory/support_directory_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// Editing the "where to turn" directory (competence-centre staff, permission
// edit_support_directory): the list with hidden entries, add, edit with optimistic concurrency
// (the form carries the version; a conflict keeps what was typed and shows what is saved), and
// hide/show. Forms are in Swedish or English (the request's locale) and have one text block per
// directory language. Each handler calls one service method. Thread-safe.
class DirectoryManagePages {
 public:
  DirectoryManagePages(const render::TemplateSet& templates,
                       support_directory::SupportDirectoryService& directory, SiteInfo site);

  // GET /where-to-turn/manage
  [[nodiscard]] http::Response List(http::Request& request) const;
  // GET /where-to-turn/manage/new
  [[nodiscard]] http::Response New(http::Request& request) const;
  // POST /where-to-turn/manage/new
  [[nodiscard]] http::Response Create(http::Request& request) const;
  // GET /where-to-turn/manage/{id}/edit
  [[nodiscard]] http::Response Edit(http::Request& request) const;
  // POST /where-to-turn/manage/{id}/edit
  [[nodiscard]] http::Response Save(http::Request& request) const;
  // POST /where-to-turn/manage/{id}/visibility  (visible=yes|no, version)
  [[nodiscard]] http::Response Visibility(http::Request& request) const;

 private:
  [[nodiscard]] http::Response RenderForm(const http::Request& request, int status,
                                          const support_directory::EntryDraft& draft,
                                          std::string_view action, std::int64_t version,
                                          std::span<const support_directory::FieldProblem> problems,
                                          const support_directory::DirectoryEntry* saved) const;
  [[nodiscard]] http::Response Failure(const base::Error& error,
                                       const http::Request& request) const;

  const render::TemplateSet& templates_;
  support_directory::SupportDirectoryService& directory_;
  PageFrame frame_;
  ErrorPages errors_;
};

}  // namespace fyren::pages
