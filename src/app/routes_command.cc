#include "app/routes_command.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "app/routes.h"

namespace fyren::app {

int RunRoutes(bool json, std::ostream& out) {
  if (json) {
    for (const RouteSpec& spec : RouteTable()) {
      const nlohmann::json line = {{"method", http::ToString(spec.method)},
                                   {"pattern", spec.pattern},
                                   {"permission", trust::access::ToString(spec.permission)},
                                   {"summary", spec.summary}};
      out << line.dump() << "\n";
    }
    return 0;
  }
  std::size_t pattern_width = 0;
  std::size_t permission_width = 0;
  for (const RouteSpec& spec : RouteTable()) {
    pattern_width = std::max(pattern_width, spec.pattern.size());
    permission_width = std::max(permission_width, trust::access::ToString(spec.permission).size());
  }
  for (const RouteSpec& spec : RouteTable()) {
    const std::string_view method = http::ToString(spec.method);
    const std::string_view permission = trust::access::ToString(spec.permission);
    out << method << std::string(7 - std::min<std::size_t>(method.size(), 6), ' ') << spec.pattern
        << std::string(pattern_width - spec.pattern.size() + 2, ' ') << permission
        << std::string(permission_width - permission.size() + 2, ' ') << spec.summary << "\n";
  }
  return 0;
}

}  // namespace fyren::app
