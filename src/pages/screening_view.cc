#include "pages/screening_view.h"

#include <cstdio>

#include "base/swedish_time.h"

namespace fyren::pages {
namespace {

// "2026-03-02 11:00" in Swedish local time.
std::string ScreeningMinute(std::int64_t unix_us) {
  const base::SwedishLocalTime t = base::ToSwedishLocal(unix_us);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour,
                t.minute);
  return text;
}

using screening::Action;
using screening::AnswerType;
using screening::Instrument;
using screening::Item;

std::string ScreeningKey(std::string_view prefix, std::string_view code) {
  return std::string(prefix) + std::string(code);
}

std::string ScreeningAnswerOf(const screening::ScreeningInput& input, std::string_view item_id) {
  std::string value;
  for (const auto& answer : input.answers) {
    if (answer.item_id == item_id) value = answer.value;  // the last one wins, as when recorded
  }
  return value;
}

std::string ScreeningOptionLabel(const render::Catalog& t, std::string_view locale,
                                 const Item& item, std::string_view code) {
  for (const auto& option : item.options) {
    if (option.code != code) continue;
    if (item.type == AnswerType::kChoice) return option.label.In(locale);
    return std::string(t.Get(ScreeningKey("screening.answer_", code)));
  }
  return std::string(code);
}

void AddScreeningChoices(render::View& page, const render::Catalog& t, std::string_view key,
                         std::span<const std::string_view> codes, std::string_view chosen,
                         std::string_view label_prefix) {
  for (std::string_view code : codes) {
    render::View choice;
    choice.Set("code", code)
        .Set("label", t.Get(ScreeningKey(label_prefix, code)))
        .SetFlag("checked", code == chosen);
    page.Append(key, std::move(choice));
  }
}

}  // namespace

std::string ScreeningPath(std::string_view public_id) {
  return "/screenings/" + std::string(public_id);
}

std::string ActionHref(Action action, std::string_view screening_id) {
  const std::string id(screening_id);
  switch (action) {
    case Action::kReportOfConcern:
      return "/concerns/new?screening=" + id;
    case Action::kOfferDistrictCoordinator:
      return "/referrals/new?screening=" + id + "&to=district_coordinator";
    case Action::kContactBarnahus:
      return "/referrals/new?screening=" + id + "&to=barnahus";
    case Action::kConsultCompetenceCentre:
      return "/referrals/new?screening=" + id + "&to=competence_centre";
    default:
      return {};
  }
}

void SetQuestionForm(render::View& page, const render::Catalog& t, std::string_view locale,
                     const Instrument& instrument, const screening::ScreeningInput& input,
                     std::span<const screening::AnswerProblem> problems) {
  const auto problem_for = [&](std::string_view field) -> std::string {
    for (const auto& p : problems) {
      if (p.field == field) return std::string(t.Get(ScreeningKey("screening.problem_", p.code)));
    }
    return {};
  };
  page.Set("instrument_id", instrument.id)
      .Set("instrument_title", instrument.title.In(locale))
      .Set("instrument_intro", instrument.intro.In(locale))
      .Set("person", input.person_public_id)
      .SetFlag("anonymous", input.person_public_id.empty());
  for (std::string_view field : {"person", "subject_kind", "age_band", "gender", "setting"}) {
    const std::string message = problem_for(field);
    if (!message.empty()) page.Set(std::string(field) + "_error", message);
  }
  std::vector<std::string_view> kinds;
  for (screening::SubjectKind kind : instrument.subject_kinds) kinds.push_back(ToString(kind));
  const std::string chosen_kind =
      input.subject_kind.empty() ? std::string(kinds.front()) : input.subject_kind;
  AddScreeningChoices(page, t, "subject_kinds", kinds, chosen_kind, "screening.subject_");
  AddScreeningChoices(page, t, "age_bands", screening::AgeBandCodes(), input.age_band,
                      "screening.age_");
  AddScreeningChoices(page, t, "genders", screening::GenderCodes(), input.gender,
                      "screening.gender_");
  AddScreeningChoices(page, t, "settings", screening::SettingCodes(), input.setting,
                      "screening.setting_");

  int number = 0;
  for (const Item& item : instrument.items) {
    ++number;
    const std::string value = ScreeningAnswerOf(input, item.id);
    const std::string error = problem_for(item.id);
    render::View row;
    row.Set("id", item.id)
        .Set("number", std::to_string(number))
        .Set("text", item.text.In(locale))
        .SetFlag("required", item.required)
        .SetFlag("free_text", item.type == AnswerType::kFreeText)
        .Set("value", value);
    if (!error.empty()) row.Set("error", error);
    // Only set when there is a hint: the template's {{#help}} section must not render empty.
    if (!item.help.In(locale).empty()) row.Set("help", item.help.In(locale));
    for (const auto& option : item.options) {
      render::View choice;
      choice.Set("code", option.code)
          .Set("label", ScreeningOptionLabel(t, locale, item, option.code))
          .SetFlag("checked", option.code == value);
      row.Append("options", std::move(choice));
    }
    page.Append("items", std::move(row));
  }
  // The summary lists problems in page order: subject fields first, then the questions.
  for (const auto& p : problems) {
    render::View entry;
    std::string message(t.Get(ScreeningKey("screening.problem_", p.code)));
    if (const auto index = instrument.ItemIndex(p.field)) {
      message = std::string(t.Get("screening.question")) + " " + std::to_string(*index + 1) + ": " +
                message;
    }
    entry.Set("field", p.field.empty() ? std::string("questions") : p.field)
        .Set("message", message);
    page.Append("errors", std::move(entry));
  }
  page.SetFlag("has_errors", !problems.empty());
}

void SetScreening(render::View& page, const render::Catalog& t, std::string_view locale,
                  const screening::ScreeningRecord& record, const Instrument* instrument) {
  const std::string_view level = ToString(record.level);
  page.Set("public_id", record.public_id)
      .Set("level", t.Get(ScreeningKey("screening.level_", level)))
      .Set("level_code", level)
      .Set("subject_kind", t.Get(ScreeningKey("screening.subject_", ToString(record.subject_kind))))
      .Set("recorded_at", ScreeningMinute(record.recorded_at))
      .Set("score", std::to_string(record.score))
      .Set("instrument_title",
           instrument != nullptr ? instrument->title.In(locale) : record.instrument_id);
  if (record.person_public_id) {
    page.Set("person_public_id", *record.person_public_id)
        .Set("person_href", "/persons/" + *record.person_public_id);
  }
  if (record.anonymous) {
    page.SetFlag("anonymous", true)
        .Set("age_band", t.Get(ScreeningKey("screening.age_", record.anonymous->age_band)))
        .Set("gender", t.Get(ScreeningKey("screening.gender_", record.anonymous->gender)))
        .Set("setting", t.Get(ScreeningKey("screening.setting_", record.anonymous->setting)));
  }
  if (instrument == nullptr) return;
  page.SetFlag("version_changed", instrument->version != record.instrument_version);
  for (const auto* r : instrument->RecommendationsFor(record.level)) {
    render::View action;
    action.Set("text", r->text.In(locale));
    const std::string href = ActionHref(r->action, record.public_id);
    if (!href.empty()) {
      action.Set("href", href)
          .Set("link_text", t.Get(ScreeningKey("screening.action_", ToString(r->action))));
    }
    page.Append("recommendations", std::move(action));
  }
  for (const auto& answer : record.answers) {
    const auto index = instrument->ItemIndex(answer.item_id);
    if (!index) continue;
    const Item& item = instrument->items[*index];
    render::View row;
    row.Set("number", std::to_string(*index + 1))
        .Set("text", item.text.In(locale))
        .Set("answer", item.type == AnswerType::kFreeText
                           ? answer.value
                           : ScreeningOptionLabel(t, locale, item, answer.value));
    page.Append("answers", std::move(row));
  }
}

render::View SummaryRow(const render::Catalog& t, const screening::ScreeningSummary& summary,
                        const Instrument* instrument, std::string_view locale) {
  render::View row;
  row.Set("public_id", summary.public_id)
      .Set("href", ScreeningPath(summary.public_id))
      .Set("instrument",
           instrument != nullptr ? instrument->title.In(locale) : summary.instrument_id)
      .Set("level", t.Get(ScreeningKey("screening.level_", ToString(summary.level))))
      .Set("level_code", ToString(summary.level))
      .Set("subject_kind",
           t.Get(ScreeningKey("screening.subject_", ToString(summary.subject_kind))))
      .Set("recorded_at", ScreeningMinute(summary.recorded_at))
      .Set("person", summary.person_public_id.value_or(""))
      .SetFlag("anonymous", !summary.person_public_id.has_value());
  return row;
}

}  // namespace fyren::pages
