#include "api/referrals_api.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "api/json_io.h"
#include "api/signed_in_caller.h"
#include "http/error_mapping.h"
#include "http/etag.h"

namespace fyren::api {
namespace {

http::Response Problems(int status, std::span<const referral::FieldProblem> problems,
                        std::string_view request_id) {
  std::vector<http::FieldError> errors;
  for (const auto& p : problems) errors.push_back({.field = "/" + p.field, .message = p.message});
  if (status == 409) {
    return NoStore(http::ProblemJson(409, "Conflict", problems.front().message, request_id, errors,
                                     "/problems/illegal-transition"));
  }
  return NoStore(http::ProblemJson(422, "Invalid request body",
                                   "Correct the fields named in errors.", request_id, errors,
                                   "/problems/invalid-input"));
}

Json RowsJson(const std::vector<referral::ReferralRow>& rows, std::string_view other) {
  Json out = Json::array();
  for (const referral::ReferralRow& row : rows) {
    out.push_back({{"id", row.public_id},
                   {"kind", referral::ToString(row.kind)},
                   {"status", referral::ToString(row.status)},
                   {other, row.counterpart_name_en},
                   {"created_at", row.created_at},
                   {"updated_at", row.updated_at}});
  }
  return out;
}

Json ConsultationRowsJson(const std::vector<referral::ConsultationRow>& rows) {
  Json out = Json::array();
  for (const referral::ConsultationRow& row : rows) {
    Json item{{"id", row.public_id},
              {"unit", row.asker_unit_name_en},
              {"created_at", row.created_at},
              {"answered", row.answered_at.has_value()}};
    if (row.answered_at) item["answered_at"] = *row.answered_at;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

ReferralsApi::ReferralsApi(const referral::ReferralService& referrals,
                           const referral::ConsultationService& consultations,
                           base::TenantId tenant)
    : referrals_(referrals), consultations_(consultations), tenant_(tenant) {}

std::expected<trust::Actor, http::Response> ReferralsApi::Caller(
    const http::Request& request) const {
  return CallerOr401(tenant_, request, "referral");
}

http::Response ReferralsApi::List(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto lists = referrals_.List(*actor);
  if (!lists) return ServiceProblem(lists.error(), request.request_id);
  return JsonResponse(200, {{"sent", RowsJson(lists->sent, "recipient")},
                            {"received", RowsJson(lists->received, "sender_unit")}});
}

http::Response ReferralsApi::Create(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto body = ParseObject(request);
  if (!body) return std::move(body.error());
  const referral::ReferralInput input{.kind = TextMember(*body, "kind"),
                                      .recipient = TextMember(*body, "recipient"),
                                      .source_kind = TextMember(*body, "source_kind"),
                                      .source_id = TextMember(*body, "source_id"),
                                      .message = TextMember(*body, "message"),
                                      .person_summary = TextMember(*body, "person_summary")};
  auto sent = referrals_.Send(*actor, input);
  if (!sent) return ServiceProblem(sent.error(), request.request_id);
  if (!sent->ok()) return Problems(422, sent->problems, request.request_id);
  const std::string location = "/api/v1/referrals/" + sent->public_id;
  http::Response response = JsonResponse(201, {{"id", sent->public_id}, {"status", "sent"}});
  response.SetHeader("Location", location);
  return response;
}

http::Response ReferralsApi::Get(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto view = referrals_.Open(*actor, request.PathParam("id"));
  if (!view) return ServiceProblem(view.error(), request.request_id);
  const referral::ReferralView& r = *view;
  Json events = Json::array();
  for (const referral::ReferralEvent& e : r.events) {
    events.push_back({{"status", referral::ToString(e.status)},
                      {"by", e.user_display_name},
                      {"at", e.occurred_at}});
  }
  Json body{{"id", r.public_id},
            {"kind", referral::ToString(r.kind)},
            {"status", referral::ToString(r.status)},
            {"side", r.side == referral::Side::kSender ? "sender" : "recipient"},
            {"sender", r.sender_display_name},
            {"sender_unit", r.sender_unit_name_en},
            {"recipient", r.recipient_code},
            {"message", r.message},
            {"person_summary", r.person_summary},
            {"created_at", r.created_at},
            {"updated_at", r.updated_at},
            {"version", r.version},
            {"history", std::move(events)}};
  if (r.source_kind != referral::SourceKind::kNone) {
    body["source_kind"] = referral::ToString(r.source_kind);
    body["source_id"] = r.source_id;
  }
  if (r.status == referral::Status::kDeclined) body["decline_reason"] = r.decline_reason;
  if (r.suggest_register_person) {
    body["register_person"] = "/persons/new?referral=" + r.public_id;
  }
  if (!r.linked_case.empty()) body["case"] = "/api/v1/cases/" + r.linked_case;
  // Both sides learn that the referral led to contact with the coordinator; only the recipient
  // sees which case (secrecy between committees: the service leaves the case empty for the
  // sender).
  if (r.case_opened) {
    body["led_to_exit_case"] = true;
    if (!r.opened_case_public_id.empty()) {
      body["opened_case"] = {{"id", r.opened_case_public_id},
                             {"case_number", r.opened_case_number},
                             {"href", "/api/v1/cases/" + r.opened_case_public_id}};
    }
  }
  http::Response response = JsonResponse(200, body);
  response.SetHeader("ETag", http::ETagForVersion(r.public_id, r.version));
  return response;
}

http::Response ReferralsApi::ChangeStatus(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto body = ParseObject(request);
  if (!body) return std::move(body.error());
  // Access first: a referral the caller is not a party to is 404 whatever the headers say.
  auto current = referrals_.Open(*actor, request.PathParam("id"));
  if (!current) return ServiceProblem(current.error(), request.request_id);
  const std::string etag = http::ETagForVersion(current->public_id, current->version);
  if (const auto status = http::CheckIfMatch(request, etag)) {
    return NoStore(http::ProblemJsonForStatus(*status, request.request_id));
  }
  auto changed = referrals_.ChangeStatus(*actor, current->public_id,
                                         {.status = TextMember(*body, "status"),
                                          .reason = TextMember(*body, "reason"),
                                          .expected_version = current->version});
  if (!changed) {
    if (changed.error().code == base::ErrorCode::kConflict) {
      return NoStore(http::ProblemJsonForStatus(412, request.request_id));
    }
    return ServiceProblem(changed.error(), request.request_id);
  }
  if (!changed->ok()) {
    return Problems(changed->illegal_transition ? 409 : 422, changed->problems, request.request_id);
  }
  return NoStore(http::Response::Text(204, ""));
}

http::Response ReferralsApi::ListConsultations(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  const bool inbox = request.QueryParam("inbox").value_or("") == "true";
  auto rows = inbox ? consultations_.Inbox(*actor) : consultations_.ListMine(*actor);
  if (!rows) return ServiceProblem(rows.error(), request.request_id);
  return JsonResponse(200, {{"items", ConsultationRowsJson(*rows)}});
}

http::Response ReferralsApi::Ask(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto body = ParseObject(request);
  if (!body) return std::move(body.error());
  auto asked = consultations_.Ask(*actor, TextMember(*body, "question"));
  if (!asked) return ServiceProblem(asked.error(), request.request_id);
  if (!asked->ok()) return Problems(422, asked->problems, request.request_id);
  const std::string location = "/api/v1/consultations/" + asked->public_id;
  http::Response response = JsonResponse(201, {{"id", asked->public_id}});
  response.SetHeader("Location", location);
  return response;
}

http::Response ReferralsApi::GetConsultation(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto found = consultations_.Get(*actor, request.PathParam("id"));
  if (!found) return ServiceProblem(found.error(), request.request_id);
  Json body{{"id", found->public_id},
            {"question", found->question},
            {"unit", found->asker_unit_name_en},
            {"created_at", found->created_at},
            {"answered", found->answered_at.has_value()}};
  if (found->answered_at) {
    body["answer"] = found->answer;
    body["answered_at"] = *found->answered_at;
    body["answered_by"] = found->answered_by_display_name;
  }
  return JsonResponse(200, body);
}

http::Response ReferralsApi::Answer(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto body = ParseObject(request);
  if (!body) return std::move(body.error());
  auto answered =
      consultations_.Answer(*actor, request.PathParam("id"), TextMember(*body, "answer"));
  if (!answered) return ServiceProblem(answered.error(), request.request_id);
  if (!answered->empty()) return Problems(422, *answered, request.request_id);
  return NoStore(http::Response::Text(204, ""));
}

}  // namespace fyren::api
