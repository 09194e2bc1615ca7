#include "api/persons_api.h"

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "api/json_io.h"
#include "api/persons_json.h"
#include "api/query.h"
#include "api/signed_in_caller.h"
#include "http/error_mapping.h"
#include "http/etag.h"
#include "trust/accounts/session_actor.h"

namespace fyren::api {
namespace {

constexpr std::string_view kPersonsPurpose = "case_work";
constexpr std::string_view kPersonsPath = "/api/v1/persons/";

std::vector<http::FieldError> FieldErrors(std::span<const BodyError> errors) {
  std::vector<http::FieldError> out;
  for (const BodyError& e : errors) out.push_back({.field = e.pointer, .message = e.message});
  return out;
}

}  // namespace

PersonsApi::PersonsApi(const person::PersonService& persons, base::TenantId tenant)
    : persons_(persons), tenant_(tenant) {}

std::expected<trust::Actor, http::Response> PersonsApi::Caller(const http::Request& request) const {
  return CallerOr401(tenant_, request, kPersonsPurpose);
}

http::Response PersonsApi::List(http::Request& request) const {
  const auto query = QueryValue(request, "query");
  if (!query) return QueryProblem(query.error(), request.request_id);
  const auto filter = QueryValue(request, "filter");
  if (!filter) return QueryProblem(filter.error(), request.request_id);
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());

  Json items = Json::array();
  if (*query) {
    auto found = persons_.Search(*actor, **query);
    if (!found) return ServiceProblem(found.error(), request.request_id);
    if (!found->problems.empty()) {
      const auto& problem = found->problems.front();
      return NoStore(QueryProblem(base::Error{.code = base::ErrorCode::kInvalidInput,
                                              .message = problem.message,
                                              .detail = problem.code,
                                              .field = "query"},
                                  request.request_id));
    }
    for (const auto& match : found->matches) items.push_back(SummaryToJson(match));
  } else {
    auto mine = persons_.ListMine(*actor, filter->value_or(""));
    if (!mine) return ServiceProblem(mine.error(), request.request_id);
    for (const auto& summary : *mine) items.push_back(SummaryToJson(summary));
  }
  return JsonResponse(200, {{"items", std::move(items)}});
}

http::Response PersonsApi::Create(http::Request& request) const {
  if (auto refused = RequireJsonBody(request)) return NoStore(std::move(*refused));
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto body = ParseObject(request);
  if (!body) return std::move(body.error());
  const DecodedInput decoded = PersonInputFromJson(*body);
  if (!decoded.errors.empty()) {
    return InvalidBody(422, FieldErrors(decoded.errors), request.request_id);
  }
  auto written = persons_.Register(*actor, decoded.input);
  if (!written) return ServiceProblem(written.error(), request.request_id);
  if (!written->ok()) {
    const bool duplicate = !written->duplicates.empty();
    http::Response response = InvalidBody(
        duplicate ? 409 : 422, PointerFieldErrors(written->problems), request.request_id);
    if (!duplicate) return response;
    // The matches the caller may know about, so they can open one instead of registering.
    Json problem = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    Json duplicates = Json::array();
    for (const auto& match : written->duplicates) duplicates.push_back(SummaryToJson(match));
    problem["duplicates"] = std::move(duplicates);
    response.body = problem.dump(-1, ' ', false, Json::error_handler_t::replace);
    return response;
  }
  http::Response response =
      JsonResponse(201, {{"id", written->public_id}, {"version", written->version}});
  response.SetHeader("Location", std::string(kPersonsPath) + written->public_id);
  return WithETag(std::move(response), written->public_id, written->version);
}

http::Response PersonsApi::Get(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto record = persons_.Get(*actor, request.PathParam("id"));
  if (!record) return ServiceProblem(record.error(), request.request_id);
  const std::string etag = http::ETagForVersion(record->public_id, record->version);
  if (http::IsNotModified(request, etag)) return NoStore(http::NotModified(etag));
  return WithETag(JsonResponse(200, PersonToJson(*record)), record->public_id, record->version);
}

http::Response PersonsApi::Patch(http::Request& request) const {
  if (auto refused = RequireJsonBody(request)) return NoStore(std::move(*refused));
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  // Access first: a person the caller may not see is 404 whatever the headers say.
  auto current = persons_.Get(*actor, request.PathParam("id"));
  if (!current) return ServiceProblem(current.error(), request.request_id);
  const std::string etag = http::ETagForVersion(current->public_id, current->version);
  if (const auto status = http::CheckIfMatch(request, etag)) {
    return NoStore(http::ProblemJsonForStatus(*status, request.request_id));
  }
  auto body = ParseObject(request);
  if (!body) return std::move(body.error());
  const DecodedChange decoded = PersonPatchFromJson(*body, *current);
  if (!decoded.errors.empty()) {
    return InvalidBody(422, FieldErrors(decoded.errors), request.request_id);
  }
  auto written = persons_.Update(*actor, current->public_id, decoded.change);
  if (!written) {
    // Saved by someone else between the read and the write: the ETag the client sent is stale.
    if (written.error().code == base::ErrorCode::kConflict) {
      return NoStore(http::ProblemJsonForStatus(412, request.request_id));
    }
    return ServiceProblem(written.error(), request.request_id);
  }
  if (!written->ok())
    return InvalidBody(422, PointerFieldErrors(written->problems), request.request_id);
  return WithETag(JsonResponse(200, {{"id", written->public_id}, {"version", written->version}}),
                  written->public_id, written->version);
}

}  // namespace fyren::api
