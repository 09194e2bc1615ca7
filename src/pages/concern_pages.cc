#include "pages/concern_pages.h"

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "base/random.h"
#include "base/swedish_time.h"
#include "http/csrf.h"
#include "pages/concern_view.h"
#include "pages/person_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

// Why reports are written and receipts read (the audit log's purpose).
constexpr std::string_view kPurpose = "referral";

std::string Field(const http::Request& request, std::string_view name) {
  return http::FormField(request, name).value_or("");
}

concern::ReportInput InputFromForm(const http::Request& request) {
  return concern::ReportInput{.district = Field(request, "district"),
                              .committee = Field(request, "committee"),
                              .child_name = Field(request, "child_name"),
                              .child_description = Field(request, "child_description"),
                              .concern_text = Field(request, "concern_text"),
                              .reporter_phone = Field(request, "reporter_phone"),
                              .reporter_email = Field(request, "reporter_email"),
                              .screening_public_id = Field(request, "screening")};
}

// `text` with each "{name}" replaced by its value.
std::string Fill(std::string_view text,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out(text);
  for (const auto& [name, value] : values) {
    const std::string marker = "{" + std::string(name) + "}";
    for (auto at = out.find(marker); at != std::string::npos; at = out.find(marker, at)) {
      out.replace(at, marker.size(), value);
      at += value.size();
    }
  }
  return out;
}

std::string LevelText(const render::Catalog& t, screening::Level level) {
  return std::string(t.Get("screening.level_" + std::string(screening::ToString(level))));
}

}  // namespace

ConcernPages::ConcernPages(const render::TemplateSet& templates, SiteInfo site,
                           const concern::ConcernService& concerns,
                           const screening::ScreeningService& screenings)
    : frame_(templates, site),
      errors_(templates, site),
      concerns_(concerns),
      screenings_(screenings) {}

base::Result<std::optional<screening::ScreeningOutline>> ConcernPages::OutlineOf(
    const trust::Actor& actor, std::string_view public_id) const {
  if (public_id.empty() || !base::IsPublicId(public_id)) {
    return std::optional<screening::ScreeningOutline>();
  }
  auto outline = screenings_.Outline(actor, public_id);
  if (!outline) {
    const base::ErrorCode code = outline.error().code;
    if (code == base::ErrorCode::kNotFound || code == base::ErrorCode::kForbidden) {
      return std::optional<screening::ScreeningOutline>();
    }
    return std::unexpected(outline.error());
  }
  return std::optional(std::move(*outline));
}

std::string ConcernPages::InstrumentTitle(const screening::ScreeningOutline& outline,
                                          std::string_view locale) const {
  const auto* loaded = screenings_.instruments().Find(outline.instrument_id);
  return loaded != nullptr ? std::string(loaded->instrument.title.In(locale))
                           : outline.instrument_id;
}

http::Response ConcernPages::RenderForm(const http::Request& request, int status,
                                        const concern::ReportInput& input,
                                        std::span<const concern::FieldProblem> problems,
                                        const screening::ScreeningOutline* outline) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto choices = concerns_.Choices(*signed_in);
  if (!choices) return PersonFailure(errors_, choices.error(), request, "/concerns/new");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "concern.new_title", "concerns");
  SetVisitor(page, request);
  for (const concern::District& district : choices->districts) {
    render::View option;
    option.Set("code", district.code)
        .Set("name", district.name)
        .SetFlag("selected", district.code == input.district);
    page.Append("districts", std::move(option));
  }
  for (const concern::Committee& committee : choices->committees) {
    render::View option;
    option.Set("code", committee.code)
        .Set("name", locale == "en" ? committee.name_en : committee.name_sv)
        .SetFlag("selected", committee.code == input.committee);
    page.Append("committees", std::move(option));
  }
  page.Set("f_child_name", input.child_name)
      .Set("f_child_description", input.child_description)
      .Set("f_concern_text", input.concern_text)
      .Set("f_reporter_phone", input.reporter_phone)
      .Set("f_reporter_email", input.reporter_email)
      .Set("screening", outline != nullptr ? outline->public_id : std::string())
      .SetFlag("from_screening", outline != nullptr);
  if (outline != nullptr) {
    page.Set("screening_title", InstrumentTitle(*outline, locale))
        .Set("screening_level", LevelText(t, outline->level))
        .Set("screening_level_code", screening::ToString(outline->level));
  }
  AddConcernProblems(page, t, problems);
  return NoStore(frame_.Respond(status, "concern_new", locale, page));
}

http::Response ConcernPages::New(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  // A screening's page links here. What the reporter may read of it is named on the form and
  // starts the text; its id is kept with the report (the screening module's service decides what
  // of it anyone else may see).
  auto outline = OutlineOf(*signed_in, request.QueryParam("screening").value_or(""));
  if (!outline) return PersonFailure(errors_, outline.error(), request, "/concerns/new");
  concern::ReportInput input;
  if (*outline) {
    const screening::ScreeningOutline& from = **outline;
    const auto locale = PageFrame::Locale(request.locale);
    const auto& t = frame_.catalog(locale);
    input.screening_public_id = from.public_id;
    input.concern_text =
        Fill(t.Get("concern.prefill_from_screening"),
             {{"instrument", InstrumentTitle(from, locale)}, {"level", LevelText(t, from.level)}}) +
        "\n\n";
    if (from.anonymous) {
      input.child_description =
          Fill(t.Get("concern.prefill_anonymous_child"),
               {{"age", t.Get("screening.age_" + from.anonymous->age_band)},
                {"gender", t.Get("screening.gender_" + from.anonymous->gender)},
                {"setting", t.Get("screening.setting_" + from.anonymous->setting)}});
    }
  }
  return RenderForm(request, 200, input, {}, outline->has_value() ? &**outline : nullptr);
}

http::Response ConcernPages::Submit(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const concern::ReportInput input = InputFromForm(request);
  auto sent = concerns_.Submit(*signed_in, input);
  if (!sent) return PersonFailure(errors_, sent.error(), request, "/concerns/new");
  if (!sent->ok()) {
    auto outline = OutlineOf(*signed_in, input.screening_public_id);
    if (!outline) return PersonFailure(errors_, outline.error(), request, "/concerns/new");
    return RenderForm(request, 422, input, sent->problems,
                      outline->has_value() ? &**outline : nullptr);
  }
  return http::Response::Redirect("/concerns/receipts/" + sent->public_id + "?done=sent");
}

http::Response ConcernPages::Receipt(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto receipt = concerns_.GetReceipt(*signed_in, request.PathParam("ref"));
  if (!receipt) return PersonFailure(errors_, receipt.error(), request, "/");
  const auto locale = PageFrame::Locale(request.locale);
  render::View page = frame_.NewPage(locale, "concern.receipt_title", "concerns");
  SetVisitor(page, request);
  page.Set("reference", receipt->reference)
      .Set("committee", locale == "en" ? receipt->committee_name_en : receipt->committee_name_sv)
      .Set("received_at", base::FormatSwedishDateTime(receipt->received_at))
      .SetFlag("just_sent", request.QueryParam("done").value_or("") == "sent")
      .SetFlag("opened", receipt->intake_opened_at.has_value());
  if (receipt->intake_opened_at) {
    page.Set("opened_at", base::FormatSwedishDateTime(*receipt->intake_opened_at));
  }
  return NoStore(frame_.Respond(200, "concern_receipt", locale, page));
}

}  // namespace fyren::pages
