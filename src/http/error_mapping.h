#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/message.h"

namespace fyren::http {

// The one place where base::ErrorCode becomes an HTTP status and an RFC 9457 problem+json body
// (STYLE.md rule 11). The HTML error page is rendered by pages/ from the same status.
// Error::message is shown to the client; Error::detail never is (the caller logs it with the
// request id). Pure functions; thread-safe.

// kInvalidInput 400 (422 through the Error overload when Error::field is set), kNotFound 404,
// kForbidden 403, kConflict 409, kUnauthenticated 401, kUnavailable 503, kInternal 500.
int HttpStatus(base::ErrorCode code);
int HttpStatus(const base::Error& error);

struct FieldError {
  std::string field;    // form field name or JSON pointer, e.g. "/name"
  std::string message;  // user-facing, no personal data
};

// An application/problem+json response:
//   {"type", "title", "status", "detail", "request_id", "errors": [{"field", "message"}]}
// `type` is a stable relative URI under /problems/ (e.g. "/problems/not-found") or, for statuses
// without a Fyren problem type, "about:blank" with `title` being the reason phrase. Empty
// `detail` and empty `errors` are left out.
Response ProblemJson(int status, std::string_view title, std::string_view detail,
                     std::string_view request_id, std::span<const FieldError> errors = {},
                     std::string_view type = "about:blank");

// The problem response for an expected failure: status from HttpStatus(error), type
// "/problems/<code>" (e.g. "/problems/invalid-input"), title a fixed English phrase for the
// code, detail = error.message (detail is never sent), and one FieldError when error.field is
// set. For kInternal the message is replaced by a generic one as well: 500 means a bug, and its
// text was not written for users.
Response ProblemJson(const base::Error& error, std::string_view request_id);

// A plain sentence for a status the server or router produces itself (404, 405, 408, ...).
std::string_view StatusDetail(int status);

// The problem response the server needs for its own rejections (400, 404, 405, 408, 413, 431,
// 503, ...): about:blank with the reason phrase as title.
Response ProblemJsonForStatus(int status, std::string_view request_id);

}  // namespace fyren::http
