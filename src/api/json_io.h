#pragma once

#include <cstdint>
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "http/error_mapping.h"
#include "http/message.h"

namespace fyren::api {

// What the JSON handlers of /api/v1 share: answers that are never cached, problem+json for
// service errors and bad bodies, and the JSON-object body of a write.
using Json = nlohmann::json;

// Cache-Control: no-store. Every API answer holds personal data or depends on who asks.
[[nodiscard]] http::Response NoStore(http::Response response);

// `body` as application/json, no-store. A string that is not valid UTF-8 is written with
// replacement characters instead of throwing.
[[nodiscard]] http::Response JsonResponse(int status, const Json& body);

// A service's error as problem+json, no-store; a field the service names becomes a JSON pointer.
[[nodiscard]] http::Response ServiceProblem(base::Error error, std::string_view request_id);

// A service's field problems (each with a member name `field` and a `message`) as field errors
// whose `field` is a JSON pointer.
template <typename Problems>
[[nodiscard]] std::vector<http::FieldError> PointerFieldErrors(const Problems& problems) {
  std::vector<http::FieldError> out;
  for (const auto& p : problems) out.push_back({.field = "/" + p.field, .message = p.message});
  return out;
}

// 400 or 422 "Invalid request body" naming each bad member (`field` is a JSON pointer), no-store.
[[nodiscard]] http::Response InvalidBody(int status, const std::vector<http::FieldError>& errors,
                                         std::string_view request_id);

// Writes come as JSON (a form post from another site cannot send it without a CORS preflight):
// a 415 problem unless Content-Type is application/json, nullopt when it is.
[[nodiscard]] std::optional<http::Response> RequireJsonBody(const http::Request& request);

// The body of a write as a JSON object, or the problem to answer: 415 (see RequireJsonBody) or
// 400 when the body is not a JSON object.
[[nodiscard]] std::expected<Json, http::Response> ParseObject(const http::Request& request);

// `response` with the ETag of a record's version (If-Match on the next write must name it).
[[nodiscard]] http::Response WithETag(http::Response response, std::string_view public_id,
                                      std::int64_t version);

// A string member, or "" when it is missing or not a string (the service then names the field).
[[nodiscard]] std::string TextMember(const Json& body, std::string_view key);

}  // namespace fyren::api
