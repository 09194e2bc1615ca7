#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// PercentDecode, PercentEncode and ParseUrlEncoded, which every handler of a request needs.
#include "http/url_encoding.h"

namespace fyren::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view ToString(Method method);
// Exact, case-sensitive match of the method token (RFC 9110: methods are case-sensitive);
// anything else is kOther.
Method ParseMethod(std::string_view text);

// The signed-in session a request carries, as the session middleware found it (filled by a
// resolver from app/, so http/ knows nothing about accounts). Ids only.
struct SessionView {
  std::int64_t user_id = 0;
  std::int64_t tenant_id = 0;
  std::string csrf_token;     // the synchronizer token this session's forms must carry
  std::string public_handle;  // names the session in pages and logs; not the cookie token
  std::chrono::system_clock::time_point authenticated_at;
  // True only for a full session: password and second factor both checked. A session still in
  // sign-in (waiting for a code or for TOTP enrollment) is false and may see nothing else.
  bool mfa_verified = false;
  std::string stage;  // "password", "enroll" or "full"
  // The user's role names (user_roles.role), read with the session; the route gate
  // (app/route_gate.h) checks a route's permission against them before the handler runs.
  std::vector<std::string> roles;
  // The user's unit and authority (organisation ids; 0 when unknown) and when the second factor
  // was last checked, read with the session, so handlers build the acting user without asking
  // the database again.
  std::int64_t unit_id = 0;
  std::int64_t authority_id = 0;
  std::optional<std::chrono::system_clock::time_point> second_factor_at;
};

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
  std::optional<SessionView> session;  // set by WithSession when the cookie names an open session
  std::string csrf_token;              // set by WithCsrf: the token forms on this page must carry

  // The first header with this name (compared case-insensitively).
  [[nodiscard]] std::optional<std::string_view> Header(std::string_view lower_name) const;
  // Decoded value of the first query parameter called `name`; nullopt also when that
  // parameter's encoding is broken (see PercentDecode).
  [[nodiscard]] std::optional<std::string> QueryParam(std::string_view name) const;
  // The first cookie called `name` across all Cookie headers (see FindCookie).
  [[nodiscard]] std::optional<std::string> Cookie(std::string_view name) const;
  // Empty when the route has no such parameter.
  [[nodiscard]] std::string_view PathParam(std::string_view name) const;
  // True for /api/... paths: errors are problem+json there and HTML pages elsewhere.
  [[nodiscard]] bool IsApi() const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set when this response may leave only after something the handler started has finished: the
  // audit entries it covers must be durable first (src/app/durable_audit.h). The server calls it
  // once, right after the handler returns, with `release`; whoever holds `release` calls it once,
  // from any thread, with 0 to send this response or with an HTTP status to send the server's own
  // error response for that status instead. Meanwhile the handler's thread is free.
  std::function<void(std::function<void(int failure_status)> release)> hold;

  // Replaces any header of the same name (case-insensitive).
  void SetHeader(std::string_view name, std::string_view value);
  void AddHeader(std::string_view name, std::string_view value);
  [[nodiscard]] std::optional<std::string_view> Header(std::string_view name) const;

  // Factories setting Content-Type: "text/html; charset=utf-8", "application/json",
  // "text/plain; charset=utf-8"; Redirect sets Location and an empty body. The server adds
  // Content-Length and Connection itself and ignores those headers if a handler sets them.
  static Response Html(int status, std::string body);
  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body);
  static Response Redirect(std::string_view location, int status = 303);
};

// The standard reason phrase for a status code ("Not Found"); "Unknown" for codes Fyren does not
// use. Used on the status line and as the title of problem+json bodies.
std::string_view ReasonPhrase(int status);

}  // namespace fyren::http
