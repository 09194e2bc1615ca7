#include "http/error_mapping.h"

#include <nlohmann/json.hpp>

namespace fyren::http {
namespace {

std::string_view ProblemSlug(base::ErrorCode code) {
  switch (code) {
    case base::ErrorCode::kInvalidInput:
      return "invalid-input";
    case base::ErrorCode::kNotFound:
      return "not-found";
    case base::ErrorCode::kForbidden:
      return "forbidden";
    case base::ErrorCode::kConflict:
      return "conflict";
    case base::ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case base::ErrorCode::kUnavailable:
      return "unavailable";
    case base::ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

std::string_view ProblemTitle(base::ErrorCode code, bool has_field) {
  switch (code) {
    case base::ErrorCode::kInvalidInput:
      return has_field ? "The request has invalid fields" : "The request is malformed";
    case base::ErrorCode::kNotFound:
      return "Not found";
    case base::ErrorCode::kForbidden:
      return "Not allowed";
    case base::ErrorCode::kConflict:
      return "Conflict with the current state";
    case base::ErrorCode::kUnauthenticated:
      return "Sign-in required";
    case base::ErrorCode::kUnavailable:
      return "Temporarily unavailable";
    case base::ErrorCode::kInternal:
      return "Internal error";
  }
  return "Internal error";
}

// nlohmann::json throws on invalid UTF-8 when dumping; replacing keeps a problem response from
// turning into a second failure.
std::string Dump(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

int HttpStatus(base::ErrorCode code) {
  switch (code) {
    case base::ErrorCode::kInvalidInput:
      return 400;
    case base::ErrorCode::kNotFound:
      return 404;
    case base::ErrorCode::kForbidden:
      return 403;
    case base::ErrorCode::kConflict:
      return 409;
    case base::ErrorCode::kUnauthenticated:
      return 401;
    case base::ErrorCode::kUnavailable:
      return 503;
    case base::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

int HttpStatus(const base::Error& error) {
  if (error.code == base::ErrorCode::kInvalidInput && !error.field.empty()) return 422;
  return HttpStatus(error.code);
}

std::string_view StatusDetail(int status) {
  switch (status) {
    case 400:
      return "The request could not be understood.";
    case 404:
      return "There is nothing at this address.";
    case 405:
      return "This address does not accept this method; see the Allow header.";
    case 408:
      return "The request took too long to arrive.";
    case 413:
      return "The request body is larger than this server accepts.";
    case 431:
      return "The request headers are larger than this server accepts.";
    case 500:
      return "Something went wrong on our side.";
    case 503:
      return "The service is temporarily unavailable. Try again shortly.";
    default:
      return ReasonPhrase(status);
  }
}

Response ProblemJson(int status, std::string_view title, std::string_view detail,
                     std::string_view request_id, std::span<const FieldError> errors,
                     std::string_view type) {
  nlohmann::json body = {{"type", type}, {"title", title}, {"status", status}};
  if (!detail.empty()) body["detail"] = detail;
  if (!request_id.empty()) {
    // RFC 9457 `instance` names this occurrence; the request id is how support finds it in logs.
    body["instance"] = "urn:fyren:request:" + std::string(request_id);
    body["request_id"] = request_id;
  }
  if (!errors.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const FieldError& error : errors) {
      list.push_back({{"field", error.field}, {"message", error.message}});
    }
    body["errors"] = std::move(list);
  }
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/problem+json");
  response.body = Dump(body);
  return response;
}

Response ProblemJson(const base::Error& error, std::string_view request_id) {
  const bool has_field = error.code == base::ErrorCode::kInvalidInput && !error.field.empty();
  const std::string type = "/problems/" + std::string(ProblemSlug(error.code));
  const std::string_view detail = error.code == base::ErrorCode::kInternal
                                      ? std::string_view("Something went wrong on our side.")
                                      : std::string_view(error.message);
  if (!has_field) {
    return ProblemJson(HttpStatus(error), ProblemTitle(error.code, false), detail, request_id, {},
                       type);
  }
  const FieldError field_error{.field = error.field, .message = error.message};
  return ProblemJson(HttpStatus(error), ProblemTitle(error.code, true), detail, request_id,
                     std::span<const FieldError>(&field_error, 1), type);
}

Response ProblemJsonForStatus(int status, std::string_view request_id) {
  return ProblemJson(status, ReasonPhrase(status), StatusDetail(status), request_id);
}

}  // namespace fyren::http
