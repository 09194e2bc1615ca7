#pragma once

#include <ostream>

namespace fyren::app {

// `fyren routes [--json]`: the route table (app/routes.cc) as the server builds it: method,
// pattern, required permission and summary. Plain: aligned columns for reading. --json: one JSON
// object per line ({"method","pattern","permission","summary"}), which the access-matrix test
// (tests/integration/test_access_matrix.py) reads to know every route. Needs no configuration or
// database. Returns 0.
int RunRoutes(bool json, std::ostream& out);

}  // namespace fyren::app
