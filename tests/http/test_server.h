#pragma once

#include <chrono>
#include <string>
#include <thread>

#include "http/server.h"

namespace fyren::http::testing {

// The server under test, run on its own thread on 127.0.0.1 and a free port with a small
// handler: /hello, /slow (sleeps 300 ms), /echo (returns the body), /path (returns the decoded
// path), /throw. Stop and join happen in the destructor, so a failing test cannot leave a
// server running.
class TestServer {
 public:
  explicit TestServer(ServerOptions options = {}) : server_(Configure(options), &Handle, &Error) {
    if (!server_.Listen()) std::abort();
    thread_ = std::thread([this] {
      const auto start = std::chrono::steady_clock::now();
      server_.Run();
      run_duration_ = std::chrono::steady_clock::now() - start;
      stopped_ = true;
    });
  }
  ~TestServer() {
    server_.Stop();
    thread_.join();
  }

  Server& server() { return server_; }
  std::uint16_t port() const { return server_.port(); }
  // Waits for Run to return after Stop; false if it did not within `limit`.
  bool WaitStopped(std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!stopped_ && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return stopped_;
  }

 private:
  static ServerOptions Configure(ServerOptions options) {
    options.address = "127.0.0.1";
    options.port = 0;
    if (options.threads == 0) options.threads = 2;
    return options;
  }

  static Response Handle(Request& request) {
    if (request.path == "/hello") return Response::Text(200, "hello");
    if (request.path == "/slow") {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return Response::Text(200, "slow done");
    }
    if (request.path == "/echo") return Response::Text(200, request.body);
    if (request.path == "/path") return Response::Text(200, request.path);
    if (request.path == "/throw") throw std::runtime_error("handler bug");
    return Response::Text(404, "not found");
  }

  static Response Error(int status, std::string_view) {
    return Response::Text(status, "error " + std::to_string(status));
  }

  Server server_;
  std::thread thread_;
  std::atomic<bool> stopped_{false};
  std::chrono::steady_clock::duration run_duration_{};
};

}  // namespace fyren::http::testing
