#include "http/router.h"

#include <array>
#include <cstdint>
#include <stdexcept>

namespace fyren::http {
namespace {

// Longer paths than this never match a route; none of Fyren's patterns come close.
constexpr std::size_t kMaxSegments = 32;

// Splits "/a/b" into {"a", "b"} and "/" into {""}. Returns the count, or 0 when the path does not
// start with '/' or has too many segments.
std::size_t SplitPath(std::string_view path, std::array<std::string_view, kMaxSegments>& out) {
  if (path.empty() || path.front() != '/') return 0;
  path.remove_prefix(1);
  std::size_t count = 0;
  while (true) {
    if (count == kMaxSegments) return 0;
    const std::size_t slash = path.find('/');
    out[count++] = path.substr(0, slash);
    if (slash == std::string_view::npos) return count;
    path.remove_prefix(slash + 1);
  }
}

bool IsParameter(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::Add(RouteInfo info, Handler handler) {
  std::array<std::string_view, kMaxSegments> parts;
  const std::size_t count = SplitPath(info.pattern, parts);
  if (count == 0) throw std::invalid_argument("route pattern must start with '/'");
  Entry entry{.info = {}, .segments = {}, .is_parameter = {}, .handler = std::move(handler)};
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view part = parts[i];
    const bool parameter = IsParameter(part);
    if (parameter && part.size() == 2) throw std::invalid_argument("empty route parameter");
    if (!parameter &&
        (part.find('{') != std::string_view::npos || part.find('}') != std::string_view::npos)) {
      throw std::invalid_argument("route parameter must be a whole segment");
    }
    entry.segments.emplace_back(parameter ? part.substr(1, part.size() - 2) : part);
    entry.is_parameter.push_back(parameter);
  }
  for (const Entry& existing : entries_) {
    if (existing.info.pattern == info.pattern && existing.info.method == info.method) {
      throw std::invalid_argument("duplicate route");
    }
  }
  infos_.push_back(info);
  entry.info = std::move(info);
  entries_.push_back(std::move(entry));
}

Router::Match Router::Find(Request& request) const {
  std::array<std::string_view, kMaxSegments> parts;
  const std::size_t count = SplitPath(request.path, parts);
  Match match;
  if (count == 0) return match;

  // Score: bit (31 - i) is set when segment i is literal, so comparing scores as integers
  // prefers the route whose first literal-versus-parameter difference is a literal.
  const Entry* best = nullptr;
  std::uint32_t best_score = 0;
  bool best_is_exact_method = false;
  const Entry* best_any_method = nullptr;
  std::uint32_t best_any_score = 0;
  bool method_seen[static_cast<int>(Method::kOther) + 1] = {};

  for (const Entry& entry : entries_) {
    if (entry.segments.size() != count) continue;
    std::uint32_t score = 0;
    bool matches = true;
    for (std::size_t i = 0; i < count && matches; ++i) {
      if (entry.is_parameter[i]) {
        matches = !parts[i].empty();
      } else {
        matches = entry.segments[i] == parts[i];
        if (matches) score |= 1U << (31 - i);
      }
    }
    if (!matches) continue;
    method_seen[static_cast<int>(entry.info.method)] = true;
    if (best_any_method == nullptr || score > best_any_score) {
      best_any_method = &entry;
      best_any_score = score;
    }
    const bool exact_method = entry.info.method == request.method;
    const bool head_via_get = request.method == Method::kHead && entry.info.method == Method::kGet;
    if (!exact_method && !head_via_get) continue;
    // An explicit HEAD route beats the GET fallback for the same path shape.
    if (best == nullptr || score > best_score ||
        (score == best_score && exact_method && !best_is_exact_method)) {
      best = &entry;
      best_score = score;
      best_is_exact_method = exact_method;
    }
  }

  if (best == nullptr) {
    if (best_any_method == nullptr) return match;
    request.route = best_any_method->info.pattern;
    if (method_seen[static_cast<int>(Method::kGet)])
      method_seen[static_cast<int>(Method::kHead)] = true;
    for (int m = 0; m < static_cast<int>(Method::kOther); ++m) {
      if (method_seen[m]) match.allowed_methods.push_back(static_cast<Method>(m));
    }
    return match;
  }

  request.route = best->info.pattern;
  request.path_params.clear();
  for (std::size_t i = 0; i < count; ++i) {
    if (best->is_parameter[i]) request.path_params.emplace(best->segments[i], parts[i]);
  }
  match.info = &best->info;
  match.handler = &best->handler;
  return match;
}

}  // namespace fyren::http
