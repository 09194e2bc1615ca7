#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace fyren::http::testing {

// A blocking TCP client on 127.0.0.1 for the server tests: bytes go out exactly as written, so
// tests can send malformed, oversized or slow requests a real client library would refuse.
// Every call is bounded by the receive/send timeout. Not thread-safe.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port,
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  [[nodiscard]] bool connected() const { return fd_ >= 0; }
  // False when the peer has closed or reset the connection.
  bool Send(std::string_view bytes);
  // Reads one response: head, then Content-Length bytes of body (none when `head_request`).
  // Returns "" on timeout or close before a complete head.
  std::string ReadResponse(bool head_request = false);
  // Reads until the server closes or the timeout passes; returns what arrived.
  std::string ReadUntilClose();
  // True when the server closed the connection (EOF or reset) within the timeout.
  bool WaitForClose();

 private:
  int fd_ = -1;
  std::string pending_;
};

// The status code of a response read by ReadResponse, or 0.
int StatusOf(std::string_view response);
// The body of a complete response (after the blank line).
std::string_view BodyOf(std::string_view response);
// A header's value (case-insensitive name) or "".
std::string HeaderOf(std::string_view response, std::string_view name);

}  // namespace fyren::http::testing
