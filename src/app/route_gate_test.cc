// The central route gate with a fake route table: anonymous visitors are sent to sign in (pages)
// or get 401 (API), a full session whose roles lack the permission gets 403, and the handler runs
// only when the permission is granted.
#include "app/route_gate.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fyren::app {
namespace {

using http::Method;
using P = trust::access::Permission;

http::Response ErrorPageFor(const http::Request& request, int status) {
  http::Response response;
  response.status = status;
  response.body = (request.IsApi() ? "problem " : "page ") + std::to_string(status);
  return response;
}

class RouteGateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto route = [this](Method method, std::string pattern, P permission) {
      return GatedRoute{
          .info =
              http::RouteInfo{
                  .pattern = pattern, .method = method, .permission = {}, .summary = "fake"},
          .permission = permission,
          .handler = [this, pattern](http::Request&) {
            ran_.push_back(pattern);
            return http::Response{.status = 200, .headers = {}, .body = "ran", .hold = {}};
          }};
    };
    router_ = BuildGatedRouter({route(Method::kGet, "/public", P::kPublic),
                                route(Method::kGet, "/sign-in/code", P::kSignInStep),
                                route(Method::kGet, "/account", P::kSignedIn),
                                route(Method::kGet, "/persons/{id}", P::kReadPersonalData),
                                route(Method::kPost, "/persons/{id}", P::kWritePersonalData),
                                route(Method::kGet, "/api/v1/persons/{id}", P::kReadPersonalData),
                                route(Method::kGet, "/users", P::kManageUsers)},
                               ErrorPageFor);
  }

  http::Response Send(Method method, std::string target,
                      std::optional<http::SessionView> session = std::nullopt) {
    http::Request request;
    request.method = method;
    request.target = target;
    request.path = target.substr(0, target.find('?'));
    request.query =
        target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1);
    request.session = std::move(session);
    const auto match = router_.Find(request);
    EXPECT_NE(match.handler, nullptr) << target;
    if (match.handler == nullptr) return {};
    return (*match.handler)(request);
  }

  static http::SessionView Full(std::vector<std::string> roles) {
    http::SessionView view;
    view.user_id = 1;
    view.tenant_id = 1;
    view.mfa_verified = true;
    view.stage = "full";
    view.roles = std::move(roles);
    return view;
  }

  static std::string Location(const http::Response& response) {
    for (const auto& [name, value] : response.headers) {
      if (name == "Location") return value;
    }
    return {};
  }

  http::Router router_;
  std::vector<std::string> ran_;
};

TEST_F(RouteGateTest, PublicAndSignInStepRoutesAreOpen) {
  EXPECT_EQ(Send(Method::kGet, "/public").status, 200);
  EXPECT_EQ(Send(Method::kGet, "/sign-in/code").status, 200);
  EXPECT_EQ(ran_.size(), 2U);
}

TEST_F(RouteGateTest, AnonymousPagesRedirectToSignInWithALocalNext) {
  const auto response = Send(Method::kGet, "/persons/abc?tab=plan");
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(Location(response), "/sign-in?next=%2Fpersons%2Fabc%3Ftab%3Dplan");
  // A POST cannot be replayed by a redirect, so it returns to the start.
  const auto post = Send(Method::kPost, "/persons/abc");
  EXPECT_EQ(post.status, 303);
  EXPECT_EQ(Location(post), "/sign-in");
  EXPECT_TRUE(ran_.empty());
}

TEST_F(RouteGateTest, AnUnsafeNextIsDropped) {
  // "//evil.example" would be a protocol-relative redirect after sign-in.
  for (const std::string target : {"//evil.example/account", "/account\\x", "https://e.x/"}) {
    http::Request request;
    request.method = Method::kGet;
    request.target = target;
    request.path = "/account";
    const auto response = GateAnswer(GateVerdict::kSignIn, request, ErrorPageFor);
    EXPECT_EQ(response.status, 303);
    EXPECT_EQ(Location(response), "/sign-in") << target;
  }
}

TEST_F(RouteGateTest, AnonymousApiCallsGet401) {
  const auto response = Send(Method::kGet, "/api/v1/persons/abc");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.body, "problem 401");
  EXPECT_TRUE(ran_.empty());
}

TEST_F(RouteGateTest, AHalfFinishedSignInCountsAsSignedOut) {
  http::SessionView pending = Full({"coordinator"});
  pending.mfa_verified = false;
  pending.stage = "password";
  EXPECT_EQ(Send(Method::kGet, "/account", pending).status, 303);
  EXPECT_EQ(Send(Method::kGet, "/api/v1/persons/abc", pending).status, 401);
  EXPECT_TRUE(ran_.empty());
}

TEST_F(RouteGateTest, ARoleWithoutThePermissionGets403) {
  // The system administrator runs the system, not cases (DESIGN.md).
  const auto page = Send(Method::kGet, "/persons/abc", Full({"system_administrator"}));
  EXPECT_EQ(page.status, 403);
  EXPECT_EQ(page.body, "page 403");
  const auto api = Send(Method::kGet, "/api/v1/persons/abc", Full({"analyst"}));
  EXPECT_EQ(api.status, 403);
  EXPECT_EQ(api.body, "problem 403");
  EXPECT_EQ(Send(Method::kGet, "/users", Full({"coordinator"})).status, 403);
  EXPECT_EQ(Send(Method::kGet, "/account", Full({})).status, 403);  // no role, nothing granted
  EXPECT_EQ(Send(Method::kGet, "/account", Full({"no_such_role"})).status, 403);
  EXPECT_TRUE(ran_.empty());
}

TEST_F(RouteGateTest, AGrantingRoleReachesTheHandler) {
  EXPECT_EQ(Send(Method::kGet, "/persons/abc", Full({"coordinator"})).status, 200);
  EXPECT_EQ(Send(Method::kPost, "/persons/abc", Full({"analyst", "social_worker"})).status, 200);
  EXPECT_EQ(Send(Method::kGet, "/users", Full({"authority_administrator"})).status, 200);
  EXPECT_EQ(Send(Method::kGet, "/account", Full({"log_reviewer"})).status, 200);
  EXPECT_EQ(ran_.size(), 4U);
}

TEST_F(RouteGateTest, TheRouterKnowsEachRoutesPermissionByName) {
  for (const auto& info : router_.routes()) {
    EXPECT_TRUE(trust::access::ParsePermission(info.permission)) << info.pattern;
  }
  EXPECT_EQ(router_.routes()[3].permission, "read_personal_data");
}

TEST(RouteGateJudgeTest, EveryPermissionIsClosedToTheAnonymousButPublicAndSignIn) {
  for (const P permission : trust::access::AllPermissions()) {
    const bool open = permission == P::kPublic || permission == P::kSignInStep;
    EXPECT_EQ(Judge(permission, std::nullopt) == GateVerdict::kPass, open)
        << trust::access::ToString(permission);
  }
}

}  // namespace
}  // namespace fyren::app
