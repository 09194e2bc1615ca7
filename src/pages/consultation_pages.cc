#include "pages/consultation_pages.h"

#include <string>
#include <utility>

#include "base/swedish_time.h"
#include "http/csrf.h"
#include "pages/person_pages.h"
#include "pages/referral_view.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

constexpr std::string_view kPurpose = "referral";

std::string Field(const http::Request& request, std::string_view name) {
  return http::FormField(request, name).value_or("");
}

std::string ConsultationPath(std::string_view public_id) {
  return "/consultations/" + std::string(public_id);
}

void AddRows(render::View& page, const render::Catalog& t, std::string_view locale,
             const std::vector<referral::ConsultationRow>& rows) {
  for (const referral::ConsultationRow& row : rows) {
    render::View item;
    item.Set("href", ConsultationPath(row.public_id))
        .Set("asked_at", base::FormatSwedishDateTime(row.created_at))
        .Set("unit", locale == "en" ? row.asker_unit_name_en : row.asker_unit_name_sv)
        .Set("state", t.Get(row.answered_at ? "consultation.answered" : "consultation.open"))
        .SetFlag("answered", row.answered_at.has_value());
    page.Append("rows", std::move(item));
  }
  page.SetFlag("has_rows", !rows.empty());
}

}  // namespace

ConsultationPages::ConsultationPages(const render::TemplateSet& templates, SiteInfo site,
                                     const referral::ConsultationService& consultations)
    : frame_(templates, site), errors_(templates, site), consultations_(consultations) {}

http::Response ConsultationPages::RenderList(
    const http::Request& request, int status, std::string_view question,
    std::span<const referral::FieldProblem> problems) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto rows = consultations_.ListMine(*signed_in);
  if (!rows) return PersonFailure(errors_, rows.error(), request, "/consultations");
  const auto centre = consultations_.IsCentreStaff(*signed_in);
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "consultation.list_title", "consultations");
  SetVisitor(page, request);
  AddRows(page, t, locale, *rows);
  page.Set("f_question", std::string(question))
      .SetFlag("is_centre", centre.value_or(false))
      .SetFlag("just_asked", request.QueryParam("done").value_or("") == "asked");
  AddReferralProblems(page, t, problems);
  return NoStore(frame_.Respond(status, "consultation_list", locale, page));
}

http::Response ConsultationPages::List(http::Request& request) const {
  return RenderList(request, 200, "", {});
}

http::Response ConsultationPages::Ask(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const std::string question = Field(request, "question");
  auto asked = consultations_.Ask(*signed_in, question);
  if (!asked) return PersonFailure(errors_, asked.error(), request, "/consultations");
  if (!asked->ok()) return RenderList(request, 422, question, asked->problems);
  return http::Response::Redirect(ConsultationPath(asked->public_id) + "?done=asked");
}

http::Response ConsultationPages::Inbox(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto rows = consultations_.Inbox(*signed_in);
  if (!rows) return PersonFailure(errors_, rows.error(), request, "/consultations/inbox");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "consultation.inbox_title", "consultations");
  SetVisitor(page, request);
  AddRows(page, t, locale, *rows);
  return NoStore(frame_.Respond(200, "consultation_inbox", locale, page));
}

http::Response ConsultationPages::RenderOne(
    const http::Request& request, int status,
    std::span<const referral::FieldProblem> problems) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto found = consultations_.Get(*signed_in, request.PathParam("id"));
  if (!found) return PersonFailure(errors_, found.error(), request, "/consultations");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "consultation.show_title", "consultations");
  SetVisitor(page, request);
  const referral::ConsultationView& c = *found;
  page.Set("href", ConsultationPath(c.public_id))
      .Set("question", c.question)
      .Set("answer", c.answer)
      .SetFlag("answered", c.answered_at.has_value())
      .Set("unit", locale == "en" ? c.asker_unit_name_en : c.asker_unit_name_sv)
      .Set("asked_at", base::FormatSwedishDateTime(c.created_at))
      .Set("answered_by", c.answered_by_display_name)
      .SetFlag("may_answer", c.may_answer)
      .Set("f_answer", Field(request, "answer"));
  if (c.answered_at) page.Set("answered_at", base::FormatSwedishDateTime(*c.answered_at));
  const std::string done = request.QueryParam("done").value_or("");
  if (done == "asked" || done == "answered") {
    page.Set("done_message", t.Get("consultation.done_" + done));
  }
  AddReferralProblems(page, t, problems);
  return NoStore(frame_.Respond(status, "consultation_show", locale, page));
}

http::Response ConsultationPages::Show(http::Request& request) const {
  return RenderOne(request, 200, {});
}

http::Response ConsultationPages::Answer(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto answered =
      consultations_.Answer(*signed_in, request.PathParam("id"), Field(request, "answer"));
  if (!answered) {
    return PersonFailure(errors_, answered.error(), request,
                         ConsultationPath(request.PathParam("id")));
  }
  if (!answered->empty()) return RenderOne(request, 422, *answered);
  return http::Response::Redirect(ConsultationPath(request.PathParam("id")) + "?done=answered");
}

}  // namespace fyren::pages
