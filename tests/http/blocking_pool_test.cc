// Handlers that may block run on the blocking pool, so they do not hold the I/O threads: with a
// single I/O thread, a handler that waits for another request must still see that request
// served. Without the pool the waiting handler would hold the only I/O thread and the second
// request would be served only after it gave up.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "http/server.h"
#include "raw_client.h"

namespace fyren::http::testing {
namespace {

class Rendezvous {
 public:
  Response Wait() {
    const bool released =
        released_future_.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
    return Response::Text(200, released ? "released" : "gave up");
  }
  Response Release() {
    std::call_once(once_, [this] { released_.set_value(); });
    return Response::Text(200, "ok");
  }

 private:
  std::promise<void> released_;
  std::shared_future<void> released_future_ = released_.get_future().share();
  std::once_flag once_;
};

struct ServedOnOneIoThread {
  explicit ServedOnOneIoThread(bool offload) {
    ServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.threads = 1;
    options.blocking_threads = 4;
    if (offload) options.may_block = [](const Request& r) { return r.path == "/wait"; };
    server = std::make_unique<Server>(
        options,
        [this](Request& r) { return r.path == "/wait" ? rendezvous.Wait() : rendezvous.Release(); },
        [](int status, std::string_view) { return Response::Text(status, "error"); });
    if (!server->Listen()) std::abort();
    thread = std::thread([this] { server->Run(); });
  }
  ~ServedOnOneIoThread() {
    server->Stop();
    thread.join();
  }
  ServedOnOneIoThread(const ServedOnOneIoThread&) = delete;
  ServedOnOneIoThread& operator=(const ServedOnOneIoThread&) = delete;

  std::string WaitThenRelease() {
    RawClient waiter(server->port(), std::chrono::milliseconds(8000));
    RawClient releaser(server->port(), std::chrono::milliseconds(8000));
    waiter.Send("GET /wait HTTP/1.1\r\nHost: t\r\n\r\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let /wait reach its handler
    releaser.Send("GET /release HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(StatusOf(releaser.ReadResponse()), 200);
    return std::string(BodyOf(waiter.ReadResponse()));
  }

  Rendezvous rendezvous;
  std::unique_ptr<Server> server;
  std::thread thread;
};

TEST(BlockingPoolTest, ABlockingHandlerDoesNotHoldTheIoThread) {
  ServedOnOneIoThread served(/*offload=*/true);
  EXPECT_EQ(served.WaitThenRelease(), "released");
}

// The control: the same handlers without the pool show the stall the pool exists to prevent.
TEST(BlockingPoolTest, WithoutThePoolTheWaitHoldsTheOnlyIoThread) {
  ServedOnOneIoThread served(/*offload=*/false);
  EXPECT_EQ(served.WaitThenRelease(), "gave up");
}

}  // namespace
}  // namespace fyren::http::testing
