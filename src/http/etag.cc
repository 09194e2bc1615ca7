#include "http/etag.h"

namespace fyren::http {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Calls `matches(tag, weak)` for each entity-tag in a comma-separated If-Match/If-None-Match
// list; returns true as soon as one matches. "*" is reported as tag "*".
template <typename Matches>
bool AnyTag(std::string_view list, Matches matches) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view tag = Trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (tag.empty()) continue;
    bool weak = false;
    if (tag.starts_with("W/")) {
      weak = true;
      tag.remove_prefix(2);
    }
    if (matches(tag, weak)) return true;
  }
  return false;
}

std::string_view StripWeak(std::string_view tag) {
  return tag.starts_with("W/") ? tag.substr(2) : tag;
}

}  // namespace

std::string ETagForVersion(std::string_view public_id, std::int64_t version) {
  std::string tag;
  tag.reserve(public_id.size() + 24);
  tag.append("\"").append(public_id).append(".").append(std::to_string(version)).append("\"");
  return tag;
}

std::optional<int> CheckIfMatch(const Request& request, std::string_view current_etag) {
  const auto header = request.Header("if-match");
  if (!header) return 428;
  const bool current_is_weak = current_etag.starts_with("W/");
  const bool ok = AnyTag(*header, [&](std::string_view tag, bool weak) {
    if (tag == "*") return true;
    // Strong comparison: both tags strong and byte-equal.
    return !weak && !current_is_weak && tag == current_etag;
  });
  if (ok) return std::nullopt;
  return 412;
}

bool IsNotModified(const Request& request, std::string_view current_etag) {
  const auto header = request.Header("if-none-match");
  if (!header) return false;
  const std::string_view current = StripWeak(current_etag);
  return AnyTag(*header, [&](std::string_view tag, bool) { return tag == "*" || tag == current; });
}

Response NotModified(std::string_view current_etag) {
  Response response;
  response.status = 304;
  response.headers.emplace_back("ETag", current_etag);
  return response;
}

}  // namespace fyren::http
