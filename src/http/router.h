#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace fyren::http {

using Handler = std::function<Response(Request&)>;

// What a route requires before its handler runs. The route table in app/routes.cc names one for
// every route, so the whole attack surface is on one screen; trust/ enforces it.
struct RouteInfo {
  std::string pattern;     // "/organisations/{id}"; segments in braces are parameters
  Method method = Method::kGet;
  std::string permission;  // "public" or a permission name from trust/
  std::string summary;     // one line for docs and the access-matrix test
};

// Exact segment matching with {name} parameters; no regexes. Not thread-safe to modify; after
// the route table is built, Match is safe from any thread.
class Router {
 public:
  void Add(RouteInfo info, Handler handler);

  struct Match {
    const RouteInfo* info = nullptr;       // null: no route for this path or method
    const Handler* handler = nullptr;
    std::vector<Method> allowed_methods;   // non-empty with info == null: answer 405 + Allow
  };
  // Fills request.path_params and request.route on a match.
  [[nodiscard]] Match Find(Request& request) const;

  [[nodiscard]] const std::vector<RouteInfo>& routes() const { return infos_; }

 private:
  struct Entry {
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<RouteInfo> infos_;
  std::vector<Entry> entries_;
};

}  // namespace fyren::http
