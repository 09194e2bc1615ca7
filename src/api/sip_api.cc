#include "api/sip_api.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "api/json_io.h"
#include "api/signed_in_caller.h"
#include "domain/sip/sip_plan_json.h"
#include "http/error_mapping.h"
#include "http/etag.h"

namespace fyren::api {
namespace {

constexpr std::string_view kSipPurpose = "case_work";

// A problem+json body with extension members (RFC 9457 §3.2).
http::Response Problem(int status, std::string_view type, std::string_view title,
                       std::string_view detail, std::string_view request_id, Json extensions) {
  Json body = std::move(extensions);
  body["type"] = type;
  body["title"] = title;
  body["status"] = status;
  body["detail"] = detail;
  body["instance"] = request_id;
  http::Response response = JsonResponse(status, body);
  response.SetHeader("Content-Type", "application/problem+json");
  return response;
}

// "interventions[2].planned_end_on" -> "/interventions/2/planned_end_on" (a JSON pointer).
std::string Pointer(std::string_view field) {
  std::string out = "/";
  for (const char c : field) {
    if (c == '[' || c == '.') {
      out += '/';
    } else if (c != ']') {
      out += c;
    }
  }
  return out;
}

std::vector<http::FieldError> FieldErrors(std::span<const sip::FieldProblem> problems) {
  std::vector<http::FieldError> out;
  for (const auto& p : problems) out.push_back({.field = Pointer(p.field), .message = p.message});
  return out;
}

Json EventsToJson(std::span<const sip::GuardEvent> events) {
  Json out = Json::array();
  for (const sip::GuardEvent& e : events) {
    out.push_back({{"intervention_key", e.intervention_key},
                   {"catalogue_code", e.catalogue_code},
                   {"new_status", e.new_status},
                   {"reason", e.reason_code},
                   {"dependents", e.dependents},
                   {"guidance_keys", e.guidance_keys},
                   {"needs_confirmation", e.needs_confirmation}});
  }
  return out;
}

}  // namespace

SipApi::SipApi(const sip::SipService& sips, base::TenantId tenant) : sips_(sips), tenant_(tenant) {}

std::expected<trust::Actor, http::Response> SipApi::Caller(const http::Request& request) const {
  return CallerOr401(tenant_, request, kSipPurpose);
}

http::Response SipApi::Get(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto view = sips_.Get(*actor, request.PathParam("id"));
  if (!view) return ServiceProblem(view.error(), request.request_id);
  const std::string etag = http::ETagForVersion(view->heading.case_public_id, view->version);
  http::Response response = JsonResponse(200, {{"case", view->heading.case_public_id},
                                               {"case_number", view->heading.case_number},
                                               {"exists", view->exists},
                                               {"version", view->version},
                                               {"revision", view->revision},
                                               {"plan", sip::PlanToJson(view->plan)}});
  response.SetHeader("ETag", etag);
  return response;
}

http::Response SipApi::Put(http::Request& request) const {
  if (auto refused = RequireJsonBody(request)) return std::move(*refused);
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  // Access first: a case the caller may not see is 404 whatever the headers say.
  auto current = sips_.Get(*actor, request.PathParam("id"));
  if (!current) return ServiceProblem(current.error(), request.request_id);
  const std::string case_id = current->heading.case_public_id;
  const std::string etag = http::ETagForVersion(case_id, current->version);
  auto body = ParseObject(request);
  if (!body) return std::move(body.error());
  const auto plan_member = body->find("plan");
  if (plan_member == body->end()) {
    return InvalidBody(422, {{.field = "/plan", .message = "Send the plan."}}, request.request_id);
  }
  auto plan = sip::PlanFromJson(*plan_member);
  if (!plan) {
    return InvalidBody(
        422, {{.field = "/plan" + Pointer(plan.error().field), .message = plan.error().message}},
        request.request_id);
  }
  const auto stale = [&](const Json& stored, std::int64_t version) {
    return Problem(412, "/problems/conflict", "Precondition Failed",
                   "The plan was changed by someone else. Nothing was saved; compare the two "
                   "versions and send yours again with the current ETag.",
                   request.request_id,
                   {{"current", {{"version", version}, {"plan", stored}}},
                    {"submitted", sip::PlanToJson(*plan)},
                    {"etag", http::ETagForVersion(case_id, version)}});
  };
  if (const auto status = http::CheckIfMatch(request, etag)) {
    if (*status == 412) return stale(sip::PlanToJson(current->plan), current->version);
    return NoStore(http::ProblemJsonForStatus(*status, request.request_id));
  }
  const auto confirm = body->find("confirm_guard");
  auto saved =
      sips_.Save(*actor, case_id,
                 sip::SaveInput{.expected_version = current->version,
                                .document = std::move(*plan),
                                .change_note = TextMember(*body, "change_note"),
                                .guard_confirmed = confirm != body->end() &&
                                                   confirm->is_boolean() && confirm->get<bool>()});
  if (!saved) {
    if (saved.error().code == base::ErrorCode::kConflict) {
      return NoStore(http::ProblemJsonForStatus(412, request.request_id));
    }
    return ServiceProblem(saved.error(), request.request_id);
  }
  switch (saved->status) {
    case sip::SaveStatus::kProblems:
      return InvalidBody(422, FieldErrors(saved->problems), request.request_id);
    case sip::SaveStatus::kConflict:
      return stale(sip::PlanToJson(saved->current), saved->version);
    case sip::SaveStatus::kGuard:
      return Problem(409, "/problems/continuity-guard", "Confirmation needed",
                     "Stopping these interventions can topple others. Read the guidance and "
                     "send the plan again with confirm_guard true.",
                     request.request_id, {{"events", EventsToJson(saved->events)}});
    case sip::SaveStatus::kSaved:
      break;
  }
  http::Response response = JsonResponse(200, {{"version", saved->version},
                                               {"revision", saved->revision},
                                               {"events", EventsToJson(saved->events)}});
  response.SetHeader("ETag", http::ETagForVersion(case_id, saved->version));
  return response;
}

http::Response SipApi::Revisions(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto view = sips_.Get(*actor, request.PathParam("id"));
  if (!view) return ServiceProblem(view.error(), request.request_id);
  Json list = Json::array();
  for (const sip::RevisionSummary& r : view->revisions) {
    list.push_back({{"revision", r.revision},
                    {"saved_by", r.saved_by_name},
                    {"saved_at_us", r.saved_at},
                    {"change_note", r.change_note}});
  }
  return JsonResponse(200, {{"revisions", std::move(list)}});
}

http::Response SipApi::Revision(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  const std::string_view text = request.PathParam("rev");
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size() || number < 1) {
    return NoStore(http::ProblemJsonForStatus(404, request.request_id));
  }
  auto revision = sips_.GetRevision(*actor, request.PathParam("id"), number);
  if (!revision) return ServiceProblem(revision.error(), request.request_id);
  return JsonResponse(200, {{"revision", revision->summary.revision},
                            {"saved_by", revision->summary.saved_by_name},
                            {"saved_at_us", revision->summary.saved_at},
                            {"change_note", revision->summary.change_note},
                            {"plan", sip::PlanToJson(revision->plan)}});
}

http::Response SipApi::AddFollowUp(http::Request& request) const {
  if (auto refused = RequireJsonBody(request)) return std::move(*refused);
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto body = ParseObject(request);
  if (!body) return std::move(body.error());
  auto added = sips_.AddFollowUp(
      *actor, request.PathParam("id"),
      sip::FollowUpInput{.held_on = TextMember(*body, "held_on"),
                         .intervention_key = TextMember(*body, "intervention_key"),
                         .outcome = TextMember(*body, "outcome")});
  if (!added) return ServiceProblem(added.error(), request.request_id);
  if (!added->empty()) return InvalidBody(422, FieldErrors(*added), request.request_id);
  return JsonResponse(201, {{"created", true}});
}

}  // namespace fyren::api
