#include "api/screenings_api.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/json_io.h"
#include "api/signed_in_caller.h"
#include "http/error_mapping.h"

namespace fyren::api {
namespace {

using screening::Instrument;

constexpr std::string_view kScreeningPurpose = "case_work";

Json LocalJson(const screening::LocalText& text) { return {{"sv", text.sv}, {"en", text.en}}; }

Json InstrumentSummary(const Instrument& instrument) {
  return {{"id", instrument.id},
          {"version", instrument.version},
          {"audience", ToString(instrument.audience)},
          {"title", LocalJson(instrument.title)}};
}

Json InstrumentJson(const Instrument& instrument) {
  Json out = InstrumentSummary(instrument);
  out["intro"] = LocalJson(instrument.intro);
  Json kinds = Json::array();
  for (auto kind : instrument.subject_kinds) kinds.push_back(ToString(kind));
  out["subject_kinds"] = std::move(kinds);
  Json items = Json::array();
  for (const screening::Item& item : instrument.items) {
    Json answers = Json::array();
    for (const auto& option : item.options) {
      Json a = {{"code", option.code}, {"weight", option.weight}};
      if (item.type == screening::AnswerType::kChoice) a["label"] = LocalJson(option.label);
      answers.push_back(std::move(a));
    }
    Json entry = {{"id", item.id},
                  {"type", ToString(item.type)},
                  {"required", item.required},
                  {"red_flag", item.red_flag},
                  {"text", LocalJson(item.text)},
                  {"answers", std::move(answers)}};
    if (!item.help.sv.empty()) entry["help"] = LocalJson(item.help);
    items.push_back(std::move(entry));
  }
  out["items"] = std::move(items);
  out["scoring"] = {{"possible_concern", instrument.thresholds.possible_concern},
                    {"clear_concern", instrument.thresholds.clear_concern}};
  Json recommendations = Json::array();
  for (const auto& r : instrument.recommendations) {
    recommendations.push_back({{"level", ToString(r.level)},
                               {"action", ToString(r.action)},
                               {"text", LocalJson(r.text)}});
  }
  out["recommendations"] = std::move(recommendations);
  return out;
}

}  // namespace

ScreeningsApi::ScreeningsApi(const screening::ScreeningService& screenings, base::TenantId tenant)
    : screenings_(screenings), tenant_(tenant) {}

std::expected<trust::Actor, http::Response> ScreeningsApi::Caller(
    const http::Request& request) const {
  return CallerOr401(tenant_, request, kScreeningPurpose);
}

http::Response ScreeningsApi::ListInstruments(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  Json items = Json::array();
  for (const auto& loaded : screenings_.instruments().All()) {
    items.push_back(InstrumentSummary(loaded->instrument));
  }
  return JsonResponse(200, {{"items", std::move(items)}});
}

http::Response ScreeningsApi::GetInstrument(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  const auto* loaded = screenings_.instruments().Find(request.PathParam("id"));
  if (loaded == nullptr) {
    return NoStore(http::ProblemJson(base::Error{.code = base::ErrorCode::kNotFound,
                                                 .message = "No such instrument.",
                                                 .detail = {},
                                                 .field = {}},
                                     request.request_id));
  }
  return JsonResponse(200, InstrumentJson(loaded->instrument));
}

http::Response ScreeningsApi::Create(http::Request& request) const {
  const std::string_view type = request.Header("content-type").value_or("");
  if (!type.starts_with("application/json")) {
    return NoStore(http::ProblemJson(415, "Unsupported Media Type",
                                     "Send the request with Content-Type: application/json.",
                                     request.request_id));
  }
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  const Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidBody(400, {{.field = "", .message = "The body must be a JSON object."}},
                       request.request_id);
  }
  screening::ScreeningInput input{.instrument_id = TextMember(body, "instrument"),
                                  .subject_kind = TextMember(body, "subject_kind"),
                                  .person_public_id = TextMember(body, "person"),
                                  .age_band = TextMember(body, "age_band"),
                                  .gender = TextMember(body, "gender"),
                                  .setting = TextMember(body, "setting"),
                                  .answers = {}};
  const auto answers = body.find("answers");
  if (answers == body.end() || !answers->is_object()) {
    return InvalidBody(
        400, {{.field = "/answers", .message = "answers must be an object of item: answer"}},
        request.request_id);
  }
  for (const auto& [item, value] : answers->items()) {
    if (!value.is_string()) {
      return InvalidBody(400, {{.field = "/answers/" + item, .message = "An answer must be text."}},
                         request.request_id);
    }
    input.answers.push_back({.item_id = item, .value = value.get<std::string>()});
  }
  auto outcome = screenings_.Record(*actor, input);
  if (!outcome) return NoStore(http::ProblemJson(outcome.error(), request.request_id));
  if (!outcome->problems.empty()) {
    std::vector<http::FieldError> errors;
    for (const auto& p : outcome->problems) {
      const bool is_item = p.code.starts_with("answer.");
      errors.push_back({.field = (is_item ? "/answers/" : "/") + p.field, .message = p.message});
    }
    return InvalidBody(422, errors, request.request_id);
  }
  Json actions = Json::array();
  if (const auto* loaded = screenings_.instruments().Find(input.instrument_id)) {
    for (const auto* r : loaded->instrument.RecommendationsFor(outcome->level)) {
      actions.push_back(ToString(r->action));
    }
  }
  http::Response response = JsonResponse(201, {{"id", outcome->public_id},
                                               {"level", ToString(outcome->level)},
                                               {"recommended_actions", std::move(actions)}});
  response.SetHeader("Location", "/api/v1/screenings/" + outcome->public_id);
  return response;
}

http::Response ScreeningsApi::Get(http::Request& request) const {
  auto actor = Caller(request);
  if (!actor) return std::move(actor.error());
  auto record = screenings_.Get(*actor, request.PathParam("id"));
  if (!record) return NoStore(http::ProblemJson(record.error(), request.request_id));
  Json answers = Json::object();
  for (const auto& a : record->answers) answers[a.item_id] = a.value;
  Json out = {{"id", record->public_id},
              {"instrument", record->instrument_id},
              {"instrument_version", record->instrument_version},
              {"subject_kind", ToString(record->subject_kind)},
              {"level", ToString(record->level)},
              {"score", record->score},
              {"answers", std::move(answers)},
              {"recorded_at_us", record->recorded_at}};
  if (record->person_public_id) out["person"] = *record->person_public_id;
  if (record->anonymous) {
    out["anonymous"] = {{"age_band", record->anonymous->age_band},
                        {"gender", record->anonymous->gender},
                        {"setting", record->anonymous->setting}};
  }
  return JsonResponse(200, out);
}

}  // namespace fyren::api
