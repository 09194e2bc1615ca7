#include "pages/log_review_filter.h"

#include <algorithm>
#include <charconv>

#include "base/swedish_time.h"
#include "http/url_encoding.h"
#include "trust/audit/audit_event.h"

namespace fyren::pages {
namespace {

constexpr std::int64_t kHourUs = 3'600'000'000;
constexpr std::int64_t kDayUs = 24 * kHourUs;
constexpr int kDefaultDays = 30;

std::int64_t StartOfLocalDay(std::int64_t unix_us) { return base::StartOfSwedishDay(unix_us); }

// Local midnight of the day after the local date that starts at `midnight`.
std::int64_t NextLocalMidnight(std::int64_t midnight) {
  return base::StartOfNextSwedishDay(base::ToSwedishLocal(midnight));
}

std::uint32_t FlagBit(std::string_view code) {
  if (code == "protected_identity") return trust::audit::kFlagProtectedIdentity;
  if (code == "emergency_access") return trust::audit::kFlagEmergencyAccess;
  if (code == "outside_own_unit") return trust::audit::kFlagOutsideOwnUnit;
  if (code == "night_time") return trust::audit::kFlagNightTime;
  if (code == "via_share") return trust::audit::kFlagViaShare;
  return 0;
}

}  // namespace

const std::vector<std::string_view>& ReviewFlagCodes() {
  static const std::vector<std::string_view> codes = {"",
                                                      "protected_identity",
                                                      "emergency_access",
                                                      "outside_own_unit",
                                                      "night_time",
                                                      "via_share",
                                                      "bulk"};
  return codes;
}

std::string ReviewFilter::QueryString() const {
  return "flag=" + http::PercentEncode(flag) + "&from=" + http::PercentEncode(from_text) +
         "&to=" + http::PercentEncode(to_text);
}

ReviewFilter ParseReviewFilter(const http::Request& request, base::TimePoint now,
                               std::int64_t page_size) {
  ReviewFilter filter;
  const std::int64_t today = StartOfLocalDay(base::ToUnixMicros(now));
  std::int64_t from = StartOfLocalDay(today - kDefaultDays * kDayUs + kDayUs / 2);
  std::int64_t to = NextLocalMidnight(today);
  filter.from_text = base::FormatSwedishDate(from);
  filter.to_text = base::FormatSwedishDate(today);

  const auto date = [&](std::string_view field, std::int64_t& target, std::string& text) {
    const auto value = request.QueryParam(field);
    if (!value || value->empty()) return;
    text = *value;
    const auto parsed = base::ParseIsoDate(*value);
    if (!parsed) {
      filter.errors.push_back({std::string(field), "log_review.error_date"});
      return;
    }
    target = base::FromSwedishLocal(*parsed);
    if (field == "to") target = NextLocalMidnight(target);
  };
  date("from", from, filter.from_text);
  date("to", to, filter.to_text);
  if (filter.errors.empty() && from >= to) {
    filter.errors.push_back({"to", "log_review.error_range"});
  }
  if (!filter.errors.empty()) {
    // Show the defaults' entries below the error summary rather than nothing.
    from = StartOfLocalDay(today - kDefaultDays * kDayUs + kDayUs / 2);
    to = NextLocalMidnight(today);
  }

  const std::string flag = request.QueryParam("flag").value_or("");
  const auto& codes = ReviewFlagCodes();
  if (std::find(codes.begin(), codes.end(), flag) != codes.end()) {
    filter.flag = flag;
  } else {
    filter.errors.push_back({"flag", "log_review.error_flag"});
  }
  filter.flags = trust::audit::FlagFilter{.flags = FlagBit(filter.flag),
                                          .entries = filter.flag != "bulk",
                                          .bulk = filter.flag.empty() || filter.flag == "bulk"};

  filter.query = trust::audit::ReviewQuery{
      .from_us = from, .to_us = to, .limit = page_size, .before_seq = std::nullopt};
  if (const auto before = request.QueryParam("before"); before && !before->empty()) {
    std::int64_t seq = 0;
    const auto [end, ec] = std::from_chars(before->data(), before->data() + before->size(), seq);
    // A broken cursor (an edited URL) starts from the newest entry again.
    if (ec == std::errc() && end == before->data() + before->size() && seq > 0) {
      filter.query.before_seq = seq;
    }
  }
  return filter;
}

}  // namespace fyren::pages
