#include "http/response_head.h"

#include <algorithm>
#include <charconv>

#include "http/http_token.h"

namespace fyren::http {
namespace {

bool IsFramingHeader(std::string_view name) {
  const auto equals = [name](std::string_view lower) {
    return name.size() == lower.size() &&
           std::equal(name.begin(), name.end(), lower.begin(), [](char a, char b) {
             return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
           });
  };
  return equals("content-length") || equals("transfer-encoding") || equals("connection");
}

void AppendNumber(std::string& out, std::size_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

}  // namespace

bool StatusHasNoBody(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

bool WriteResponseHead(const Response& response, std::size_t body_size, bool keep_alive,
                       std::string& out) {
  if (response.status < 100 || response.status > 599) return false;
  out.clear();
  out.append("HTTP/1.1 ");
  AppendNumber(out, static_cast<std::size_t>(response.status));
  out.push_back(' ');
  out.append(ReasonPhrase(response.status));
  out.append("\r\n");
  for (const auto& [name, value] : response.headers) {
    if (!IsToken(name) || !IsSafeFieldValue(value)) return false;
    if (IsFramingHeader(name)) continue;
    out.append(name).append(": ").append(value).append("\r\n");
  }
  if (!StatusHasNoBody(response.status)) {
    out.append("Content-Length: ");
    AppendNumber(out, body_size);
    out.append("\r\n");
  }
  if (!keep_alive) out.append("Connection: close\r\n");
  out.append("\r\n");
  return true;
}

}  // namespace fyren::http
