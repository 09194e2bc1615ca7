#include "api/json_io.h"

#include <utility>

#include "http/etag.h"

namespace fyren::api {

http::Response NoStore(http::Response response) {
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

http::Response JsonResponse(int status, const Json& body) {
  return NoStore(
      http::Response::Json(status, body.dump(-1, ' ', false, Json::error_handler_t::replace)));
}

http::Response ServiceProblem(base::Error error, std::string_view request_id) {
  if (!error.field.empty() && !error.field.starts_with('/')) error.field = "/" + error.field;
  return NoStore(http::ProblemJson(error, request_id));
}

http::Response InvalidBody(int status, const std::vector<http::FieldError>& errors,
                           std::string_view request_id) {
  return NoStore(http::ProblemJson(status, "Invalid request body",
                                   "Correct the fields named in errors.", request_id, errors,
                                   "/problems/invalid-input"));
}

std::optional<http::Response> RequireJsonBody(const http::Request& request) {
  const std::string_view type = request.Header("content-type").value_or("");
  if (type.starts_with("application/json")) return std::nullopt;
  return NoStore(http::ProblemJson(415, "Unsupported Media Type",
                                   "Send the request with Content-Type: application/json.",
                                   request.request_id));
}

std::expected<Json, http::Response> ParseObject(const http::Request& request) {
  if (auto refused = RequireJsonBody(request)) return std::unexpected(std::move(*refused));
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    const http::FieldError error{.field = "", .message = "The body must be a JSON object."};
    return std::unexpected(NoStore(
        http::ProblemJson(400, "Invalid request body", "The body must be a JSON object.",
                          request.request_id, std::span(&error, 1), "/problems/invalid-input")));
  }
  return body;
}

http::Response WithETag(http::Response response, std::string_view public_id, std::int64_t version) {
  response.SetHeader("ETag", http::ETagForVersion(public_id, version));
  return response;
}

std::string TextMember(const Json& body, std::string_view key) {
  const auto it = body.find(key);
  if (it == body.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

}  // namespace fyren::api
