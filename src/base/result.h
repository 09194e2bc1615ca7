#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace fyren::base {

// The small, closed set of ways an operation can fail as expected. One place
// (http/error_mapping) turns these into HTTP statuses and pages.
enum class ErrorCode {
  kInvalidInput,     // the caller sent something we cannot accept (4xx)
  kNotFound,         // no such record, or one the caller may not know exists
  kForbidden,        // the caller is known but not allowed
  kConflict,         // optimistic-concurrency or uniqueness conflict
  kUnauthenticated,  // no valid session or credentials
  kUnavailable,      // a dependency (the database) cannot be reached right now
  kInternal,         // a bug or broken invariant; the detail goes to the log only
};

std::string_view ToString(ErrorCode code);

// An expected failure. `message` is safe to show to the user who caused it;
// `detail` is for the log (with the request id) and is never sent to a client.
// Neither may hold personal data: ids only.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string detail;
  // For kInvalidInput: the form field or JSON pointer the message is about, if any.
  std::string field;
};

template <typename T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

[[nodiscard]] inline std::unexpected<Error> Fail(ErrorCode code, std::string message,
                                                 std::string detail = {}) {
  return std::unexpected(
      Error{.code = code, .message = std::move(message), .detail = std::move(detail), .field = {}});
}

[[nodiscard]] inline std::unexpected<Error> FailField(std::string field, std::string message) {
  return std::unexpected(Error{.code = ErrorCode::kInvalidInput,
                               .message = std::move(message),
                               .detail = {},
                               .field = std::move(field)});
}

[[nodiscard]] inline Status Ok() { return {}; }

}  // namespace fyren::base
