#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/message.h"

namespace fyren::api {

// The decoded value of query parameter `name`: nullopt when absent, kInvalidInput with
// field = name when its percent-encoding is broken or it is not UTF-8. Unlike
// Request::QueryParam, a malformed value is an error the client hears about, not "absent".
[[nodiscard]] base::Result<std::optional<std::string>> QueryValue(const http::Request& request,
                                                                  std::string_view name);

// A 400 problem for a bad query parameter (the API's query errors are 400, not 422: there is no
// form to correct, the request itself is wrong). Other errors map as usual.
[[nodiscard]] http::Response QueryProblem(const base::Error& error, std::string_view request_id);

}  // namespace fyren::api
