#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fyren::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view ToString(Method method);
Method ParseMethod(std::string_view text);

// A parsed request as handlers see it. Header names are stored lower-case. Owned by the
// connection that read it; handlers get a const reference valid for the call.
struct Request {
  Method method = Method::kGet;
  std::string target;  // as sent: path and query
  std::string path;    // percent-decoded path, without the query
  std::string query;   // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;

  // Filled by middleware and the router before a handler runs.
  std::string request_id;
  std::string locale = "sv";
  std::string route;  // the route pattern that matched, e.g. "/organisations/{id}"; metrics label
  std::map<std::string, std::string, std::less<>> path_params;

  [[nodiscard]] std::optional<std::string_view> Header(std::string_view lower_name) const;
  // Decoded value of the first query parameter called `name`.
  [[nodiscard]] std::optional<std::string> QueryParam(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> Cookie(std::string_view name) const;
  [[nodiscard]] std::string_view PathParam(std::string_view name) const;
  // True for /api/... paths: errors are problem+json there and HTML pages elsewhere.
  [[nodiscard]] bool IsApi() const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Replaces any header of the same name (case-insensitive).
  void SetHeader(std::string_view name, std::string_view value);
  void AddHeader(std::string_view name, std::string_view value);
  [[nodiscard]] std::optional<std::string_view> Header(std::string_view name) const;

  static Response Html(int status, std::string body);
  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(std::string_view location, int status = 303);
};

// Percent-decoding for paths and application/x-www-form-urlencoded. Returns nullopt for a broken
// escape or for a result that is not well-formed UTF-8. `plus_is_space` for forms and queries.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);
std::string PercentEncode(std::string_view text);

// Parses "a=1&b=2" (forms and query strings). nullopt when any part is malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseUrlEncoded(
    std::string_view text);

}  // namespace fyren::http
