#include "pages/concern_intake_pages.h"

#include <array>
#include <charconv>
#include <string>
#include <utility>

#include "base/swedish_time.h"
#include "http/csrf.h"
#include "pages/concern_view.h"
#include "pages/person_pages.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

constexpr std::string_view kPurpose = "case_work";

constexpr std::array kStatuses = {
    concern::ReportStatus::kNew,       concern::ReportStatus::kReceived,
    concern::ReportStatus::kAssessed,  concern::ReportStatus::kInvestigating,
    concern::ReportStatus::kNotOpened, concern::ReportStatus::kClosed};

constexpr std::array<std::string_view, 4> kDoneCodes = {"assessed", "decided", "closed",
                                                        "conflict"};

std::string Field(const http::Request& request, std::string_view name) {
  return http::FormField(request, name).value_or("");
}

std::int64_t Number(std::string_view text, std::int64_t fallback) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return fallback;
  return value;
}

std::string ReportPath(std::string_view public_id) { return "/intake/" + std::string(public_id); }

// The queue link for `page` with the current filter kept.
std::string QueueLink(const concern::QueueFilter& filter, int page) {
  std::string link = "/intake?page=" + std::to_string(page);
  if (filter.status) link += "&status=" + std::string(concern::ToString(*filter.status));
  if (filter.overdue_only) link += "&overdue=yes";
  return link;
}

}  // namespace

ConcernIntakePages::ConcernIntakePages(const render::TemplateSet& templates, SiteInfo site,
                                       const concern::ConcernService& concerns)
    : frame_(templates, site), errors_(templates, site), concerns_(concerns) {}

http::Response ConcernIntakePages::Queue(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  concern::QueueFilter filter;
  filter.status = concern::ParseReportStatus(request.QueryParam("status").value_or(""));
  filter.overdue_only = request.QueryParam("overdue").value_or("") == "yes";
  filter.page = static_cast<int>(Number(request.QueryParam("page").value_or("1"), 1));
  const auto locale = PageFrame::Locale(request.locale);
  // The rows rendered before for this version of the page, if any: then the service need not
  // make them again.
  std::shared_ptr<const std::string> rows_html;
  auto queue = concerns_.Queue(*signed_in, filter, [&](std::uint64_t version) {
    rows_html = queue_rows_.Find(version, locale);
    return rows_html == nullptr;
  });
  if (!queue) return PersonFailure(errors_, queue.error(), request, "/intake");
  if (rows_html == nullptr) rows_html = QueueRows(*queue, locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "concern.queue_title", "intake");
  SetVisitor(page, request);
  for (const concern::ReportStatus status : kStatuses) {
    render::View option;
    option.Set("code", concern::ToString(status))
        .Set("name", StatusText(t, status))
        .SetFlag("selected", filter.status == status);
    page.Append("status_options", std::move(option));
  }
  page.SetFlag("overdue_only", filter.overdue_only)
      .Set("total", std::to_string(queue->total))
      .Set("overdue_count", std::to_string(queue->overdue_count))
      .Set("escalated_count", std::to_string(queue->escalated_count))
      .SetFlag("has_overdue", queue->overdue_count > 0)
      .SetFlag("has_escalated", queue->escalated_count > 0)
      .SetFlag("has_rows", !queue->rows.empty())
      .Set("page", std::to_string(queue->page))
      .Set("pages", std::to_string(queue->pages))
      .SetFlag("paged", queue->pages > 1);
  if (queue->page > 1) page.Set("previous_href", QueueLink(filter, queue->page - 1));
  if (queue->page < queue->pages) page.Set("next_href", QueueLink(filter, queue->page + 1));
  page.SetHtml("trusted_html_rows", render::TrustedHtml::FromEscaped(*rows_html));
  return NoStore(frame_.Respond(200, "intake_queue", locale, page));
}

std::shared_ptr<const std::string> ConcernIntakePages::QueueRows(const concern::QueuePage& queue,
                                                                 std::string_view locale) const {
  const auto& t = frame_.catalog(locale);
  render::View rows;
  for (const concern::QueueRow& row : queue.rows) {
    render::View item;
    item.Set("href", ReportPath(row.public_id))
        .Set("reference", row.reference)
        .Set("received_at", base::FormatSwedishDateTime(row.received_at))
        .Set("district", row.district)
        .Set("child", t.Get(row.child_known ? "concern.child_known" : "concern.child_unknown"))
        .Set("status", StatusText(t, row.status))
        .SetFlag("is_new", row.status == concern::ReportStatus::kNew)
        .SetFlag("overdue", row.overdue)
        .SetFlag("escalated", row.escalated);
    AddDeadlines(item, t, locale, row.deadlines);
    rows.Append("rows", std::move(item));
  }
  // Rendered by the escaping template set, so the text is safe HTML as it is.
  return queue_rows_.Store(queue.rows_version, locale,
                           frame_.RenderBody("intake_queue_rows", locale, rows));
}

http::Response ConcernIntakePages::RenderReport(
    const http::Request& request, int status,
    std::span<const concern::FieldProblem> problems) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto record = concerns_.Open(*signed_in, request.PathParam("id"));
  if (!record) return PersonFailure(errors_, record.error(), request, "/intake");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "concern.report_title", "intake");
  SetVisitor(page, request);
  const concern::ReportRecord& r = *record;
  page.Set("href", ReportPath(r.public_id))
      .Set("public_id", r.public_id)
      .Set("reference", r.reference)
      .Set("status", StatusText(t, r.status))
      .Set("district", r.district)
      .Set("received_at", base::FormatSwedishDateTime(r.received_at))
      .SetFlag("child_known", r.child_known)
      .Set("child_name", r.child_name)
      .Set("child_description", r.child_description)
      .Set("concern_text", r.concern_text)
      .Set("reporter", r.reporter_display_name)
      .Set("reporter_unit", locale == "en" ? r.reporter_unit_name_en : r.reporter_unit_name_sv)
      .Set("reporter_contact", r.reporter_contact)
      .SetFlag("from_screening", !r.screening_public_id.empty())
      .Set("screening", r.screening_public_id)
      .Set("version", std::to_string(r.version))
      .SetFlag("overdue", r.overdue)
      .SetFlag("escalated", r.escalated)
      .SetFlag("may_assess", !r.assessed_at && !r.closed_at)
      .SetFlag("may_decide", r.assessed_at && !r.decision && !r.closed_at)
      .SetFlag("may_close", r.decision && !r.closed_at)
      .Set("f_note", Field(request, "note"))
      .Set("f_decision_date", Field(request, "decision_date"));
  if (r.assessment_outcome) {
    page.Set("assessment_outcome",
             t.Get("concern.outcome." + std::string(concern::ToString(*r.assessment_outcome))))
        .Set("assessment_note", r.assessment_note)
        .Set("assessed_at", base::FormatSwedishDateTime(r.assessed_at.value_or(0)));
  }
  if (r.decision) {
    page.Set("decision", t.Get("concern.decision." + std::string(concern::ToString(*r.decision))))
        .Set("decision_date", r.decision_date);
  }
  if (r.closed_at) page.Set("closed_at", base::FormatSwedishDateTime(*r.closed_at));
  const std::string chosen_outcome = Field(request, "outcome");
  for (const std::string_view code : {"immediate_protection", "no_immediate_protection"}) {
    render::View option;
    option.Set("code", code)
        .Set("name", t.Get("concern.outcome." + std::string(code)))
        .SetFlag("checked", chosen_outcome == code);
    page.Append("outcome_options", std::move(option));
  }
  const std::string chosen_decision = Field(request, "decision");
  for (const std::string_view code : {"open_investigation", "no_investigation"}) {
    render::View option;
    option.Set("code", code)
        .Set("name", t.Get("concern.decision." + std::string(code)))
        .SetFlag("checked", chosen_decision == code);
    page.Append("decision_options", std::move(option));
  }
  AddDeadlines(page, t, locale, r.deadlines);
  for (const concern::ReportEvent& event : r.events) {
    render::View row;
    row.Set("what", t.Get("concern.event." + event.kind))
        .Set("who", event.user_display_name)
        .Set("when", base::FormatSwedishDateTime(event.occurred_at));
    page.Append("events", std::move(row));
  }
  const std::string done = request.QueryParam("done").value_or("");
  for (const std::string_view code : kDoneCodes) {
    if (done == code) page.Set("done_message", t.Get("concern.done_" + done));
  }
  AddConcernProblems(page, t, problems);
  return NoStore(frame_.Respond(status, "intake_report", locale, page));
}

http::Response ConcernIntakePages::Show(http::Request& request) const {
  return RenderReport(request, 200, {});
}

http::Response ConcernIntakePages::AfterChange(
    const http::Request& request, const base::Result<std::vector<concern::FieldProblem>>& changed,
    std::string_view done) const {
  const std::string path = ReportPath(request.PathParam("id"));
  if (!changed) {
    // Someone else changed the report: show it as it is now, and say so.
    if (changed.error().code == base::ErrorCode::kConflict) {
      return http::Response::Redirect(path + "?done=conflict");
    }
    return PersonFailure(errors_, changed.error(), request, path);
  }
  if (!changed->empty()) return RenderReport(request, 422, *changed);
  return http::Response::Redirect(path + "?done=" + std::string(done));
}

http::Response ConcernIntakePages::Assess(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const concern::AssessmentInput input{.outcome = Field(request, "outcome"),
                                       .note = Field(request, "note"),
                                       .expected_version = Number(Field(request, "version"), 0)};
  return AfterChange(
      request, concerns_.RecordAssessment(*signed_in, request.PathParam("id"), input), "assessed");
}

http::Response ConcernIntakePages::Decide(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const concern::DecisionInput input{.decision = Field(request, "decision"),
                                     .decision_date = Field(request, "decision_date"),
                                     .expected_version = Number(Field(request, "version"), 0)};
  return AfterChange(request, concerns_.RecordDecision(*signed_in, request.PathParam("id"), input),
                     "decided");
}

http::Response ConcernIntakePages::Close(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  return AfterChange(
      request,
      concerns_.Close(*signed_in, request.PathParam("id"), Number(Field(request, "version"), 0)),
      "closed");
}

}  // namespace fyren::pages
