#pragma once

#include <cstddef>
#include <string>

#include "http/message.h"

namespace fyren::http {

// Writes the HTTP/1.1 status line and header block for `response` into `out` (replacing its
// contents, reusing its capacity), ending with the empty line. The server owns the framing:
// Content-Length (from `body_size`, except for 1xx, 204 and 304) and Connection are always its
// own, and any Content-Length, Transfer-Encoding or Connection a handler set is dropped.
//
// Returns false, with `out` unspecified, when a header name is not a token or a value holds a
// control character: sending it could split the response, so the server answers 500 instead.
// A status outside 100..599 also returns false. Pure function; thread-safe.
[[nodiscard]] bool WriteResponseHead(const Response& response, std::size_t body_size,
                                     bool keep_alive, std::string& out);

// True for statuses that never carry a body (1xx, 204, 304).
bool StatusHasNoBody(int status);

}  // namespace fyren::http
