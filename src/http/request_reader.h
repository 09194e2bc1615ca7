#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "http/message.h"

namespace fyren::http {

// Incremental HTTP/1.1 request parsing (Boost.Beast's parser underneath) with Fyren's rules
// on top, kept apart from the socket code so it can be unit-tested and fuzzed on plain bytes.
//
// Rules beyond Beast's own strict RFC 9112 parsing, all answered with 400 because each one is
// either a request-smuggling vector or something no browser sends:
//  - only HTTP/1.0 and HTTP/1.1; only origin-form targets ("/path?query");
//  - more than one Content-Length field, a Transfer-Encoding other than exactly "chunked",
//    Transfer-Encoding on HTTP/1.0, or Content-Length together with Transfer-Encoding;
//  - not exactly one Host field on HTTP/1.1;
//  - a path whose percent-decoding fails (see PercentDecode), that decodes to a control
//    character, that encodes a '/' ("%2F", which would change the route's segments), or that
//    holds "." or ".." segments (browsers remove them, so only probes send them).
// Limits: a header block past max_header_bytes is 431, a body past max_body_bytes (declared
// or received) is 413. Trailer fields of a chunked body are ignored.
//
// Ownership: the reader writes into the Request passed to Start and keeps a pointer to it until
// the next Start; the caller keeps it alive. Not thread-safe; one reader per connection.
class RequestReader {
 public:
  RequestReader(std::size_t max_header_bytes, std::size_t max_body_bytes);
  ~RequestReader();
  RequestReader(const RequestReader&) = delete;
  RequestReader& operator=(const RequestReader&) = delete;

  // Begins a new request. Resets every per-request field of `request` (method, target, path,
  // query, headers, body, request_id, locale, route, path_params); remote_address is kept.
  void Start(Request& request);

  enum class State { kNeedMore, kComplete, kError };
  struct Progress {
    std::size_t consumed = 0;  // bytes of the input that belong to this request
    State state = State::kNeedMore;
    int error_status = 0;  // with kError: 400, 413 or 431
  };
  // Feeds buffered bytes. Unconsumed bytes with kNeedMore are an incomplete line that must be
  // offered again with more data appended; with kComplete they belong to the next (pipelined)
  // request. After kError the connection must answer and close.
  Progress Feed(std::string_view data);

  // True once the request line and header fields are complete and accepted.
  [[nodiscard]] bool header_done() const;
  // After kComplete: whether the client allows the connection to stay open. HTTP/1.0 clients
  // always get Connection: close, which keeps the server's framing simple.
  [[nodiscard]] bool keep_alive() const;

 private:
  class Impl;  // holds the Beast parser, so this header stays free of Beast
  std::unique_ptr<Impl> impl_;
};

}  // namespace fyren::http
