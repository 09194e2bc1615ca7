#include "api/users_api.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "api/json_io.h"
#include "api/query.h"
#include "api/signed_in_caller.h"
#include "http/error_mapping.h"
#include "http/etag.h"
#include "trust/accounts/session_actor.h"

namespace fyren::api {
namespace {

using trust::accounts::AdminUserView;

constexpr std::string_view kUsersPath = "/api/v1/users/";

std::string Rfc3339(base::TimePoint at) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Json ToJson(const AdminUserView& user) {
  Json roles = Json::array();
  for (const auto role : user.roles) roles.push_back(trust::accounts::ToString(role));
  return {{"id", user.public_id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"unit",
           {{"code", user.unit.code},
            {"name", {{"sv", user.unit.name_sv}, {"en", user.unit.name_en}}}}},
          {"roles", std::move(roles)},
          {"active", user.active},
          {"locked", user.locked},
          {"totp_enrolled", user.totp_enrolled},
          {"invite", trust::accounts::ToString(user.invite)},
          {"version", user.version}};
}

// A 4xx problem about the request body; `field` is a JSON pointer.
http::Response BodyProblem(int status, std::string_view field, std::string_view message,
                           std::string_view request_id) {
  const http::FieldError error{.field = std::string(field), .message = std::string(message)};
  return http::ProblemJson(status, "Invalid request body", message, request_id,
                           std::span<const http::FieldError>(&error, 1), "/problems/invalid-input");
}

// The body as a JSON object; an empty body counts as {} when `empty_ok`.
std::expected<Json, http::Response> ObjectOrEmpty(const http::Request& request, bool empty_ok) {
  if (empty_ok && request.body.empty()) return Json::object();
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return std::unexpected(
        BodyProblem(400, "", "The body must be a JSON object.", request.request_id));
  }
  return body;
}

// The strings of `body[key]` (which must be an array of strings), or a problem.
std::expected<std::vector<std::string>, http::Response> StringArray(const Json& body,
                                                                    std::string_view key,
                                                                    std::string_view request_id) {
  const auto& value = body.at(std::string(key));
  std::vector<std::string> out;
  if (!value.is_array()) {
    return std::unexpected(
        BodyProblem(422, "/" + std::string(key), "Give a list of role names.", request_id));
  }
  for (const auto& item : value) {
    if (!item.is_string()) {
      return std::unexpected(
          BodyProblem(422, "/" + std::string(key), "Give a list of role names.", request_id));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::expected<std::string, http::Response> StringField(const Json& body, std::string_view key,
                                                       std::string_view request_id) {
  const auto found = body.find(std::string(key));
  if (found == body.end()) return std::string();
  if (!found->is_string()) {
    return std::unexpected(
        BodyProblem(422, "/" + std::string(key), "This must be a string.", request_id));
  }
  return found->get<std::string>();
}

}  // namespace

UsersApi::UsersApi(trust::accounts::UserAdminService& admin,
                   trust::accounts::InviteService& invites, base::TenantId tenant,
                   http::SessionCookieOptions cookie)
    : admin_(admin), invites_(invites), tenant_(tenant), cookie_(cookie) {}

std::expected<trust::Actor, http::Response> UsersApi::Caller(const http::Request& request) const {
  return CallerOr401(tenant_, request, "administration", "Sign in as an administrator first.");
}

http::Response UsersApi::List(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  trust::accounts::UserFilter filter;
  const auto unit = QueryValue(request, "unit");
  if (!unit) return QueryProblem(unit.error(), request.request_id);
  filter.unit_code = unit->value_or("");
  const auto role = QueryValue(request, "role");
  if (!role) return QueryProblem(role.error(), request.request_id);
  if (*role) {
    filter.role = trust::accounts::ParseRole(**role);
    if (!filter.role) {
      return QueryProblem(base::FailField("role", "role must be a role name.").error(),
                          request.request_id);
    }
  }
  const auto active = QueryValue(request, "active");
  if (!active) return QueryProblem(active.error(), request.request_id);
  if (*active) {
    if (**active != "true" && **active != "false") {
      return QueryProblem(base::FailField("active", "active must be true or false.").error(),
                          request.request_id);
    }
    filter.active = **active == "true";
  }
  auto users = admin_.List(*actor, filter);
  if (!users) return ServiceProblem(users.error(), request.request_id);
  Json items = Json::array();
  for (const auto& user : *users) items.push_back(ToJson(user));
  return JsonResponse(200, {{"items", std::move(items)}});
}

http::Response UsersApi::Invite(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  if (auto refused = RequireJsonBody(request)) return std::move(*refused);
  auto body = ObjectOrEmpty(request, false);
  if (!body) return std::move(body.error());
  trust::accounts::InviteRequest input;
  for (const auto& [key, target] :
       {std::pair{"username", &input.username}, std::pair{"display_name", &input.display_name},
        std::pair{"unit", &input.unit_code}}) {
    auto value = StringField(*body, key, request.request_id);
    if (!value) return std::move(value.error());
    *target = std::move(*value);
  }
  if (body->contains("roles")) {
    auto roles = StringArray(*body, "roles", request.request_id);
    if (!roles) return std::move(roles.error());
    input.roles = std::move(*roles);
  }
  auto issued = invites_.InviteUser(*actor, input);
  if (!issued) return ServiceProblem(issued.error(), request.request_id);
  const std::string host(request.Header("host").value_or("localhost"));
  const std::string link =
      (cookie_.secure ? "https://" : "http://") + host + "/invite/" + issued->token;
  http::Response response = JsonResponse(201, {{"id", issued->user_public_id},
                                               {"invite_url", link},
                                               {"invite_expires_at", Rfc3339(issued->expires_at)}});
  response.SetHeader("Location", std::string(kUsersPath) + issued->user_public_id);
  // The link is a credential: keep it out of every cache.
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

http::Response UsersApi::Get(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto user = admin_.Get(*actor, request.PathParam("id"));
  if (!user) return ServiceProblem(user.error(), request.request_id);
  const std::string etag = http::ETagForVersion(user->public_id, user->version);
  if (http::IsNotModified(request, etag)) return http::NotModified(etag);
  http::Response response = JsonResponse(200, ToJson(*user));
  response.SetHeader("ETag", etag);
  return response;
}

http::Response UsersApi::Patch(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  if (auto refused = RequireJsonBody(request)) return std::move(*refused);
  // The access check comes first: a user outside the caller's scope is 404 whatever else the
  // request holds, so nobody learns from a 428 or 412 that the user exists.
  auto current = admin_.Get(*actor, request.PathParam("id"));
  if (!current) return ServiceProblem(current.error(), request.request_id);
  const std::string etag = http::ETagForVersion(current->public_id, current->version);
  if (const auto status = http::CheckIfMatch(request, etag)) {
    const std::string_view detail = *status == 428
                                        ? "Send If-Match with the ETag of the user you edited."
                                        : "The user was changed since you read it. Read it again.";
    return http::ProblemJson(*status,
                             *status == 428 ? "Precondition Required" : "Precondition Failed",
                             detail, request.request_id);
  }
  auto body = ObjectOrEmpty(request, false);
  if (!body) return std::move(body.error());
  trust::accounts::UserUpdate update{
      .roles = std::nullopt, .active = std::nullopt, .expected_version = current->version};
  for (const auto& [key, value] : body->items()) {
    if (key == "roles") {
      auto roles = StringArray(*body, "roles", request.request_id);
      if (!roles) return std::move(roles.error());
      update.roles = std::move(*roles);
    } else if (key == "active") {
      if (!value.is_boolean()) {
        return BodyProblem(422, "/active", "active must be true or false.", request.request_id);
      }
      update.active = value.get<bool>();
    } else {
      return BodyProblem(422, "/" + key, "Only roles and active can be changed.",
                         request.request_id);
    }
  }
  auto updated = admin_.Update(*actor, current->public_id, update);
  if (!updated) {
    // Someone changed the user between the If-Match check and the update.
    if (updated.error().code == base::ErrorCode::kConflict) {
      return http::ProblemJson(412, "Precondition Failed",
                               "The user was changed since you read it. Read it again.",
                               request.request_id);
    }
    return ServiceProblem(updated.error(), request.request_id);
  }
  http::Response response = JsonResponse(200, ToJson(*updated));
  response.SetHeader("ETag", http::ETagForVersion(updated->public_id, updated->version));
  return response;
}

http::Response UsersApi::EndSessions(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  if (auto refused = RequireJsonBody(request)) return std::move(*refused);
  auto ended = admin_.EndSessions(*actor, request.PathParam("id"));
  if (!ended) return ServiceProblem(ended.error(), request.request_id);
  return JsonResponse(200, {{"ended", *ended}});
}

}  // namespace fyren::api
