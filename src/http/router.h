#pragma once

#include <deque>
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
  std::string pattern;  // "/organisations/{id}"; segments in braces are parameters
  Method method = Method::kGet;
  std::string permission;  // "public" or a permission name from trust/
  std::string summary;     // one line for docs and the access-matrix test
};

// Exact segment matching with {name} parameters; no regexes. Not thread-safe to modify; after
// the route table is built, Find is safe from any thread.
//
// Matching rules: the decoded path is split at '/', and a pattern matches when it has the same
// number of segments and every literal segment is equal; a {parameter} matches any non-empty
// segment. Among the routes for the request's method, the one whose literal segments come
// earliest wins ("/cases/new" beats "/cases/{id}"). Nothing is normalised: "/cases/" does not
// match "/cases". HEAD is served by the GET route unless a HEAD route exists.
class Router {
 public:
  // Throws std::invalid_argument for a pattern that does not start with '/', has an empty or
  // unterminated {parameter}, or duplicates a pattern and method already added: these are
  // programming errors in the route table and must stop the program at start.
  void Add(RouteInfo info, Handler handler);

  struct Match {
    const RouteInfo* info = nullptr;  // null: no route for this path or method
    const Handler* handler = nullptr;
    std::vector<Method> allowed_methods;  // non-empty with info == null: answer 405 + Allow
  };
  // Fills request.path_params and request.route on a match. On a 405 it still sets
  // request.route to the pattern, so metrics count the attempt under the route. Pointers in the
  // result stay valid for the Router's lifetime (Add does not move existing routes).
  [[nodiscard]] Match Find(Request& request) const;

  [[nodiscard]] const std::vector<RouteInfo>& routes() const { return infos_; }

 private:
  struct Entry {
    RouteInfo info;
    std::vector<std::string> segments;
    std::vector<bool> is_parameter;
    Handler handler;
  };
  std::vector<RouteInfo> infos_;  // a copy in insertion order, for routes()
  std::deque<Entry> entries_;     // a deque so that Match pointers survive later Adds
};

}  // namespace fyren::http
