#include "api/concerns_api.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "api/json_io.h"
#include "api/signed_in_caller.h"
#include "http/error_mapping.h"

namespace fyren::api {
namespace {

http::Response Problems(std::span<const concern::FieldProblem> problems,
                        std::string_view request_id) {
  std::vector<http::FieldError> errors;
  for (const auto& p : problems) errors.push_back({.field = "/" + p.field, .message = p.message});
  return NoStore(http::ProblemJson(422, "Invalid request body",
                                   "Correct the fields named in errors.", request_id, errors,
                                   "/problems/invalid-input"));
}

std::int64_t Version(const Json& body) {
  const auto it = body.find("version");
  if (it == body.end() || !it->is_number_integer()) return 0;
  return it->get<std::int64_t>();
}

Json DeadlinesJson(std::span<const concern::DeadlineView> deadlines) {
  Json out = Json::array();
  for (const concern::DeadlineView& d : deadlines) {
    Json item{{"code", d.code},
              {"due_at", d.due_at},
              {"state", concern::ToString(d.state)},
              {"escalated", d.escalated}};
    if (d.met_at) item["met_at"] = *d.met_at;
    if (d.rule != nullptr) item["legal_source"] = d.rule->legal_source_en;
    out.push_back(std::move(item));
  }
  return out;
}

http::Response ChangeAnswer(const base::Result<std::vector<concern::FieldProblem>>& changed,
                            std::string_view request_id) {
  if (!changed) return ServiceProblem(changed.error(), request_id);
  if (!changed->empty()) return Problems(*changed, request_id);
  return NoStore(http::Response::Text(204, ""));
}

}  // namespace

ConcernsApi::ConcernsApi(const concern::ConcernService& concerns, base::TenantId tenant)
    : concerns_(concerns), tenant_(tenant) {}

std::expected<trust::Actor, http::Response> ConcernsApi::Caller(
    const http::Request& request) const {
  return CallerOr401(tenant_, request, "case_work");
}

http::Response ConcernsApi::Create(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto body = ParseObject(request);
  if (!body) return std::move(body.error());
  const concern::ReportInput input{.district = TextMember(*body, "district"),
                                   .committee = TextMember(*body, "committee"),
                                   .child_name = TextMember(*body, "child_name"),
                                   .child_description = TextMember(*body, "child_description"),
                                   .concern_text = TextMember(*body, "concern_text"),
                                   .reporter_phone = TextMember(*body, "reporter_phone"),
                                   .reporter_email = TextMember(*body, "reporter_email"),
                                   .screening_public_id = TextMember(*body, "screening")};
  auto sent = concerns_.Submit(*actor, input);
  if (!sent) return ServiceProblem(sent.error(), request.request_id);
  if (!sent->ok()) return Problems(sent->problems, request.request_id);
  const std::string location = "/api/v1/concerns/" + sent->public_id + "/receipt";
  http::Response response = JsonResponse(
      201, {{"id", sent->public_id}, {"reference", sent->reference}, {"receipt", location}});
  response.SetHeader("Location", location);
  return response;
}

http::Response ConcernsApi::Queue(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  concern::QueueFilter filter;
  if (const auto status = request.QueryParam("status"); status && !status->empty()) {
    filter.status = concern::ParseReportStatus(*status);
    if (!filter.status) {
      return ServiceProblem(base::Error{.code = base::ErrorCode::kInvalidInput,
                                        .message = "Unknown status.",
                                        .detail = {},
                                        .field = "status"},
                            request.request_id);
    }
  }
  filter.overdue_only = request.QueryParam("overdue").value_or("") == "true";
  const std::string page = request.QueryParam("page").value_or("1");
  int number = 1;
  if (std::from_chars(page.data(), page.data() + page.size(), number).ec != std::errc()) number = 1;
  filter.page = number;
  auto queue = concerns_.Queue(*actor, filter);
  if (!queue) return ServiceProblem(queue.error(), request.request_id);
  Json items = Json::array();
  for (const concern::QueueRow& row : queue->rows) {
    items.push_back({{"id", row.public_id},
                     {"reference", row.reference},
                     {"status", concern::ToString(row.status)},
                     {"received_at", row.received_at},
                     {"district", row.district},
                     {"child_known", row.child_known},
                     {"overdue", row.overdue},
                     {"escalated", row.escalated},
                     {"deadlines", DeadlinesJson(row.deadlines)}});
  }
  return JsonResponse(200, {{"items", std::move(items)},
                            {"total", queue->total},
                            {"overdue_count", queue->overdue_count},
                            {"escalated_count", queue->escalated_count},
                            {"page", queue->page},
                            {"pages", queue->pages}});
}

http::Response ConcernsApi::Get(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto record = concerns_.Open(*actor, request.PathParam("id"));
  if (!record) return ServiceProblem(record.error(), request.request_id);
  const concern::ReportRecord& r = *record;
  Json body{{"id", r.public_id},
            {"reference", r.reference},
            {"committee", r.committee_code},
            {"district", r.district},
            {"status", concern::ToString(r.status)},
            {"child_known", r.child_known},
            {"child_name", r.child_name},
            {"child_description", r.child_description},
            {"concern_text", r.concern_text},
            {"reporter_contact", r.reporter_contact},
            {"received_at", r.received_at},
            {"version", r.version},
            {"overdue", r.overdue},
            {"escalated", r.escalated},
            {"deadlines", DeadlinesJson(r.deadlines)}};
  if (r.assessment_outcome) body["assessment_outcome"] = concern::ToString(*r.assessment_outcome);
  if (r.decision) {
    body["decision"] = concern::ToString(*r.decision);
    body["decision_date"] = r.decision_date;
  }
  if (!r.screening_public_id.empty()) body["screening"] = r.screening_public_id;
  return JsonResponse(200, body);
}

http::Response ConcernsApi::Receipt(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto receipt = concerns_.GetReceipt(*actor, request.PathParam("id"));
  if (!receipt) return ServiceProblem(receipt.error(), request.request_id);
  Json body{{"id", receipt->public_id},
            {"reference", receipt->reference},
            {"committee", receipt->committee_code},
            {"received_at", receipt->received_at},
            {"received_by_intake", receipt->intake_opened_at.has_value()}};
  if (receipt->intake_opened_at) body["intake_opened_at"] = *receipt->intake_opened_at;
  return JsonResponse(200, body);
}

http::Response ConcernsApi::Assess(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto body = ParseObject(request);
  if (!body) return std::move(body.error());
  return ChangeAnswer(concerns_.RecordAssessment(*actor, request.PathParam("id"),
                                                 {.outcome = TextMember(*body, "outcome"),
                                                  .note = TextMember(*body, "note"),
                                                  .expected_version = Version(*body)}),
                      request.request_id);
}

http::Response ConcernsApi::Decide(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto body = ParseObject(request);
  if (!body) return std::move(body.error());
  return ChangeAnswer(concerns_.RecordDecision(*actor, request.PathParam("id"),
                                               {.decision = TextMember(*body, "decision"),
                                                .decision_date = TextMember(*body, "decision_date"),
                                                .expected_version = Version(*body)}),
                      request.request_id);
}

}  // namespace fyren::api
