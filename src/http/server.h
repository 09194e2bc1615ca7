#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/message.h"
#include "http/router.h"

namespace fyren::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;                 // 0 picks a free port (tests); see Server::port()
  int threads = 0;                           // 0: one per core
  std::size_t max_header_bytes = 16 * 1024;  // larger header block: 431
  std::size_t max_body_bytes = 1024 * 1024;  // larger body: 413
  std::chrono::milliseconds request_timeout{10'000};  // whole request must arrive: else 408
  std::chrono::milliseconds idle_timeout{30'000};     // keep-alive without a request: close
  int max_connections = 1024;  // past this, new connections get 503 and are closed
  std::chrono::milliseconds drain_timeout{8'000};  // after Stop, how long in-flight may run
  // Handlers that may wait (a durable audit append is an fsync, Argon2id takes a pool slot,
  // PostgreSQL is a network round trip) run on a pool of this many threads instead of on the
  // few I/O threads, so waiting requests do not stall the quick ones and their audit entries can
  // share a commit. Which requests may wait is told by `may_block`; null runs every handler on
  // the I/O threads.
  int blocking_threads = 64;
  std::function<bool(const Request&)> may_block;
};

// Renders the answer for a request the server itself rejects (400, 405, 408, 413, 431, 503)
// before any handler runs, so the body is problem+json under /api and an HTML page elsewhere.
// `target` is the raw request target as sent (not decoded, may hold a query), or empty when the
// request line could not be read. Responders use it only to choose problem+json for /api.
using ErrorResponder = std::function<Response(int status, std::string_view target)>;

struct ServerStats {
  std::int64_t connections_open = 0;
  std::int64_t connections_total = 0;
  std::int64_t connections_rejected = 0;
  std::int64_t requests_in_flight = 0;
};

// HTTP/1.1 server with keep-alive. `handler` is the full middleware chain and must not throw
// (the chain's outermost layer turns exceptions into 500s). Thread-safe: handler runs on any
// worker thread.
class Server {
 public:
  Server(ServerOptions options, Handler handler, ErrorResponder error_responder);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. kUnavailable when the address is taken or not allowed.
  [[nodiscard]] base::Status Listen();
  [[nodiscard]] std::uint16_t port() const;

  // Serves until Stop() or SIGTERM/SIGINT: then stops accepting, lets requests in flight finish
  // (up to drain_timeout), closes idle connections and returns.
  void Run();
  // Thread-safe; may be called from any thread, also before Run returns.
  void Stop();

  [[nodiscard]] ServerStats Stats() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fyren::http
