#include "http/response_head.h"

#include <gtest/gtest.h>

namespace fyren::http {
namespace {

TEST(WriteResponseHeadTest, WritesStatusHeadersAndFraming) {
  Response response = Response::Text(200, "hello");
  response.AddHeader("Content-Length", "999");  // a handler's framing is ignored
  response.AddHeader("Connection", "keep-alive");
  std::string out;
  ASSERT_TRUE(WriteResponseHead(response, 5, true, out));
  EXPECT_EQ(
      out,
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n\r\n");
  ASSERT_TRUE(WriteResponseHead(response, 5, false, out));
  EXPECT_NE(out.find("Connection: close\r\n"), std::string::npos);
}

TEST(WriteResponseHeadTest, NoLengthForStatusesWithoutBody) {
  std::string out;
  Response response;
  response.status = 304;
  ASSERT_TRUE(WriteResponseHead(response, 0, true, out));
  EXPECT_EQ(out, "HTTP/1.1 304 Not Modified\r\n\r\n");
}

TEST(WriteResponseHeadTest, RefusesResponseSplitting) {
  std::string out;
  Response response = Response::Redirect("/x\r\nSet-Cookie: evil=1");
  EXPECT_FALSE(WriteResponseHead(response, 0, true, out));
  Response bad_name;
  bad_name.AddHeader("Bad Name", "v");
  EXPECT_FALSE(WriteResponseHead(bad_name, 0, true, out));
  Response bad_status;
  bad_status.status = 1000;
  EXPECT_FALSE(WriteResponseHead(bad_status, 0, true, out));
}

}  // namespace
}  // namespace fyren::http
