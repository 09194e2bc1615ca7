#include "pages/screening_pages.h"

#include "base/random.h"
#include "http/url_encoding.h"
#include "pages/person_pages.h"
#include "pages/screening_view.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

constexpr std::string_view kScreeningPurpose = "case_work";
// Form fields that are not answers; every other field named "q.<item id>" is one.
constexpr std::string_view kScreeningAnswerPrefix = "q.";

screening::ScreeningInput ScreeningInputFromForm(const http::Request& request,
                                                 std::string_view instrument_id) {
  screening::ScreeningInput input;
  input.instrument_id = std::string(instrument_id);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return input;
  for (const auto& [name, value] : *fields) {
    if (name.starts_with(kScreeningAnswerPrefix)) {
      input.answers.push_back(
          {.item_id = name.substr(kScreeningAnswerPrefix.size()), .value = value});
    } else if (name == "subject_kind") {
      input.subject_kind = value;
    } else if (name == "person") {
      input.person_public_id = value;
    } else if (name == "age_band") {
      input.age_band = value;
    } else if (name == "gender") {
      input.gender = value;
    } else if (name == "setting") {
      input.setting = value;
    }
  }
  // Spaces around a pasted public id are not a reason to refuse it.
  std::erase(input.person_public_id, ' ');
  return input;
}

}  // namespace

ScreeningPages::ScreeningPages(const render::TemplateSet& templates, SiteInfo site,
                               const screening::ScreeningService& screenings)
    : frame_(templates, site), errors_(templates, site), screenings_(screenings) {}

http::Response ScreeningPages::List(http::Request& request) const {
  const auto actor = SignedInActor(frame_.site().tenant_id, request, kScreeningPurpose);
  if (!actor) return SignInFor(request);
  auto mine = screenings_.ListMine(*actor);
  if (!mine) return PersonFailure(errors_, mine.error(), request, "/");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "screening.list_title", "screenings");
  SetVisitor(page, request);
  for (const auto& summary : *mine) {
    const auto* loaded = screenings_.instruments().Find(summary.instrument_id);
    page.Append("screenings",
                SummaryRow(t, summary, loaded ? &loaded->instrument : nullptr, locale));
  }
  page.SetFlag("has_screenings", !mine->empty());
  return NoStore(frame_.Respond(200, "screening_list", locale, page));
}

http::Response ScreeningPages::ForPerson(http::Request& request) const {
  const auto actor = SignedInActor(frame_.site().tenant_id, request, kScreeningPurpose);
  if (!actor) return SignInFor(request);
  const std::string person(request.PathParam("id"));
  auto listed = screenings_.ListForPerson(*actor, person);
  if (!listed) return PersonFailure(errors_, listed.error(), request, "/persons");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "screening.person_list_title", "persons");
  SetVisitor(page, request);
  page.SetFlag("for_person", true)
      .Set("person_href", "/persons/" + person)
      .Set("new_href", "/screenings/new?person=" + person);
  for (const auto& summary : *listed) {
    const auto* loaded = screenings_.instruments().Find(summary.instrument_id);
    page.Append("screenings",
                SummaryRow(t, summary, loaded ? &loaded->instrument : nullptr, locale));
  }
  page.SetFlag("has_screenings", !listed->empty());
  return NoStore(frame_.Respond(200, "screening_list", locale, page));
}

http::Response ScreeningPages::Choose(http::Request& request) const {
  const auto actor = SignedInActor(frame_.site().tenant_id, request, kScreeningPurpose);
  if (!actor) return SignInFor(request);
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "screening.choose_title", "screenings");
  SetVisitor(page, request);
  std::string person = request.QueryParam("person").value_or("");
  if (!base::IsPublicId(person)) person.clear();
  const std::string suffix = person.empty() ? "" : "?person=" + person;
  for (const auto& loaded : screenings_.instruments().All()) {
    const screening::Instrument& instrument = loaded->instrument;
    render::View row;
    row.Set("href", "/screenings/new/" + instrument.id + suffix)
        .Set("title", instrument.title.In(locale))
        .Set("audience", t.Get("screening.audience_" + std::string(ToString(instrument.audience))))
        .Set("questions", std::to_string(instrument.items.size()));
    page.Append("instruments", std::move(row));
  }
  page.Set("person", person).SetFlag("for_person", !person.empty());
  return NoStore(frame_.Respond(200, "screening_choose", locale, page));
}

http::Response ScreeningPages::RenderQuestions(
    const http::Request& request, int status, const screening::Instrument& instrument,
    const screening::ScreeningInput& input,
    std::span<const screening::AnswerProblem> problems) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "screening.questions_title", "screenings");
  SetVisitor(page, request);
  SetQuestionForm(page, t, locale, instrument, input, problems);
  return NoStore(frame_.Respond(status, "screening_questions", locale, page));
}

http::Response ScreeningPages::Questions(http::Request& request) const {
  const auto actor = SignedInActor(frame_.site().tenant_id, request, kScreeningPurpose);
  if (!actor) return SignInFor(request);
  const auto* loaded = screenings_.instruments().Find(request.PathParam("instrument"));
  if (loaded == nullptr) return NoStore(errors_.Render(404, request));
  screening::ScreeningInput input;
  input.instrument_id = loaded->instrument.id;
  input.person_public_id = request.QueryParam("person").value_or("");
  if (!base::IsPublicId(input.person_public_id)) input.person_public_id.clear();
  return RenderQuestions(request, 200, loaded->instrument, input, {});
}

http::Response ScreeningPages::Record(http::Request& request) const {
  const auto actor = SignedInActor(frame_.site().tenant_id, request, kScreeningPurpose);
  if (!actor) return SignInFor(request);
  const auto* loaded = screenings_.instruments().Find(request.PathParam("instrument"));
  if (loaded == nullptr) return NoStore(errors_.Render(404, request));
  const screening::ScreeningInput input = ScreeningInputFromForm(request, loaded->instrument.id);
  auto outcome = screenings_.Record(*actor, input);
  if (!outcome) return PersonFailure(errors_, outcome.error(), request, "/screenings/new");
  if (!outcome->problems.empty()) {
    return RenderQuestions(request, 422, loaded->instrument, input, outcome->problems);
  }
  return http::Response::Redirect(ScreeningPath(outcome->public_id) + "?done=recorded");
}

http::Response ScreeningPages::Show(http::Request& request) const {
  const auto actor = SignedInActor(frame_.site().tenant_id, request, kScreeningPurpose);
  if (!actor) return SignInFor(request);
  auto record = screenings_.Get(*actor, request.PathParam("id"));
  if (!record) return PersonFailure(errors_, record.error(), request, "/screenings");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "screening.show_title", "screenings");
  SetVisitor(page, request);
  const auto* loaded = screenings_.instruments().Find(record->instrument_id);
  SetScreening(page, t, locale, *record, loaded ? &loaded->instrument : nullptr);
  if (request.QueryParam("done").value_or("") == "recorded") {
    page.Set("done_message", t.Get("screening.done_recorded"));
  }
  return NoStore(frame_.Respond(200, "screening_show", locale, page));
}

}  // namespace fyren::pages
