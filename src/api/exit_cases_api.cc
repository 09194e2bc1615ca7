#include "api/exit_cases_api.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/json_io.h"
#include "api/query.h"
#include "api/signed_in_caller.h"
#include "http/error_mapping.h"
#include "http/etag.h"

namespace fyren::api {
namespace {

using exit_case::ToString;

constexpr std::string_view kCasesPurpose = "case_work";
constexpr std::string_view kCasesPath = "/api/v1/cases/";

// The body as an object whose members are all among `allowed` and strings (or, for `arrays`, an
// array of strings); errors name each bad member.
struct Decoded {
  Json body;
  std::vector<http::FieldError> errors;
};

std::expected<Decoded, http::Response> ParseBody(const http::Request& request,
                                                 std::initializer_list<std::string_view> allowed,
                                                 std::initializer_list<std::string_view> arrays) {
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return std::unexpected(InvalidBody(
        400, {{.field = "", .message = "The body must be a JSON object."}}, request.request_id));
  }
  Decoded out{.body = body, .errors = {}};
  for (const auto& [key, value] : body.items()) {
    const bool is_array = std::ranges::find(arrays, key) != arrays.end();
    if (!is_array && std::ranges::find(allowed, key) == allowed.end()) {
      out.errors.push_back({.field = "/" + key, .message = "Unknown member."});
    } else if (is_array) {
      const bool ok = value.is_array() &&
                      std::ranges::all_of(value, [](const Json& v) { return v.is_string(); });
      if (!ok)
        out.errors.push_back({.field = "/" + key, .message = "Must be an array of strings."});
    } else if (!value.is_string() && !value.is_null()) {
      out.errors.push_back({.field = "/" + key, .message = "Must be a string."});
    }
  }
  return out;
}

Json PartsJson(const exit_case::SipParts& parts) {
  Json out = Json::array();
  for (const auto part : parts) out.push_back(std::string(ToString(part)));
  return out;
}

Json OptionalInt(const std::optional<std::int64_t>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json ConsentJson(const exit_case::ConsentView& c) {
  return Json{{"id", c.public_id},
              {"purpose", std::string(ToString(c.purpose))},
              {"organisation",
               c.organisation_public_id.empty() ? Json(nullptr) : Json(c.organisation_public_id)},
              {"scope", PartsJson(c.scope)},
              {"how_given", std::string(ToString(c.how_given))},
              {"recorded_by", c.recorded_by},
              {"given_at", c.given_at},
              {"expires_at", OptionalInt(c.expires_at)},
              {"withdrawn_at", OptionalInt(c.withdrawn_at)},
              {"active", c.active}};
}

Json CaseJson(const exit_case::CaseView& v) {
  Json team = Json::array();
  for (const auto& m : v.team) {
    if (m.on_team) team.push_back({{"username", m.username}, {"display_name", m.display_name}});
  }
  Json consents = Json::array();
  for (const auto& c : v.consents) consents.push_back(ConsentJson(c));
  Json events = Json::array();
  for (const auto& e : v.events) {
    events.push_back(
        {{"at", e.at},
         {"by", e.by},
         {"from", e.from ? Json(std::string(ToString(*e.from))) : Json(nullptr)},
         {"to", std::string(ToString(e.to))},
         {"reason", e.reason ? Json(std::string(ToString(*e.reason))) : Json(nullptr)}});
  }
  return Json{{"id", v.public_id},
              {"case_number", v.case_number},
              {"from_referral", v.from_referral.empty() ? Json(nullptr) : Json(v.from_referral)},
              {"status", std::string(ToString(v.status))},
              {"closed_reason",
               v.closed_reason ? Json(std::string(ToString(*v.closed_reason))) : Json(nullptr)},
              {"closed_note", v.closed_note.empty() ? Json(nullptr) : Json(v.closed_note)},
              {"responsible", v.responsible_username},
              {"person",
               {{"id", v.person_public_id},
                {"initials", v.person_initials},
                {"birth_year", v.person_birth_year ? Json(*v.person_birth_year) : Json(nullptr)},
                {"protected_identity", v.protected_identity}}},
              {"team", std::move(team)},
              {"consents", std::move(consents)},
              {"events", std::move(events)},
              {"version", v.version},
              {"created_at", v.created_at},
              {"updated_at", v.updated_at}};
}

}  // namespace

ExitCasesApi::ExitCasesApi(const exit_case::ExitCaseService& cases, base::TenantId tenant)
    : cases_(cases), tenant_(tenant) {}

std::expected<trust::Actor, http::Response> ExitCasesApi::Caller(
    const http::Request& request) const {
  return CallerOr401(tenant_, request, kCasesPurpose);
}

http::Response ExitCasesApi::List(http::Request& request) const {
  exit_case::CaseListFilter filter;
  bool unit = false;
  for (const std::string_view name : {"list", "status", "number", "page"}) {
    const auto value = QueryValue(request, name);
    if (!value) return QueryProblem(value.error(), request.request_id);
    if (!*value) continue;
    if (name == "list") {
      if (**value != "mine" && **value != "unit") {
        return QueryProblem(base::Error{.code = base::ErrorCode::kInvalidInput,
                                        .message = "list is mine or unit.",
                                        .detail = {},
                                        .field = "list"},
                            request.request_id);
      }
      unit = **value == "unit";
    } else if (name == "status") {
      filter.status = **value;
    } else if (name == "number") {
      filter.number = **value;
    } else {
      const std::string& text = **value;
      int page = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
      if (ec != std::errc() || end != text.data() + text.size() || page < 1) {
        return QueryProblem(base::Error{.code = base::ErrorCode::kInvalidInput,
                                        .message = "page is a whole number from 1.",
                                        .detail = {},
                                        .field = "page"},
                            request.request_id);
      }
      filter.page = page;
    }
  }
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto listed = unit ? cases_.ListUnit(*actor, filter) : cases_.ListMine(*actor, filter);
  if (!listed) return ServiceProblem(listed.error(), request.request_id);
  if (!listed->problems.empty()) {
    const auto& problem = listed->problems.front();
    return QueryProblem(base::Error{.code = base::ErrorCode::kInvalidInput,
                                    .message = problem.message,
                                    .detail = problem.code,
                                    .field = problem.field},
                        request.request_id);
  }
  Json items = Json::array();
  for (const auto& item : listed->items) {
    items.push_back({{"id", item.public_id},
                     {"case_number", item.case_number},
                     {"initials", item.readable ? Json(item.initials) : Json(nullptr)},
                     {"birth_year", item.birth_year ? Json(*item.birth_year) : Json(nullptr)},
                     {"status", std::string(ToString(item.status))},
                     {"responsible", item.responsible_name},
                     {"readable", item.readable},
                     {"next_follow_up", OptionalInt(item.next_follow_up)}});
  }
  return JsonResponse(
      200, {{"items", std::move(items)}, {"page", listed->page}, {"has_more", listed->has_more}});
}

http::Response ExitCasesApi::Create(http::Request& request) const {
  if (auto refused = RequireJsonBody(request)) return std::move(*refused);
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto decoded = ParseBody(request, {"person", "responsible", "referral"}, {});
  if (!decoded) return std::move(decoded.error());
  const std::string person = TextMember(decoded->body, "person");
  if (person.empty()) {
    decoded->errors.push_back({.field = "/person", .message = "Give the person's id."});
  }
  if (!decoded->errors.empty()) return InvalidBody(422, decoded->errors, request.request_id);
  // `referral` continues an accepted adult referral: unusable → 422 at /referral, moved since the
  // check → 409.
  auto opened = cases_.Open(
      *actor, person,
      exit_case::OpenCaseInput{.responsible_username = TextMember(decoded->body, "responsible"),
                               .referral = TextMember(decoded->body, "referral")});
  if (!opened) return ServiceProblem(opened.error(), request.request_id);
  if (!opened->ok())
    return InvalidBody(422, PointerFieldErrors(opened->problems), request.request_id);
  http::Response response = JsonResponse(201, {{"id", opened->public_id},
                                               {"case_number", opened->case_number},
                                               {"version", opened->version}});
  response.SetHeader("Location", std::string(kCasesPath) + opened->public_id);
  return WithETag(std::move(response), opened->public_id, opened->version);
}

http::Response ExitCasesApi::Get(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto view = cases_.Get(*actor, request.PathParam("id"));
  if (!view) return ServiceProblem(view.error(), request.request_id);
  const std::string etag = http::ETagForVersion(view->public_id, view->version);
  if (http::IsNotModified(request, etag)) return NoStore(http::NotModified(etag));
  return WithETag(JsonResponse(200, CaseJson(*view)), view->public_id, view->version);
}

http::Response ExitCasesApi::Patch(http::Request& request) const {
  if (auto refused = RequireJsonBody(request)) return std::move(*refused);
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  // Access first: a case the caller may not see is 404 whatever the headers say.
  auto current = cases_.Get(*actor, request.PathParam("id"));
  if (!current) return ServiceProblem(current.error(), request.request_id);
  const std::string etag = http::ETagForVersion(current->public_id, current->version);
  if (const auto status = http::CheckIfMatch(request, etag)) {
    return NoStore(http::ProblemJsonForStatus(*status, request.request_id));
  }
  auto decoded = ParseBody(request, {"status", "reason", "note", "responsible"}, {});
  if (!decoded) return std::move(decoded.error());
  if (!decoded->errors.empty()) return InvalidBody(422, decoded->errors, request.request_id);
  // One change per request, each its own version: a status change, or a new responsible.
  const bool hand_over = decoded->body.contains("responsible");
  if (hand_over && (decoded->body.contains("status") || decoded->body.contains("reason") ||
                    decoded->body.contains("note"))) {
    return InvalidBody(422,
                       {{.field = "/responsible",
                         .message = "Change the responsible coordinator in a request of its own."}},
                       request.request_id);
  }
  auto changed =
      hand_over ? cases_.SetResponsible(*actor, current->public_id,
                                        TextMember(decoded->body, "responsible"), current->version)
                : cases_.ChangeStatus(
                      *actor, current->public_id,
                      exit_case::StatusChangeInput{.status = TextMember(decoded->body, "status"),
                                                   .reason = TextMember(decoded->body, "reason"),
                                                   .note = TextMember(decoded->body, "note"),
                                                   .expected_version = current->version});
  if (!changed) {
    if (changed.error().code == base::ErrorCode::kConflict) {
      return NoStore(http::ProblemJsonForStatus(412, request.request_id));
    }
    return ServiceProblem(changed.error(), request.request_id);
  }
  if (!changed->ok())
    return InvalidBody(422, PointerFieldErrors(changed->problems), request.request_id);
  return WithETag(JsonResponse(200, {{"id", changed->public_id}, {"version", changed->version}}),
                  changed->public_id, changed->version);
}

http::Response ExitCasesApi::Consents(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto view = cases_.Get(*actor, request.PathParam("id"));
  if (!view) return ServiceProblem(view.error(), request.request_id);
  Json items = Json::array();
  for (const auto& c : view->consents) items.push_back(ConsentJson(c));
  return JsonResponse(200, {{"items", std::move(items)}});
}

http::Response ExitCasesApi::RecordConsent(http::Request& request) const {
  if (auto refused = RequireJsonBody(request)) return std::move(*refused);
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto decoded = ParseBody(
      request, {"purpose", "organisation", "how_given", "given_on", "expires_on"}, {"scope"});
  if (!decoded) return std::move(decoded.error());
  if (!decoded->errors.empty()) return InvalidBody(422, decoded->errors, request.request_id);
  exit_case::ConsentInput input{.purpose = TextMember(decoded->body, "purpose"),
                                .organisation = TextMember(decoded->body, "organisation"),
                                .scope = {},
                                .how_given = TextMember(decoded->body, "how_given"),
                                .given_on = TextMember(decoded->body, "given_on"),
                                .expires_on = TextMember(decoded->body, "expires_on")};
  if (const auto it = decoded->body.find("scope"); it != decoded->body.end()) {
    for (const Json& part : *it) input.scope.push_back(part.get<std::string>());
  }
  auto recorded = cases_.RecordConsent(*actor, request.PathParam("id"), input);
  if (!recorded) return ServiceProblem(recorded.error(), request.request_id);
  if (!recorded->ok())
    return InvalidBody(422, PointerFieldErrors(recorded->problems), request.request_id);
  http::Response response = JsonResponse(201, {{"id", recorded->public_id}});
  response.SetHeader("Location",
                     std::string(kCasesPath) + std::string(request.PathParam("id")) + "/consents");
  return response;
}

http::Response ExitCasesApi::WithdrawConsent(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto withdrawn =
      cases_.WithdrawConsent(*actor, request.PathParam("id"), request.PathParam("consent"));
  if (!withdrawn) return ServiceProblem(withdrawn.error(), request.request_id);
  http::Response response;
  response.status = 204;
  return NoStore(std::move(response));
}

}  // namespace fyren::api
