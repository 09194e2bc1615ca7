#include "pages/static_files.h"

#include <cstdint>
#include <cstdio>
#include <optional>

namespace fyren::pages {
namespace {

constexpr std::string_view kSourceDir = "web/static/";

std::optional<std::string_view> ContentType(std::string_view name) {
  struct Type {
    std::string_view extension;
    std::string_view content_type;
  };
  static constexpr Type kTypes[] = {
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".js", "text/javascript; charset=utf-8"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
  };
  for (const auto& type : kTypes) {
    if (name.ends_with(type.extension)) return type.content_type;
  }
  return std::nullopt;
}

// FNV-1a, 64 bits: enough to tell versions of a file apart for caching; not a security hash.
std::string ContentTag(std::string_view data) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char text[19];
  std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return text;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/"x" matches "x"; "*" matches all.
bool Matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view candidate = Trim(if_none_match.substr(0, comma));
    if (candidate == "*") return true;
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);
    if (candidate == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

StaticFiles::StaticFiles(const ErrorPages& errors) : StaticFiles(errors, base::EmbeddedFiles()) {}

StaticFiles::StaticFiles(const ErrorPages& errors, std::span<const base::EmbeddedFile> files)
    : errors_(errors) {
  for (const auto& file : files) {
    if (!file.path.starts_with(kSourceDir)) continue;
    const std::string_view name = file.path.substr(kSourceDir.size());
    const auto content_type = ContentType(name);
    if (name.empty() || !content_type) continue;
    files_.emplace(
        std::string(kUrlPrefix) + std::string(name),
        Asset{.data = file.data, .content_type = *content_type, .etag = ContentTag(file.data)});
  }
}

http::Response StaticFiles::Serve(http::Request& request) const {
  const auto it = files_.find(request.path);
  if (it == files_.end()) return errors_.Render(404, request);
  const Asset& asset = it->second;
  http::Response response;
  const auto if_none_match = request.Header("if-none-match");
  if (if_none_match && Matches(*if_none_match, asset.etag)) {
    response.status = 304;
  } else {
    response.status = 200;
    response.SetHeader("Content-Type", asset.content_type);
    response.body = std::string(asset.data);
  }
  response.SetHeader("ETag", asset.etag);
  response.SetHeader("Cache-Control", "public, max-age=3600");
  return response;
}

}  // namespace fyren::pages
