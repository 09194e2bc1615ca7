#include "api/query.h"

#include "http/error_mapping.h"
#include "http/url_encoding.h"

namespace fyren::api {

base::Result<std::optional<std::string>> QueryValue(const http::Request& request,
                                                    std::string_view name) {
  std::string_view rest = request.query;
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    const auto key = http::PercentDecode(pair.substr(0, eq), /*plus_is_space=*/true);
    if (!key || *key != name) continue;
    if (eq == std::string_view::npos) return std::optional<std::string>(std::string());
    auto value = http::PercentDecode(pair.substr(eq + 1), /*plus_is_space=*/true);
    if (!value) {
      return base::FailField(std::string(name),
                             "The value is not valid percent-encoded UTF-8 text.");
    }
    return std::optional<std::string>(std::move(*value));
  }
  return std::optional<std::string>();
}

http::Response QueryProblem(const base::Error& error, std::string_view request_id) {
  if (error.code != base::ErrorCode::kInvalidInput || error.field.empty()) {
    return http::ProblemJson(error, request_id);
  }
  const http::FieldError field{.field = error.field, .message = error.message};
  return http::ProblemJson(400, "Invalid query parameter", error.message, request_id,
                           std::span<const http::FieldError>(&field, 1), "/problems/invalid-input");
}

}  // namespace fyren::api
