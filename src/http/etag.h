#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace fyren::http {

// Optimistic concurrency over HTTP (DESIGN.md, Storage): a record's version becomes a strong
// ETag; updates must send it back in If-Match, and GETs may use If-None-Match. Pure functions;
// thread-safe.

// "\"<public_id>.<version>\"". `public_id` must be a public id (base::IsPublicId) or other text
// without '"', ',' or whitespace; version is the record's version column.
std::string ETagForVersion(std::string_view public_id, std::int64_t version);

// For a state-changing request on an existing record: nullopt when If-Match holds
// `current_etag` (strong comparison; "*" matches), 428 when If-Match is missing (the client
// must prove which version it edited), 412 when it does not match.
std::optional<int> CheckIfMatch(const Request& request, std::string_view current_etag);

// For a GET: true when If-None-Match holds `current_etag` (weak comparison, so W/"x" matches
// "x"; "*" matches), in which case answer NotModified(current_etag).
bool IsNotModified(const Request& request, std::string_view current_etag);

// A 304 with the ETag and no body.
Response NotModified(std::string_view current_etag);

}  // namespace fyren::http
