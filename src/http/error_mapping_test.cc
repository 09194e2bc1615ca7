#include "http/error_mapping.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace fyren::http {
namespace {

using base::ErrorCode;

TEST(HttpStatusTest, MapsEveryCode) {
  EXPECT_EQ(HttpStatus(ErrorCode::kInvalidInput), 400);
  EXPECT_EQ(HttpStatus(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatus(ErrorCode::kForbidden), 403);
  EXPECT_EQ(HttpStatus(ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatus(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatus(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatus(ErrorCode::kInternal), 500);
  EXPECT_EQ(HttpStatus(base::Error{
                .code = ErrorCode::kInvalidInput, .message = "", .detail = "", .field = "name"}),
            422);
}

TEST(ProblemJsonTest, ValidationErrorListsTheField) {
  const base::Error error{.code = ErrorCode::kInvalidInput,
                          .message = "Ange ett namn.",
                          .detail = "row 17 name empty",
                          .field = "/name"};
  const Response response = ProblemJson(error, "req-12345678");
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["type"], "/problems/invalid-input");
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["detail"], "Ange ett namn.");
  EXPECT_EQ(body["request_id"], "req-12345678");
  EXPECT_EQ(body["errors"][0]["field"], "/name");
  EXPECT_EQ(body["errors"][0]["message"], "Ange ett namn.");
  EXPECT_EQ(response.body.find("row 17"), std::string::npos);  // detail is never sent
}

TEST(ProblemJsonTest, InternalErrorsShowNoMessage) {
  const Response response = ProblemJson(
      base::Error{
          .code = ErrorCode::kInternal, .message = "null pointer in X", .detail = "", .field = ""},
      "r");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("null pointer"), std::string::npos);
}

TEST(ProblemJsonTest, ForStatusUsesAboutBlank) {
  const auto body = nlohmann::json::parse(ProblemJsonForStatus(413, "").body);
  EXPECT_EQ(body["type"], "about:blank");
  EXPECT_EQ(body["title"], "Content Too Large");
  EXPECT_FALSE(body.contains("request_id"));
  EXPECT_FALSE(body.contains("errors"));
}

TEST(ProblemJsonTest, InvalidUtf8NeverThrows) {
  const Response response = ProblemJson(400, "t", "bad \xff byte", "r");
  EXPECT_TRUE(nlohmann::json::accept(response.body));
}

}  // namespace
}  // namespace fyren::http
