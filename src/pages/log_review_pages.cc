#include "pages/log_review_pages.h"

#include <string>
#include <utility>

#include "base/random.h"
#include "base/swedish_time.h"
#include "http/url_encoding.h"
#include "pages/account_pages.h"
#include "pages/log_review_filter.h"
#include "pages/log_review_view.h"
#include "pages/sign_in_pages.h"
#include "pages/signed_in_actor.h"

namespace fyren::pages {
namespace {

using trust::sessions::SessionStage;

constexpr std::int64_t kPageSize = 50;

http::Response ToSignIn(const http::Request& request) {
  return http::Response::Redirect("/sign-in?next=" + http::PercentEncode(request.target));
}

void AddEntries(render::View& page, std::span<const trust::audit::AuditEntry> entries,
                const trust::audit::ReviewNames& names, const render::Catalog& catalog,
                std::string_view locale) {
  for (const auto& entry : entries) {
    page.Append("entries", EntryRowView(entry, names, catalog, locale));
  }
  page.SetFlag("has_entries", !entries.empty());
}

// The filter form's values, its errors (summary + per field) and the "older entries" link.
void AddFilter(render::View& page, const ReviewFilter& filter, const render::Catalog& catalog,
               std::string_view path, std::optional<std::int64_t> next_cursor) {
  page.Set("from", filter.from_text).Set("to", filter.to_text).Set("filter_action", path);
  for (const std::string_view code : ReviewFlagCodes()) {
    render::View option;
    option.Set("value", code)
        .Set("label", catalog.Get(code.empty() ? std::string("log_review.flag_any")
                                               : "audit_flag." + std::string(code)))
        .SetFlag("selected", code == filter.flag);
    page.Append("flag_options", std::move(option));
  }
  for (const auto& error : filter.errors) {
    render::View item;
    item.Set("field", error.field).Set("message", catalog.Get(error.message_key));
    page.Append("errors", std::move(item));
    page.Set(error.field + "_error", catalog.Get(error.message_key));
  }
  page.SetFlag("has_errors", !filter.errors.empty());
  if (next_cursor) {
    page.Set("older_href", std::string(path) + "?" + filter.QueryString() +
                               "&before=" + std::to_string(*next_cursor));
  }
}

}  // namespace

LogReviewPages::LogReviewPages(const render::TemplateSet& templates, SiteInfo site,
                               trust::audit::AuditReviewService& review)
    : frame_(templates, site), errors_(templates, site), review_(review) {}

std::optional<trust::Actor> LogReviewPages::SignedInActor(const http::Request& request) const {
  return pages::SignedInActor(frame_.site().tenant_id, request, "log_review");
}

http::Response LogReviewPages::Failure(const base::Error& error,
                                       const http::Request& request) const {
  // The extract needs a fresh second factor: ask for it, then come back here.
  if (error.code == base::ErrorCode::kForbidden && error.field == "step_up") {
    return http::Response::Redirect("/account/confirm?next=" +
                                    http::PercentEncode(SafeReturnPath(request.target)));
  }
  if (error.code == base::ErrorCode::kUnauthenticated) return ToSignIn(request);
  return errors_.ForError(error, request);
}

http::Response LogReviewPages::Flagged(http::Request& request) const {
  auto actor = SignedInActor(request);
  if (!actor) return ToSignIn(request);
  ReviewFilter filter = ParseReviewFilter(request, std::chrono::system_clock::now(), kPageSize);
  auto review = review_.Flagged(*actor, filter.flags, filter.query);
  // Sent back here by FindPerson: what was typed is not a person id.
  if (request.QueryParam("person_error") == "1") {
    filter.errors.push_back({"person", "log_review.error_person"});
  }
  if (!review) return Failure(review.error(), request);

  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "log_review.title", "audit");
  SetVisitor(page, request);
  AddFilter(page, filter, t, "/audit", review->page.next_cursor);
  page.SetFlag("show_flag_filter", true).SetFlag("has_bulk", !review->bulk.empty());
  page.SetFlag("show_entries", filter.flags.entries)
      .SetFlag("show_bulk", filter.flags.bulk && !filter.query.before_seq);
  AddEntries(page, review->page.entries, review->names, t, locale);
  for (const auto& run : review->bulk) {
    render::View item;
    const auto staff = review->names.staff.find(run.user_id);
    item.Set("from", base::FormatSwedishDateTime(run.from_us))
        .Set("to", base::FormatSwedishDateTime(run.to_us))
        .Set("count", std::to_string(run.distinct_persons));
    if (staff != review->names.staff.end()) {
      item.Set("user", staff->second.display_name)
          .Set("user_href", "/audit/users/" + staff->second.public_id);
    } else {
      item.Set("user", t.Get("log_review.unknown_user"));
    }
    page.Append("bulk", std::move(item));
  }
  page.SetFlag("bulk_too_many", review->bulk_too_many)
      .Set("bulk_rule", std::string(t.Get("log_review.bulk_rule_prefix")) + " " +
                            std::to_string(review_.options().bulk.threshold) + " " +
                            std::string(t.Get("log_review.bulk_rule_middle")) + " " +
                            std::to_string(review_.options().bulk.window.count()) + " " +
                            std::string(t.Get("log_review.bulk_rule_suffix")));
  return frame_.Respond(filter.errors.empty() ? 200 : 400, "log_review", locale, page);
}

http::Response LogReviewPages::FindPerson(http::Request& request) const {
  // Trimmed, since ids are often pasted; anything not shaped like a public id cannot name a
  // person, so it goes back to the start page.
  std::string id = request.QueryParam("id").value_or("");
  const auto first = id.find_first_not_of(" \t");
  id = first == std::string::npos ? "" : id.substr(first, id.find_last_not_of(" \t") - first + 1);
  if (!base::IsPublicId(id)) return http::Response::Redirect("/audit?person_error=1");
  return http::Response::Redirect("/audit/persons/" + id);
}

http::Response LogReviewPages::PersonHistory(http::Request& request) const {
  auto actor = SignedInActor(request);
  if (!actor) return ToSignIn(request);
  const std::string person_id(request.PathParam("id"));
  ReviewFilter filter = ParseReviewFilter(request, std::chrono::system_clock::now(), kPageSize);
  auto review = review_.AccessHistoryForPerson(*actor, person_id, filter.query);
  if (!review) return Failure(review.error(), request);

  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "log_review.person_title", "audit");
  SetVisitor(page, request);
  const std::string base_path = "/audit/persons/" + review->person.public_id;
  AddFilter(page, filter, t, base_path, review->page.next_cursor);
  page.Set("person_id", review->person.public_id)
      .Set("extract_href", base_path + "/extract?" + filter.QueryString())
      .Set("csv_href", base_path + "/extract.csv?" + filter.QueryString());
  AddEntries(page, review->page.entries, review->names, t, locale);
  return frame_.Respond(filter.errors.empty() ? 200 : 400, "log_review_person", locale, page);
}

http::Response LogReviewPages::UserActivity(http::Request& request) const {
  auto actor = SignedInActor(request);
  if (!actor) return ToSignIn(request);
  const std::string user_id(request.PathParam("id"));
  ReviewFilter filter = ParseReviewFilter(request, std::chrono::system_clock::now(), kPageSize);
  auto review = review_.ActivityOfUser(*actor, user_id, filter.query);
  if (!review) return Failure(review.error(), request);

  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "log_review.user_title", "audit");
  SetVisitor(page, request);
  AddFilter(page, filter, t, "/audit/users/" + review->user.public_id, review->page.next_cursor);
  page.Set("user_name", review->user.display_name);
  if (review->user.unit) {
    const auto unit = review->names.organisations.find(review->user.unit->value());
    if (unit != review->names.organisations.end()) {
      page.Set("user_unit", locale == "en" ? unit->second.name_en : unit->second.name_sv);
    }
  }
  AddEntries(page, review->page.entries, review->names, t, locale);
  return frame_.Respond(filter.errors.empty() ? 200 : 400, "log_review_user", locale, page);
}

http::Response LogReviewPages::ExtractPage(http::Request& request) const {
  auto actor = SignedInActor(request);
  if (!actor) return ToSignIn(request);
  const ReviewFilter filter =
      ParseReviewFilter(request, std::chrono::system_clock::now(), kPageSize);
  auto extract = review_.ExtractForPerson(*actor, request.PathParam("id"), filter.query.from_us,
                                          filter.query.to_us);
  if (!extract) return Failure(extract.error(), request);

  const auto locale = PageFrame::Locale(request.locale);
  const auto& t = frame_.catalog(locale);
  render::View page = frame_.NewPage(locale, "log_review.extract_title", "");
  SetVisitor(page, request);
  page.Set("person_id", extract->person.public_id)
      .Set("from", filter.from_text)
      .Set("to", filter.to_text)
      .Set("produced_at",
           base::FormatSwedishDateTime(base::ToUnixMicros(std::chrono::system_clock::now())))
      .Set("count", std::to_string(extract->page.entries.size()))
      .SetFlag("truncated", extract->page.next_cursor.has_value())
      .Set("back_href", "/audit/persons/" + extract->person.public_id)
      .SetFlag("print", true);
  AddEntries(page, extract->page.entries, extract->names, t, locale);
  http::Response response = frame_.Respond(200, "log_review_extract", locale, page);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

http::Response LogReviewPages::ExtractCsv(http::Request& request) const {
  auto actor = SignedInActor(request);
  if (!actor) return ToSignIn(request);
  const ReviewFilter filter =
      ParseReviewFilter(request, std::chrono::system_clock::now(), kPageSize);
  auto extract = review_.ExtractForPerson(*actor, request.PathParam("id"), filter.query.from_us,
                                          filter.query.to_us);
  if (!extract) return Failure(extract.error(), request);

  const auto locale = PageFrame::Locale(request.locale);
  http::Response response = http::Response::Text(
      200,
      pages::ExtractCsv(extract->page.entries, extract->names, frame_.catalog(locale), locale));
  response.SetHeader("Content-Type", "text/csv; charset=utf-8");
  // The public id is base32 text, safe inside the quoted file name.
  response.SetHeader("Content-Disposition",
                     "attachment; filename=\"fyren-logg-" + extract->person.public_id + ".csv\"");
  response.SetHeader("Cache-Control", "no-store");
  response.SetHeader("Content-Language", std::string(locale));
  return response;
}

}  // namespace fyren::pages
