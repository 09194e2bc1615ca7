#include "http/request_reader.h"

#include <gtest/gtest.h>

namespace fyren::http {
namespace {

struct Outcome {
  RequestReader::State state;
  int status;
  std::size_t consumed;
};

Outcome Read(Request& request, std::string_view bytes, std::size_t max_body = 1024) {
  RequestReader reader(1024, max_body);
  reader.Start(request);
  const auto progress = reader.Feed(bytes);
  return {progress.state, progress.error_status, progress.consumed};
}

TEST(RequestReaderTest, FillsTheRequest) {
  Request request;
  const std::string_view bytes =
      "POST /a%20b/c?x=1&y=%zz HTTP/1.1\r\nHost: h\r\nX-Thing: V\r\nContent-Length: 2\r\n\r\nhi";
  const Outcome outcome = Read(request, bytes);
  ASSERT_EQ(outcome.state, RequestReader::State::kComplete);
  EXPECT_EQ(outcome.consumed, bytes.size());
  EXPECT_EQ(request.method, Method::kPost);
  EXPECT_EQ(request.target, "/a%20b/c?x=1&y=%zz");
  EXPECT_EQ(request.path, "/a b/c");
  EXPECT_EQ(request.query, "x=1&y=%zz");
  EXPECT_EQ(request.Header("x-thing"), "V");
  EXPECT_EQ(request.headers[1].first, "x-thing");  // names lower-cased
  EXPECT_EQ(request.body, "hi");
}

TEST(RequestReaderTest, AcceptsInPiecesAndLeavesPipelinedBytes) {
  Request request;
  RequestReader reader(1024, 1024);
  reader.Start(request);
  std::string buffer = "GET /x HTTP/1.1\r\nHo";
  auto progress = reader.Feed(buffer);
  EXPECT_EQ(progress.state, RequestReader::State::kNeedMore);
  buffer.erase(0, progress.consumed);
  buffer += "st: h\r\n\r\nGET /y HTTP/1.1\r\n";
  progress = reader.Feed(buffer);
  ASSERT_EQ(progress.state, RequestReader::State::kComplete);
  EXPECT_EQ(buffer.substr(progress.consumed), "GET /y HTTP/1.1\r\n");
  EXPECT_TRUE(reader.keep_alive());
}

TEST(RequestReaderTest, ResetsFieldsBetweenRequests) {
  Request request;
  request.remote_address = "127.0.0.1";
  ASSERT_EQ(Read(request, "GET /x HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n").state,
            RequestReader::State::kComplete);
  request.route = "/x";
  request.request_id = "id";
  request.session = SessionView{};
  request.csrf_token = "token";
  ASSERT_EQ(Read(request, "GET /y HTTP/1.1\r\nHost: h\r\n\r\n").state,
            RequestReader::State::kComplete);
  EXPECT_EQ(request.headers.size(), 1U);
  EXPECT_EQ(request.route, "");
  EXPECT_EQ(request.request_id, "");
  // The previous request's session must not carry over to one without a session cookie.
  EXPECT_FALSE(request.session.has_value());
  EXPECT_EQ(request.csrf_token, "");
  EXPECT_EQ(request.remote_address, "127.0.0.1");
}

TEST(RequestReaderTest, MapsLimitsToStatuses) {
  Request request;
  EXPECT_EQ(Read(request, "GET /x HTTP/1.1\r\nHost: h\r\nX: " + std::string(2000, 'a') + "\r\n\r\n")
                .status,
            431);
  EXPECT_EQ(Read(request, "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", 10).status,
            413);
  EXPECT_EQ(
      Read(request,
           "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n01234567890\r\n",
           10)
          .status,
      413);
}

TEST(RequestReaderTest, IgnoresTrailers) {
  Request request;
  const Outcome outcome = Read(request,
                               "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "1\r\na\r\n0\r\nX-Trailer: t\r\n\r\n");
  ASSERT_EQ(outcome.state, RequestReader::State::kComplete);
  EXPECT_EQ(request.body, "a");
  EXPECT_FALSE(request.Header("x-trailer"));
  // Framing fields in a trailer are refused outright (Beast checks them like header fields).
  EXPECT_EQ(Read(request,
                 "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "1\r\na\r\n0\r\nContent-Length: 5\r\n\r\n")
                .status,
            400);
}

TEST(RequestReaderTest, RejectsObsFoldEvenWhenFedByteByByte) {
  Request request;
  RequestReader reader(1024, 1024);
  reader.Start(request);
  const std::string bytes = "GET /x HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n";
  std::string buffer;
  RequestReader::Progress progress;
  for (const char c : bytes) {
    buffer += c;
    progress = reader.Feed(buffer);
    buffer.erase(0, progress.consumed);
    if (progress.state != RequestReader::State::kNeedMore) break;
  }
  EXPECT_EQ(progress.state, RequestReader::State::kError);
  EXPECT_EQ(progress.error_status, 400);
}

TEST(RequestReaderTest, Http10IsNeverKeptAlive) {
  Request request;
  RequestReader reader(1024, 1024);
  reader.Start(request);
  ASSERT_EQ(reader.Feed("GET /x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").state,
            RequestReader::State::kComplete);
  EXPECT_FALSE(reader.keep_alive());
}

}  // namespace
}  // namespace fyren::http
