#include "pages/sip_pages.h"

#include <charconv>

#include "base/swedish_time.h"
#include "http/csrf.h"
#include "pages/person_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"
#include "pages/sip_view.h"

namespace fyren::pages {
namespace {

constexpr std::string_view kPurpose = "case_work";

std::string CaseHref(const http::Request& request) {
  return "/cases/" + std::string(request.PathParam("id"));
}

std::optional<std::int64_t> Number(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

void SetHeading(render::View& page, const sip::CaseHeading& heading, std::string_view href) {
  page.Set("case_number", heading.case_number)
      .Set("case_href", href)
      .Set("sip_href", std::string(href) + "/sip")
      .SetFlag("case_open", heading.case_open)
      .SetFlag("protected_identity", heading.protected_identity);
}

}  // namespace

SipPages::SipPages(const render::TemplateSet& templates, SiteInfo site, const sip::SipService& sips,
                   const sip::InterventionCatalogue& catalogue)
    : frame_(templates, site), errors_(templates, site), sips_(sips), catalogue_(catalogue) {}

http::Response SipPages::Show(http::Request& request) const {
  return RenderShow(request, 200, {}, {});
}

http::Response SipPages::RenderShow(http::Request& request, int status,
                                    const sip::FollowUpInput& followup,
                                    std::span<const sip::FieldProblem> problems) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const auto locale = PageFrame::Locale(request.locale);
  // The parts rendered before for this plan as it is now, if any: then the service need not
  // open it again. A form that comes back with an intervention chosen shows that choice, so its
  // parts are made for it alone.
  const bool keepable = followup.intervention_key.empty();
  std::shared_ptr<const SipSections> sections;
  auto view = sips_.Get(*signed_in, request.PathParam("id"), [&](const sip::SipPageKey& key) {
    if (keepable) sections = sections_.Find(key, locale);
    return sections == nullptr;
  });
  if (!view) return PersonFailure(errors_, view.error(), request, "/cases");
  const std::string href = CaseHref(request);
  if (view->exists && sections == nullptr) {
    SipSections made = RenderSections(*view, locale, href, followup.intervention_key);
    sections = keepable ? sections_.Store(view->page_key, locale, std::move(made))
                        : std::make_shared<const SipSections>(std::move(made));
  }
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "sip.show_title", "cases");
  SetVisitor(page, request);
  SetHeading(page, view->heading, href);
  page.SetFlag("exists", view->exists).Set("version", std::to_string(view->version));
  if (sections != nullptr) {
    // Rendered by the escaping template set, so the text is safe HTML as it is.
    page.SetHtml("trusted_html_plan", render::TrustedHtml::FromEscaped(sections->plan))
        .SetHtml("trusted_html_followups", render::TrustedHtml::FromEscaped(sections->followups))
        .SetHtml("trusted_html_followup_options",
                 render::TrustedHtml::FromEscaped(sections->followup_options))
        .SetHtml("trusted_html_revisions", render::TrustedHtml::FromEscaped(sections->revisions));
  }
  page.Set("f_held_on", followup.held_on).Set("f_outcome", followup.outcome);
  for (const sip::FieldProblem& p : problems) {
    page.Set("followup_" + p.field + "_error",
             frame_.catalog(locale).Contains("sip.problem." + p.reason)
                 ? std::string(t.Get("sip.problem." + p.reason))
                 : p.message);
  }
  AddSipProblems(page, t, problems);
  if (request.QueryParam("done").value_or("") == "saved") {
    page.Set("done_message", t.Get("sip.done_saved"));
  } else if (request.QueryParam("done").value_or("") == "followup") {
    page.Set("done_message", t.Get("sip.done_followup"));
  }
  return NoStore(frame_.Respond(status, "sip_show", locale, page));
}

SipSections SipPages::RenderSections(const sip::SipView& view, std::string_view locale,
                                     std::string_view case_href,
                                     std::string_view selected_intervention) const {
  const auto& t = frame_.catalog(locale);
  render::View parts;
  parts.SetChild("plan", PlanValues(t, locale, catalogue_, view.organisations, view.plan));
  SetHistory(parts, t, locale, catalogue_, view, case_href);
  for (const sip::Intervention& i : view.plan.interventions) {
    render::View option;
    const sip::CatalogueEntry* entry = catalogue_.Find(i.catalogue_code);
    option.Set("value", i.key)
        .Set("label", entry == nullptr ? i.catalogue_code : std::string(entry->Name(locale)))
        .SetFlag("selected", i.key == selected_intervention);
    parts.Append("followup_options", std::move(option));
  }
  return SipSections{
      .plan = frame_.RenderBody("sip_show_plan", locale, parts),
      .followups = frame_.RenderBody("sip_show_followups", locale, parts),
      .followup_options = frame_.RenderBody("sip_show_followup_options", locale, parts),
      .revisions = frame_.RenderBody("sip_show_revisions", locale, parts)};
}

http::Response SipPages::RenderEditor(http::Request& request, int status, const sip::SipView& view,
                                      const sip::PlanDocument& plan, std::int64_t version,
                                      std::string_view change_note, std::string_view add,
                                      const sip::SaveOutcome* outcome) const {
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "sip.edit_title", "cases");
  SetVisitor(page, request);
  const std::string href = CaseHref(request);
  SetHeading(page, view.heading, href);
  page.Set("action", href + "/sip/edit")
      .Set("version", std::to_string(version))
      .Set("change_note", change_note);
  std::span<const sip::FieldProblem> problems;
  if (outcome != nullptr) problems = outcome->problems;
  SetEditor(page, t, locale, catalogue_, view.organisations, plan, add, problems);
  AddSipProblems(page, t, problems);
  if (outcome != nullptr && outcome->status == sip::SaveStatus::kGuard) {
    SetGuard(page, t, locale, catalogue_, view.organisations, plan, outcome->events);
  }
  if (outcome != nullptr && outcome->status == sip::SaveStatus::kConflict) {
    page.SetFlag("conflict", true)
        .SetChild("current_plan",
                  PlanValues(t, locale, catalogue_, view.organisations, outcome->current))
        .SetChild("submitted_plan",
                  PlanValues(t, locale, catalogue_, view.organisations, outcome->submitted));
  }
  return NoStore(frame_.Respond(status, "sip_edit", locale, page));
}

http::Response SipPages::Edit(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto view = sips_.Get(*signed_in, request.PathParam("id"));
  if (!view) return PersonFailure(errors_, view.error(), request, "/cases");
  return RenderEditor(request, 200, *view, view->plan, view->version, "", "", nullptr);
}

http::Response SipPages::Save(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const SipForm form = SipFormFromRequest(request);
  // "Add another": nothing is saved; the form comes back with what was typed and a spare row.
  // The plan is read for the heading and the choices (and that read is audited).
  auto view = sips_.Get(*signed_in, request.PathParam("id"));
  if (!view) return PersonFailure(errors_, view.error(), request, "/cases");
  if (!form.add.empty()) {
    return RenderEditor(request, 200, *view, form.input.document, form.input.expected_version,
                        form.input.change_note, form.add, nullptr);
  }
  auto saved = sips_.Save(*signed_in, request.PathParam("id"), form.input);
  if (!saved) {
    if (saved.error().code != base::ErrorCode::kConflict) {
      return PersonFailure(errors_, saved.error(), request, "/cases");
    }
    // Two first saves raced: show the stored plan beside the user's.
    auto again = sips_.Get(*signed_in, request.PathParam("id"));
    if (!again) return PersonFailure(errors_, again.error(), request, "/cases");
    sip::SaveOutcome conflict{.status = sip::SaveStatus::kConflict,
                              .problems = {},
                              .events = {},
                              .submitted = form.input.document,
                              .version = again->version,
                              .revision = again->revision,
                              .current = again->plan};
    return RenderEditor(request, 409, *again, form.input.document, again->version,
                        form.input.change_note, "", &conflict);
  }
  switch (saved->status) {
    case sip::SaveStatus::kSaved:
      return http::Response::Redirect(CaseHref(request) + "/sip?done=saved");
    case sip::SaveStatus::kProblems:
      return RenderEditor(request, 422, *view, saved->submitted, form.input.expected_version,
                          form.input.change_note, "", &*saved);
    case sip::SaveStatus::kGuard:
      return RenderEditor(request, 200, *view, saved->submitted, form.input.expected_version,
                          form.input.change_note, "", &*saved);
    case sip::SaveStatus::kConflict:
      // The user's input stays in the form, now on top of the stored version, so saving again
      // is a deliberate choice after comparing the two.
      return RenderEditor(request, 409, *view, saved->submitted, saved->version,
                          form.input.change_note, "", &*saved);
  }
  return PersonFailure(
      errors_,
      base::Error{.code = base::ErrorCode::kInternal, .message = {}, .detail = {}, .field = {}},
      request, "/");
}

http::Response SipPages::Revision(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const auto number = Number(request.PathParam("rev"));
  if (!number) {
    return PersonFailure(errors_,
                         base::Error{.code = base::ErrorCode::kNotFound,
                                     .message = "No such revision of the plan.",
                                     .detail = {},
                                     .field = {}},
                         request, "/");
  }
  auto revision = sips_.GetRevision(*signed_in, request.PathParam("id"), *number);
  if (!revision) return PersonFailure(errors_, revision.error(), request, "/cases");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "sip.revision_title", "cases");
  SetVisitor(page, request);
  SetHeading(page, revision->heading, CaseHref(request));
  page.Set("revision", std::to_string(revision->summary.revision))
      .Set("saved_by", revision->summary.saved_by_name)
      .Set("saved_at", base::FormatSwedishDateTime(revision->summary.saved_at))
      .Set("change_note", revision->summary.change_note)
      .SetChild("plan", PlanValues(t, locale, catalogue_, revision->organisations, revision->plan));
  return NoStore(frame_.Respond(200, "sip_revision", locale, page));
}

http::Response SipPages::Compare(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const auto from = Number(request.QueryParam("from").value_or(""));
  const auto to = Number(request.QueryParam("to").value_or(""));
  if (!from || !to) {
    // Access is decided before the query is: a case out of scope is the same 404 either way;
    // in scope, the plan page lists the revisions to compare.
    auto view = sips_.Get(*signed_in, request.PathParam("id"));
    if (!view) return PersonFailure(errors_, view.error(), request, "/cases");
    return http::Response::Redirect(CaseHref(request) + "/sip");
  }
  auto compared = sips_.Compare(*signed_in, request.PathParam("id"), *from, *to);
  if (!compared) return PersonFailure(errors_, compared.error(), request, "/cases");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "sip.compare_title", "cases");
  SetVisitor(page, request);
  SetHeading(page, compared->heading, CaseHref(request));
  page.Set("from", std::to_string(*from)).Set("to", std::to_string(*to));
  SetDiff(page, t, locale, catalogue_, *compared);
  return NoStore(frame_.Respond(200, "sip_compare", locale, page));
}

http::Response SipPages::Print(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto view = sips_.Print(*signed_in, request.PathParam("id"));
  if (!view && view.error().field == "protected_identity") {
    // Staff named for the person may read the plan but never print it: say so on the page.
    const auto locale = PageFrame::Locale(request.locale);
    render::View page = frame_.NewPage(locale, "sip.print_title", "cases");
    SetVisitor(page, request);
    page.Set("sip_href", CaseHref(request) + "/sip").SetFlag("print_blocked", true);
    return NoStore(frame_.Respond(200, "sip_print", locale, page));
  }
  if (!view) return PersonFailure(errors_, view.error(), request, "/cases");
  // The person chooses the language of their copy; the page's own language otherwise.
  const auto locale =
      PageFrame::Locale(request.QueryParam("lang").value_or(std::string(request.locale)));
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "sip.print_title", "cases");
  SetVisitor(page, request);
  SetHeading(page, view->heading, CaseHref(request));
  page.SetFlag("exists", view->exists)
      .Set("lang", locale)
      .SetChild("plan", PlanValues(t, locale, catalogue_, view->organisations, view->plan));
  return NoStore(frame_.Respond(200, "sip_print", locale, page));
}

http::Response SipPages::FollowUp(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const sip::FollowUpInput input{
      .held_on = http::FormField(request, "held_on").value_or(""),
      .intervention_key = http::FormField(request, "intervention_key").value_or(""),
      .outcome = http::FormField(request, "outcome").value_or("")};
  auto added = sips_.AddFollowUp(*signed_in, request.PathParam("id"), input);
  if (!added) {
    if (added.error().code != base::ErrorCode::kInvalidInput) {
      return PersonFailure(errors_, added.error(), request, "/cases");
    }
    const sip::FieldProblem problem{.field = "plan",
                                    .code = "plan.missing",
                                    .reason = "plan_missing",
                                    .message = added.error().message};
    return RenderShow(request, 422, input, std::span(&problem, 1));
  }
  if (!added->empty()) return RenderShow(request, 422, input, *added);
  return http::Response::Redirect(CaseHref(request) + "/sip?done=followup");
}

}  // namespace fyren::pages
