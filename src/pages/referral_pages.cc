#include "pages/referral_pages.h"

#include <algorithm>
#include <array>
#include <charconv>
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

constexpr std::array<std::string_view, 3> kDoneCodes = {"sent", "status", "conflict"};

std::string Field(const http::Request& request, std::string_view name) {
  return http::FormField(request, name).value_or("");
}

std::int64_t Number(std::string_view text, std::int64_t fallback) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return fallback;
  return value;
}

std::string ReferralPath(std::string_view public_id) {
  return "/referrals/" + std::string(public_id);
}

// The screening result page links with ?to=<who>; the form speaks in kinds.
std::string KindForDestination(std::string_view to) {
  if (to == "district_coordinator") return "adult_support";
  if (to == "barnahus") return "child_abuse";
  if (to == "competence_centre") return "consultation";
  if (to == "partner") return "partner_support";
  return {};
}

referral::ReferralInput InputFromForm(const http::Request& request) {
  return referral::ReferralInput{.kind = Field(request, "kind"),
                                 .recipient = Field(request, "recipient"),
                                 .source_kind = Field(request, "source_kind"),
                                 .source_id = Field(request, "source_id"),
                                 .message = Field(request, "message"),
                                 .person_summary = Field(request, "person_summary")};
}

void AddRows(render::View& page, std::string_view key, const render::Catalog& t,
             std::string_view locale, const std::vector<referral::ReferralRow>& rows) {
  for (const referral::ReferralRow& row : rows) {
    render::View item;
    item.Set("href", ReferralPath(row.public_id))
        .Set("created_at", base::FormatSwedishDateTime(row.created_at))
        .Set("updated_at", base::FormatSwedishDateTime(row.updated_at))
        .Set("kind", KindText(t, row.kind))
        .Set("status", ReferralStatusText(t, row.status))
        .Set("status_code", referral::ToString(row.status))
        .Set("counterpart", locale == "en" ? row.counterpart_name_en : row.counterpart_name_sv);
    page.Append(key, std::move(item));
  }
}

}  // namespace

ReferralPages::ReferralPages(const render::TemplateSet& templates, SiteInfo site,
                             const referral::ReferralService& referrals)
    : frame_(templates, site), errors_(templates, site), referrals_(referrals) {}

http::Response ReferralPages::List(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto lists = referrals_.List(*signed_in);
  if (!lists) return PersonFailure(errors_, lists.error(), request, "/referrals");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "referral.list_title", "referrals");
  SetVisitor(page, request);
  AddRows(page, "received", t, locale, lists->received);
  AddRows(page, "sent", t, locale, lists->sent);
  page.SetFlag("has_received", !lists->received.empty()).SetFlag("has_sent", !lists->sent.empty());
  return NoStore(frame_.Respond(200, "referral_list", locale, page));
}

http::Response ReferralPages::RenderForm(const http::Request& request, int status,
                                         const referral::ReferralInput& input,
                                         std::span<const referral::FieldProblem> problems) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto recipients = referrals_.Recipients(*signed_in, std::nullopt);
  if (!recipients) return PersonFailure(errors_, recipients.error(), request, "/referrals/new");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "referral.new_title", "referrals");
  SetVisitor(page, request);
  const auto chosen_kind = referral::ParseKind(input.kind);
  std::string recipient_name;
  for (const referral::Kind kind : referral::AllKinds()) {
    render::View option;
    option.Set("code", referral::ToString(kind))
        .Set("name", KindText(t, kind))
        .Set("hint", t.Get("referral.kind_hint." + std::string(referral::ToString(kind))))
        .SetFlag("checked", chosen_kind == kind);
    page.Append("kinds", std::move(option));
    // The recipients grouped by the kinds they take; with a kind chosen, only that group.
    if (chosen_kind && *chosen_kind != kind) continue;
    render::View group;
    group.Set("label", KindText(t, kind));
    bool any = false;
    for (const referral::Recipient& r : *recipients) {
      if (std::ranges::find(r.kinds, kind) == r.kinds.end()) continue;
      render::View item;
      item.Set("code", r.code)
          .Set("name", locale == "en" ? r.name_en : r.name_sv)
          .SetFlag("selected", r.code == input.recipient);
      group.Append("recipients", std::move(item));
      any = true;
    }
    if (any) page.Append("recipient_groups", std::move(group));
  }
  for (const referral::Recipient& r : *recipients) {
    if (r.code == input.recipient) recipient_name = locale == "en" ? r.name_en : r.name_sv;
  }
  const auto source_kind = referral::ParseSourceKind(input.source_kind);
  const bool has_source = source_kind && *source_kind != referral::SourceKind::kNone;
  page.Set("source_kind", input.source_kind)
      .Set("source_id", input.source_id)
      .SetFlag("has_source", has_source)
      .Set("f_message", input.message)
      .Set("f_person_summary", input.person_summary);
  if (has_source) {
    page.Set("source_text",
             t.Get("referral.source." + std::string(referral::ToString(*source_kind))));
  }
  AddReferralProblems(page, t, problems, recipient_name);
  return NoStore(frame_.Respond(status, "referral_new", locale, page));
}

http::Response ReferralPages::New(http::Request& request) const {
  referral::ReferralInput input;
  input.kind = KindForDestination(request.QueryParam("to").value_or(""));
  if (input.kind.empty()) input.kind = request.QueryParam("kind").value_or("");
  // The source's id travels as given; ReferralService asks the owning module whether the sender
  // may read it when the form is sent.
  for (const std::string_view source : {"screening", "case", "report"}) {
    if (auto id = request.QueryParam(source); id && !id->empty()) {
      input.source_kind = std::string(source);
      input.source_id = *id;
    }
  }
  return RenderForm(request, 200, input, {});
}

http::Response ReferralPages::Send(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const referral::ReferralInput input = InputFromForm(request);
  auto sent = referrals_.Send(*signed_in, input);
  if (!sent) return PersonFailure(errors_, sent.error(), request, "/referrals/new");
  if (!sent->ok()) return RenderForm(request, 422, input, sent->problems);
  return http::Response::Redirect(ReferralPath(sent->public_id) + "?done=sent");
}

http::Response ReferralPages::RenderReferral(
    const http::Request& request, int status,
    std::span<const referral::FieldProblem> problems) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  auto opened = referrals_.Open(*signed_in, request.PathParam("id"));
  if (!opened) return PersonFailure(errors_, opened.error(), request, "/referrals");
  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "referral.show_title", "referrals");
  SetVisitor(page, request);
  const referral::ReferralView& r = *opened;
  const bool recipient = r.side == referral::Side::kRecipient;
  page.Set("href", ReferralPath(r.public_id))
      .Set("kind", KindText(t, r.kind))
      .Set("status", ReferralStatusText(t, r.status))
      .Set("status_code", referral::ToString(r.status))
      .Set("sender", r.sender_display_name)
      .Set("sender_unit", locale == "en" ? r.sender_unit_name_en : r.sender_unit_name_sv)
      .Set("recipient", locale == "en" ? r.recipient_name_en : r.recipient_name_sv)
      .Set("message", r.message)
      .Set("person_summary", r.person_summary)
      .SetFlag("has_summary", !r.person_summary.empty())
      .Set("decline_reason", r.decline_reason)
      .SetFlag("declined", r.status == referral::Status::kDeclined)
      .Set("created_at", base::FormatSwedishDateTime(r.created_at))
      .Set("version", std::to_string(r.version))
      .SetFlag("is_recipient", recipient)
      .SetFlag("may_decide", recipient && (r.status == referral::Status::kSent ||
                                           r.status == referral::Status::kReceived))
      .SetFlag("may_finish", recipient && r.status == referral::Status::kAccepted)
      .SetFlag("suggest_register_person", r.suggest_register_person)
      .Set("public_id", r.public_id)
      // The sender learns only that the referral led to contact (secrecy between committees).
      .SetFlag("case_opened_for_sender", r.case_opened && !recipient)
      .Set("f_reason", Field(request, "reason"));
  // A section over an empty string still renders: these are set only when there is one.
  if (!r.linked_case.empty()) page.Set("linked_case", r.linked_case);
  if (!r.opened_case_number.empty()) {
    page.Set("opened_case_number", r.opened_case_number)
        .Set("opened_case_public_id", r.opened_case_public_id);
  }
  if (r.source_kind != referral::SourceKind::kNone) {
    page.Set("source_text",
             t.Get("referral.source." + std::string(referral::ToString(r.source_kind))))
        .Set("source_id", r.source_id)
        .SetFlag("has_source", true);
  }
  const std::string chosen = Field(request, "status");
  for (const std::string_view code : {"accepted", "declined"}) {
    render::View option;
    option.Set("code", code)
        .Set("name", t.Get("referral.decide." + std::string(code)))
        .SetFlag("checked", chosen == code);
    page.Append("decide_options", std::move(option));
  }
  for (const referral::ReferralEvent& event : r.events) {
    render::View row;
    row.Set("what", ReferralStatusText(t, event.status))
        .Set("who", event.user_display_name)
        .Set("when", base::FormatSwedishDateTime(event.occurred_at));
    page.Append("events", std::move(row));
  }
  const std::string done = request.QueryParam("done").value_or("");
  for (const std::string_view code : kDoneCodes) {
    if (done == code) page.Set("done_message", t.Get("referral.done_" + done));
  }
  AddReferralProblems(page, t, problems);
  return NoStore(frame_.Respond(status, "referral_show", locale, page));
}

http::Response ReferralPages::Show(http::Request& request) const {
  return RenderReferral(request, 200, {});
}

http::Response ReferralPages::ChangeStatus(http::Request& request) const {
  const auto signed_in = SignedInActor(frame_.site().tenant_id, request, kPurpose);
  if (!signed_in) return SignInFor(request);
  const std::string path = ReferralPath(request.PathParam("id"));
  const referral::StatusInput input{.status = Field(request, "status"),
                                    .reason = Field(request, "reason"),
                                    .expected_version = Number(Field(request, "version"), 0)};
  auto changed = referrals_.ChangeStatus(*signed_in, request.PathParam("id"), input);
  if (!changed) {
    // Someone else changed it: show it as it is now, and say so.
    if (changed.error().code == base::ErrorCode::kConflict) {
      return http::Response::Redirect(path + "?done=conflict");
    }
    return PersonFailure(errors_, changed.error(), request, path);
  }
  // A move the status does not allow (say, two people deciding at once) is a conflict: 409.
  if (!changed->ok()) {
    return RenderReferral(request, changed->illegal_transition ? 409 : 422, changed->problems);
  }
  return http::Response::Redirect(path + "?done=status");
}

}  // namespace fyren::pages
