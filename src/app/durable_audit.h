#pragma once

#include "http/router.h"

namespace fyren::app {

// Runs a routed request's handler inside a trust::audit::DeferredAppends scope (DESIGN.md, Audit:
// an access is on record before its data leaves the server). When the handler appended entries,
// the response comes back with a hold: the server sends it once they are all durable, and when an
// append failed it sends its own error response for the failure's status (503 when the database
// is unavailable) instead, even where the handler had answered with a denial. Meanwhile the
// thread that ran the handler is free for the next request. A handler that throws still waits
// for its entries before the exception leaves.
[[nodiscard]] http::Response RunWithDurableAudit(const http::Handler& handler,
                                                 http::Request& request);

}  // namespace fyren::app
