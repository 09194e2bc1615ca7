#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "raw_client.h"
#include "test_server.h"

namespace fyren::http::testing {
namespace {

using std::chrono::milliseconds;

TEST(ServerTest, AnswersAGet) {
  TestServer server;
  RawClient client(server.port());
  ASSERT_TRUE(client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string response = client.ReadResponse();
  EXPECT_EQ(StatusOf(response), 200);
  EXPECT_EQ(BodyOf(response), "hello");
  EXPECT_EQ(HeaderOf(response, "Content-Length"), "5");
  EXPECT_EQ(HeaderOf(response, "Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(HeaderOf(response, "Connection"), "");
}

TEST(ServerTest, KeepsTheConnectionForThreeRequests) {
  TestServer server;
  RawClient client(server.port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_EQ(StatusOf(client.ReadResponse()), 200) << i;
  }
  EXPECT_EQ(server.server().Stats().connections_total, 1);
}

TEST(ServerTest, AnswersPipelinedRequestsInOrder) {
  TestServer server;
  RawClient client(server.port());
  ASSERT_TRUE(
      client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                  "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                  "GET /path HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(BodyOf(client.ReadResponse()), "hello");
  EXPECT_EQ(BodyOf(client.ReadResponse()), "abc");
  EXPECT_EQ(BodyOf(client.ReadResponse()), "/path");
}

TEST(ServerTest, HeadSendsTheLengthButNoBody) {
  TestServer server;
  RawClient client(server.port());
  ASSERT_TRUE(
      client.Send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                  "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string head = client.ReadResponse(/*head_request=*/true);
  EXPECT_EQ(StatusOf(head), 200);
  EXPECT_EQ(HeaderOf(head, "Content-Length"), "5");
  EXPECT_EQ(BodyOf(head), "");
  // The next response starts right after the head: no stray body bytes in between.
  EXPECT_EQ(BodyOf(client.ReadResponse()), "hello");
}

TEST(ServerTest, DecodesThePath) {
  TestServer server;
  RawClient client(server.port());
  ASSERT_TRUE(client.Send("GET /p%C3%A5th?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string response = client.ReadResponse();
  EXPECT_EQ(StatusOf(response), 404);  // "/påth" is not a route of the test handler
}

TEST(ServerTest, ChunkedBodyIsAssembled) {
  TestServer server;
  RawClient client(server.port());
  ASSERT_TRUE(
      client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
  EXPECT_EQ(BodyOf(client.ReadResponse()), "abcde");
}

TEST(ServerTest, HandlerExceptionBecomes500) {
  TestServer server;
  RawClient client(server.port());
  ASSERT_TRUE(client.Send("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusOf(client.ReadResponse()), 500);
}

TEST(ServerTest, Http10GetsConnectionClose) {
  TestServer server;
  RawClient client(server.port());
  ASSERT_TRUE(client.Send("GET /hello HTTP/1.0\r\n\r\n"));
  const std::string response = client.ReadResponse();
  EXPECT_EQ(StatusOf(response), 200);
  EXPECT_EQ(HeaderOf(response, "Connection"), "close");
  EXPECT_TRUE(client.WaitForClose());
}

TEST(ServerTest, StopLetsAnInFlightRequestFinish) {
  ServerOptions options;
  options.drain_timeout = milliseconds(2000);
  TestServer server(options);
  RawClient busy(server.port());
  RawClient idle(server.port());
  ASSERT_TRUE(idle.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_EQ(StatusOf(idle.ReadResponse()), 200);
  ASSERT_TRUE(busy.Send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::this_thread::sleep_for(milliseconds(100));  // the handler is now sleeping
  const auto start = std::chrono::steady_clock::now();
  server.server().Stop();
  const std::string response = busy.ReadResponse();
  EXPECT_EQ(StatusOf(response), 200);
  EXPECT_EQ(BodyOf(response), "slow done");
  EXPECT_EQ(HeaderOf(response, "Connection"), "close");
  EXPECT_TRUE(idle.WaitForClose());  // the idle keep-alive connection did not hold shutdown
  ASSERT_TRUE(server.WaitStopped(milliseconds(1900)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(1900));
}

TEST(ServerTest, StopWithNoConnectionsReturnsPromptly) {
  TestServer server;
  const auto start = std::chrono::steady_clock::now();
  server.server().Stop();
  ASSERT_TRUE(server.WaitStopped(milliseconds(1000)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(500));
}

}  // namespace
}  // namespace fyren::http::testing
