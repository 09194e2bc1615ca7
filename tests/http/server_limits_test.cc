#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "raw_client.h"
#include "test_server.h"

namespace fyren::http::testing {
namespace {

using std::chrono::milliseconds;

// Sends `request` on a fresh connection and returns the status of the answer, also checking
// that the server closes the connection afterwards.
int StatusAndClose(std::uint16_t port, std::string_view request) {
  RawClient client(port);
  if (!client.Send(request)) return -1;
  const std::string response = client.ReadResponse();
  EXPECT_EQ(HeaderOf(response, "Connection"), "close") << request.substr(0, 60);
  EXPECT_TRUE(client.WaitForClose()) << request.substr(0, 60);
  return StatusOf(response);
}

TEST(ServerLimitsTest, HeaderBlockOver16KiBIs431) {
  TestServer server;
  const std::string big(17 * 1024, 'a');
  EXPECT_EQ(
      StatusAndClose(server.port(), "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n"),
      431);
}

TEST(ServerLimitsTest, DeclaredBodyOverLimitIs413BeforeTheBodyIsSent) {
  ServerOptions options;
  options.max_body_bytes = 100;
  TestServer server(options);
  EXPECT_EQ(StatusAndClose(server.port(),
                           "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n"),
            413);
}

TEST(ServerLimitsTest, BodyOverLimitIs413) {
  ServerOptions options;
  options.max_body_bytes = 100;
  TestServer server(options);
  const std::string body(200, 'b');
  EXPECT_EQ(StatusAndClose(server.port(),
                           "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n" + body),
            413);
}

TEST(ServerLimitsTest, ChunkedBodyOverLimitIs413) {
  ServerOptions options;
  options.max_body_bytes = 100;
  TestServer server(options);
  std::string request = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 5; ++i) request += "20\r\n" + std::string(32, 'c') + "\r\n";
  request += "0\r\n\r\n";
  EXPECT_EQ(StatusAndClose(server.port(), request), 413);
}

TEST(ServerLimitsTest, BodyAtTheLimitIsAccepted) {
  ServerOptions options;
  options.max_body_bytes = 100;
  TestServer server(options);
  RawClient client(server.port());
  ASSERT_TRUE(client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" +
                          std::string(100, 'b')));
  EXPECT_EQ(StatusOf(client.ReadResponse()), 200);
}

TEST(ServerLimitsTest, SlowRequestIs408AndClosed) {
  ServerOptions options;
  options.request_timeout = milliseconds(300);
  TestServer server(options);
  RawClient client(server.port());
  ASSERT_TRUE(client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n"));  // never finished
  const auto start = std::chrono::steady_clock::now();
  const std::string response = client.ReadResponse();
  EXPECT_EQ(StatusOf(response), 408);
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(1500));
  EXPECT_TRUE(client.WaitForClose());
}

TEST(ServerLimitsTest, SlowDripDoesNotExtendTheRequestTimeout) {
  ServerOptions options;
  options.request_timeout = milliseconds(300);
  TestServer server(options);
  RawClient client(server.port());
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 10 && client.Send("X"); ++i) std::this_thread::sleep_for(milliseconds(50));
  EXPECT_EQ(StatusOf(client.ReadResponse()), 408);
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(1500));
}

TEST(ServerLimitsTest, IdleKeepAliveIsClosedAfterIdleTimeout) {
  ServerOptions options;
  options.idle_timeout = milliseconds(200);
  TestServer server(options);
  RawClient client(server.port());
  ASSERT_TRUE(client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_EQ(StatusOf(client.ReadResponse()), 200);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(client.ReadUntilClose(), "");  // closed without a response
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(1500));
}

TEST(ServerLimitsTest, SilentClientIsClosed) {
  ServerOptions options;
  options.request_timeout = milliseconds(200);
  TestServer server(options);
  RawClient client(server.port());
  EXPECT_EQ(client.ReadUntilClose(), "");
  EXPECT_EQ(server.server().Stats().connections_open, 0);
}

TEST(ServerLimitsTest, MalformedRequestsAre400) {
  TestServer server;
  const char* const requests[] = {
      "GARBAGE\r\n\r\n",
      "GET /hello HTTP/1.1 extra\r\nHost: x\r\n\r\n",
      "GET /hello HTTP/2.0\r\nHost: x\r\n\r\n",
      "GET hello HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET http://example.org/hello HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /hello HTTP/1.1\r\n\r\n",                              // no Host
      "GET /hello HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",        // two Hosts
      "GET /hello HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n",  // space in a name
      "GET /hello HTTP/1.1\r\nHost: x\r\n folded: 1\r\n\r\n",     // obs-fold
      "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",                     // broken escape
      "GET /%4 HTTP/1.1\r\nHost: x\r\n\r\n",                      // truncated escape
      "GET /%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n",                  // not UTF-8
      "GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n",                   // NUL
      "GET /a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n",                   // encoded slash
      "GET /static/../secret HTTP/1.1\r\nHost: x\r\n\r\n",        // dot segment
      "GET /static/%2e%2e/secret HTTP/1.1\r\nHost: x\r\n\r\n",    // encoded dot segment
  };
  for (const char* request : requests) {
    EXPECT_EQ(StatusAndClose(server.port(), request), 400) << request;
  }
}

TEST(ServerLimitsTest, SmugglingAttemptsAre400) {
  TestServer server;
  const char* const requests[] = {
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
      "0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
      "0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\nabc",
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -3\r\n\r\nabc",
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc",
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
      "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
  };
  for (const char* request : requests) {
    EXPECT_EQ(StatusAndClose(server.port(), request), 400) << request;
  }
}

TEST(ServerLimitsTest, ConnectionsPastTheCapGet503) {
  ServerOptions options;
  options.max_connections = 2;
  TestServer server(options);
  RawClient first(server.port());
  RawClient second(server.port());
  // Make sure both are accepted and counted before the third arrives.
  ASSERT_TRUE(first.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_EQ(StatusOf(first.ReadResponse()), 200);
  ASSERT_TRUE(second.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_EQ(StatusOf(second.ReadResponse()), 200);
  RawClient third(server.port());
  const std::string response = third.ReadResponse();
  EXPECT_EQ(StatusOf(response), 503);
  EXPECT_EQ(HeaderOf(response, "Connection"), "close");
  EXPECT_TRUE(third.WaitForClose());
  EXPECT_EQ(server.server().Stats().connections_rejected, 1);
  // The accepted connections still work.
  ASSERT_TRUE(first.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusOf(first.ReadResponse()), 200);
}

TEST(ServerLimitsTest, ManyBadClientsLeaveTheServerServing) {
  ServerOptions options;
  options.request_timeout = milliseconds(300);
  TestServer server(options);
  std::vector<std::unique_ptr<RawClient>> silent;
  for (int i = 0; i < 50; ++i) silent.push_back(std::make_unique<RawClient>(server.port()));
  for (int i = 0; i < 20; ++i) {
    RawClient client(server.port());
    (void)client.Send(std::string("\x00\xff\r\n\r\n garbage", 14));
    (void)client.ReadUntilClose();
  }
  RawClient good(server.port());
  ASSERT_TRUE(good.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusOf(good.ReadResponse()), 200);
}

}  // namespace
}  // namespace fyren::http::testing
