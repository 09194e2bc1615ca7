#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "domain/support_directory/support_directory_service.h"
#include "http/message.h"
#include "pages/error_pages.h"
#include "pages/page_frame.h"
#include "pages/site_info.h"
#include "render/template_set.h"

namespace fyren::pages {

// The public "where to turn" pages (issue 5, item 5): no sign-in, in Swedish, English and every
// other language that has a catalog (?lang=, see DirectoryLocale). The visible entries are kept
// in memory keyed by the directory's fingerprint, which is read from the database on every
// request (one aggregate row), so an edit made through any server shows on the next request while
// a search costs no further query. Thread-safe. `templates` and `directory` must outlive it.
class DirectoryPages {
 public:
  DirectoryPages(const render::TemplateSet& templates,
                 const support_directory::SupportDirectoryService& directory, SiteInfo site);

  // GET /where-to-turn  ?q= free text, ?target= group code, ?language= spoken language, ?lang=
  [[nodiscard]] http::Response Index(http::Request& request) const;
  // GET /where-to-turn/{id}  one visible entry; 404 for hidden, unknown and malformed ids.
  [[nodiscard]] http::Response Show(http::Request& request) const;

 private:
  using Entries = std::shared_ptr<const std::vector<support_directory::DirectoryEntry>>;
  // The visible entries, from memory when the fingerprint is unchanged.
  [[nodiscard]] base::Result<Entries> VisibleEntries(const trust::Actor& actor) const;

  const render::TemplateSet& templates_;
  const support_directory::SupportDirectoryService& directory_;
  PageFrame frame_;
  ErrorPages errors_;
  mutable std::mutex mutex_;
  mutable support_directory::DirectoryFingerprint fingerprint_;  // guarded by mutex_
  mutable Entries entries_;                                      // guarded by mutex_
};

}  // namespace fyren::pages
