// A response with a hold (Response::hold) leaves only when whoever holds it releases it: the
// server must not send it before, must keep serving other requests meanwhile (the thread that
// ran the handler is free), and must send its own error response when the release names a
// failure. The audit log uses this to send a page only once its access is on record.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

#include "http/server.h"
#include "raw_client.h"

namespace fyren::http::testing {
namespace {

// Handlers: /held answers "the page" with a hold and keeps the release; /release/ok and
// /release/fail call it with 0 or 503.
class HeldPages {
 public:
  Response Handle(Request& request) {
    if (request.path == "/held") {
      Response response = Response::Text(200, "the page");
      response.hold = [this](std::function<void(int)> release) {
        std::lock_guard lock(mu_);
        release_ = std::move(release);
      };
      return response;
    }
    std::function<void(int)> release;
    {
      std::lock_guard lock(mu_);
      release = std::move(release_);
      release_ = nullptr;
    }
    if (!release) return Response::Text(409, "nothing held");
    release(request.path == "/release/ok" ? 0 : 503);
    return Response::Text(200, "released");
  }

 private:
  std::mutex mu_;
  std::function<void(int)> release_;
};

struct HeldServer {
  explicit HeldServer(bool on_pool) {
    ServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.threads = 1;  // one I/O thread: a stalled thread would show
    options.blocking_threads = 2;
    if (on_pool) options.may_block = [](const Request& r) { return r.path == "/held"; };
    server = std::make_unique<Server>(
        options, [this](Request& r) { return pages.Handle(r); },
        [](int status, std::string_view) { return Response::Text(status, "server error page"); });
    if (!server->Listen()) std::abort();
    thread = std::thread([this] { server->Run(); });
  }
  ~HeldServer() {
    server->Stop();
    thread.join();
  }
  HeldServer(const HeldServer&) = delete;
  HeldServer& operator=(const HeldServer&) = delete;

  HeldPages pages;
  std::unique_ptr<Server> server;
  std::thread thread;
};

class HeldResponseTest : public ::testing::TestWithParam<bool> {};

TEST_P(HeldResponseTest, AHeldResponseLeavesOnlyOnceReleased) {
  HeldServer served(GetParam());
  RawClient reader(served.server->port(), std::chrono::milliseconds(500));
  reader.Send("GET /held HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(reader.ReadResponse(), "") << "sent before it was released";
  // The release comes from another request on the same single I/O thread: it is served.
  RawClient releaser(served.server->port());
  releaser.Send("GET /release/ok HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(BodyOf(releaser.ReadResponse()), "released");
  const std::string response = reader.ReadResponse();
  EXPECT_EQ(StatusOf(response), 200);
  EXPECT_EQ(BodyOf(response), "the page");
  // The connection goes on: the next request on it is answered as usual.
  reader.Send("GET /release/ok HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(BodyOf(reader.ReadResponse()), "nothing held");
}

TEST_P(HeldResponseTest, AFailedReleaseSendsTheServersErrorResponseInstead) {
  HeldServer served(GetParam());
  RawClient reader(served.server->port(), std::chrono::milliseconds(8000));
  reader.Send("GET /held HTTP/1.1\r\nHost: t\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let /held reach its handler
  RawClient releaser(served.server->port());
  releaser.Send("GET /release/fail HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(StatusOf(releaser.ReadResponse()), 200);
  const std::string response = reader.ReadResponse();
  EXPECT_EQ(StatusOf(response), 503);
  EXPECT_EQ(BodyOf(response), "server error page");
}

INSTANTIATE_TEST_SUITE_P(OnTheIoThreadAndOnThePool, HeldResponseTest, ::testing::Bool());

}  // namespace
}  // namespace fyren::http::testing
