#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/embedded.h"
#include "http/message.h"
#include "pages/error_pages.h"

namespace fyren::pages {

// Serves web/static/<name> at /static/<name> from the files compiled into the binary. Only exact
// embedded names are served, so "..", encoded dots or any other path is simply not found (404
// page). Files with an extension other than css, svg, js, png, ico or woff2 are not served.
// Each file carries Cache-Control: public, max-age=3600 and a strong ETag (a hash of its content,
// computed once at construction); a matching If-None-Match gets 304 without a body.
// Immutable after construction; thread-safe. `errors` must outlive it.
class StaticFiles {
 public:
  static constexpr std::string_view kUrlPrefix = "/static/";

  explicit StaticFiles(const ErrorPages& errors);
  // For tests: serve from `files` (their data must live as long as this object).
  StaticFiles(const ErrorPages& errors, std::span<const base::EmbeddedFile> files);

  // GET /static/{name}
  [[nodiscard]] http::Response Serve(http::Request& request) const;

  [[nodiscard]] std::size_t size() const { return files_.size(); }

 private:
  struct Asset {
    std::string_view data;
    std::string_view content_type;
    std::string etag;
  };
  const ErrorPages& errors_;
  std::unordered_map<std::string, Asset> files_;  // by URL path, e.g. "/static/fyren.css"
};

}  // namespace fyren::pages
