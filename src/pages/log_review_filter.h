#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "http/message.h"
#include "trust/audit/audit_review.h"

namespace fyren::pages {

// The query of the log-review pages, decoded: ?flag=<code>&from=YYYY-MM-DD&to=YYYY-MM-DD&before=N.
// Dates are Swedish local dates; `to` is inclusive (the query ends at the next local midnight).
// Defaults: the last 30 days up to today. A value that does not decode is an error for its field
// (catalog key in `errors`), and the page is shown again with the default in its place.
struct ReviewFilter {
  std::string flag;       // "" (any flag), "protected_identity", ..., or "bulk"
  std::string from_text;  // as typed, shown back in the form
  std::string to_text;
  trust::audit::ReviewQuery query;
  trust::audit::FlagFilter flags;
  struct FieldError {
    std::string field;        // "flag", "from" or "to": the id of the input
    std::string message_key;  // catalog key
  };
  std::vector<FieldError> errors;

  // "flag=..&from=..&to=.." for links that keep the filter (a cursor is added by the caller).
  [[nodiscard]] std::string QueryString() const;
};

// The flag codes the filter offers, in the order of the select box ("" first).
[[nodiscard]] const std::vector<std::string_view>& ReviewFlagCodes();

[[nodiscard]] ReviewFilter ParseReviewFilter(const http::Request& request, base::TimePoint now,
                                             std::int64_t page_size);

}  // namespace fyren::pages
